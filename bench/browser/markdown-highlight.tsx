/**
 * Bench page: a 200-line TypeScript fence streams into `StreamingMarkdown`, then closes and
 * is highlighted by `CodeBlock` (Shiki, loaded on demand). The page imports nothing else that
 * could preload the highlighter, so the requests it makes are what highlighting costs.
 */
import { useState } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import '../../src/styles.css'
import { StreamingMarkdown } from '../../src/components/markdown/streaming-markdown.tsx'
import { nextTask } from './dom-quiet.ts'
import type { HighlightResult, HighlightRun } from './markdown-types.ts'
import { exposeBench } from './bench-window.ts'

let setShown: ((text: string) => void) | undefined
let setStreaming: ((streaming: boolean) => void) | undefined

function Host({ initial }: { initial: string }) {
  const [text, setText] = useState(initial)
  const [streaming, setIsStreaming] = useState(true)
  setShown = setText
  setStreaming = setIsStreaming
  return <StreamingMarkdown streaming={streaming}>{text}</StreamingMarkdown>
}

function typescriptLines(count: number): string[] {
  const unit = (i: number) => [
    `/** Item ${i}: a documented interface with generics. */`,
    `export interface Item${i}<T extends Record<string, unknown>> {`,
    `  readonly id: \`item-\${number}\``,
    `  value?: T | null // trailing comment ${i}`,
    `}`,
    `export async function load${i}(url: string, retries = ${i % 5}): Promise<Item${i}<{ n: number }>> {`,
    `  const response = await fetch(url, { headers: { accept: 'application/json' } })`,
    `  if (!response.ok && retries > 0) return load${i}(url, retries - 1)`,
    `  return (await response.json()) as Item${i}<{ n: number }>`,
    `}`,
  ]
  const lines: string[] = []
  for (let i = 0; lines.length < count; i++) lines.push(...unit(i))
  return lines.slice(0, count)
}

interface LoafScript {
  duration: number
  sourceURL: string
  sourceFunctionName: string
  invoker: string
}

function update(apply: () => void): number {
  const start = performance.now()
  flushSync(apply)
  void document.body.offsetHeight
  return performance.now() - start
}

async function highlight(run: HighlightRun): Promise<HighlightResult> {
  const container = document.createElement('div')
  document.getElementById('app')!.append(container)
  const root = createRoot(container)
  let text = 'Here is the module you asked for:\n\n```ts\n'
  flushSync(() => root.render(<Host initial={text} />))

  performance.mark('bench:stream-start')
  const updates: number[] = []
  for (const line of typescriptLines(run.lines)) {
    // Word-sized tokens, as a model sends them.
    for (const token of line.match(/\s*\S+/g) ?? []) {
      text += token
      updates.push(update(() => setShown!(text)))
      await nextTask()
    }
    text += '\n'
  }

  const longTasks: number[] = []
  const loafScripts: LoafScript[] = []
  const longTaskObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration)
  })
  longTaskObserver.observe({ type: 'longtask' })
  const loafObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { scripts?: LoafScript[] })[]) {
      for (const s of entry.scripts ?? []) {
        loafScripts.push({ duration: s.duration, sourceURL: s.sourceURL, sourceFunctionName: s.sourceFunctionName, invoker: s.invoker })
      }
    }
  })
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) loafObserver.observe({ type: 'long-animation-frame' })

  performance.mark('bench:fence-close')
  const closed = performance.now()
  text += '```\n\nThat is the whole module.'
  const closeUpdateMs = update(() => {
    setShown!(text)
    setStreaming!(false)
  })
  const block = () => container.querySelector<HTMLElement>('[data-rivulet="code-block"]')
  while (block()?.dataset.state !== 'highlighted') {
    await new Promise((resolve) => requestAnimationFrame(resolve))
    if (performance.now() - closed > 60_000) throw new Error('the code block was never highlighted')
  }
  const highlightMs = performance.now() - closed
  performance.mark('bench:highlighted')
  // Entries of the last tasks and frames arrive a little later.
  await new Promise((resolve) => setTimeout(resolve, 200))
  for (const entry of longTaskObserver.takeRecords()) longTasks.push(entry.duration)
  longTaskObserver.disconnect()
  loafObserver.disconnect()
  performance.mark('bench:settled')

  const highlightedLines = block()!.querySelectorAll('[data-rivulet="code-line"]').length
  root.unmount()
  container.remove()
  const slowest = updates.map((ms, index) => ({ index, ms })).sort((a, b) => b.ms - a.ms).slice(0, 3)
  const sorted = [...updates].sort((a, b) => a - b)
  return {
    streamingMaxUpdateMs: sorted[sorted.length - 1] ?? 0,
    streamingMedianUpdateMs: sorted[sorted.length >> 1] ?? 0,
    streamingTokens: updates.length,
    slowestUpdates: slowest,
    closeUpdateMs, highlightMs, longTasks, loafScripts, highlightedLines }
}

exposeBench({ highlight })
