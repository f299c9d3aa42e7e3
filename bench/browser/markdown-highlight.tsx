/**
 * Bench page: a 200-line TypeScript fence streams into `StreamingMarkdown`, then closes and
 * is highlighted by `CodeBlock` (Shiki, loaded on demand). The page imports nothing else that
 * could preload the highlighter, so the requests it makes are what highlighting costs.
 */
import { flushSync } from 'react-dom'
import '../../src/styles.css'
import { nextTask } from './dom-quiet.ts'
import type { HighlightResult, HighlightRun } from './markdown-types.ts'
import { exposeBench } from './bench-window.ts'
import { mountStreamingHost, typescriptLines } from './highlight-setup.tsx'

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
  let text = 'Here is the module you asked for:\n\n```ts\n'
  const host = mountStreamingHost(text)
  const { container } = host

  performance.mark('bench:stream-start')
  const updates: number[] = []
  for (const line of typescriptLines(run.lines, { blockComments: false })) {
    // Word-sized tokens, as a model sends them.
    for (const token of line.match(/\s*\S+/g) ?? []) {
      text += token
      updates.push(update(() => host.show(text)))
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
  const closeUpdateMs = update(() => host.show(text, false))
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
  // Unmounting is not highlighting: a task of its own, after the end mark (it ran in the task
  // holding the mark, and the window counted it: the 18.8 ms "longest task" of an earlier run).
  await nextTask()
  host.unmount()
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
