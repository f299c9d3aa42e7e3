/**
 * Bench page: huge single blocks (a 2,000-row table, a 3,000-line TypeScript fence) streamed
 * into `StreamingMarkdown` (with Rivulet's real styles.css), naive react-markdown and
 * streamdown; and the denial-of-service inputs rendered once.
 */
import { useState, type ComponentType } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import Markdown from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { Streamdown } from 'streamdown'
import 'streamdown/styles.css'
import '../../src/styles.css'
import { StreamingMarkdown } from '../../src/components/markdown/streaming-markdown.tsx'
import { domQuiet, nextTask } from './dom-quiet.ts'
import type { DosResult, HugeContender, HugeKind, HugeStepResult, HugeStepRun, HugeStreamResult, HugeStreamRun } from './huge-blocks-types.ts'
import { exposeBench } from './bench-window.ts'
import { watchLongTasks } from '../../test/support/long-tasks.ts'
import { STREAMDOWN_THEMES, highlightsSettled, streamdownShiki } from './streamdown-shiki.ts'

const table =
  'Results:\n\n| n | name | value | note |\n|---:|---|---:|---|\n' +
  Array.from({ length: 2_000 }, (_, i) => `| ${i} | **item ${i}** | ${(i * 1.5).toFixed(1)} | \`code ${i % 7}\` |`).join('\n') +
  '\n'
const fence =
  'Code:\n\n```ts\n' +
  Array.from({ length: 3_000 }, (_, i) => `export const value${i}: number = compute(${i}, "text ${i}") // note ${i}`).join('\n') +
  '\n```\n'
const blocks: Record<HugeKind, string> = { table, fence }

const streamdownPlugins = { code: streamdownShiki }

/**
 * Each contender with its real CSS; Rivulet and streamdown colour fences (streamdown through its
 * code plugin, `streamdown-shiki.ts`), naive react-markdown as the tutorials write it.
 */
const contenders: Record<HugeContender, ComponentType<{ text: string; streaming: boolean }>> = {
  rivulet: ({ text, streaming }) => <StreamingMarkdown streaming={streaming}>{text}</StreamingMarkdown>,
  'react-markdown': ({ text }) => <Markdown remarkPlugins={[remarkGfm]}>{text}</Markdown>,
  streamdown: ({ text, streaming }) => (
    <Streamdown isAnimating={streaming} plugins={streamdownPlugins} shikiTheme={STREAMDOWN_THEMES}>
      {text}
    </Streamdown>
  ),
}

/** Fences with colours: Rivulet's and streamdown's coloured tokens carry inline styles. */
const colouredBlocks = (container: HTMLElement) => [...container.querySelectorAll('pre')].filter((pre) => pre.querySelector('span[style]') !== null).length

let setShown: ((text: string) => void) | undefined

function Host({ initial, contender }: { initial: string; contender: HugeContender }) {
  const [text, setText] = useState(initial)
  setShown = setText
  const Contender = contenders[contender]
  return <Contender text={text} streaming />
}

function timedUpdate(apply: () => void): number {
  const start = performance.now()
  flushSync(apply)
  void document.body.offsetHeight
  return performance.now() - start
}

function mount(contender: HugeContender, initial: string) {
  const container = document.createElement('div')
  document.getElementById('app')!.append(container)
  const root = createRoot(container)
  flushSync(() => root.render(<Host initial={initial} contender={contender} />))
  return {
    container,
    unmount() {
      root.unmount()
      container.remove()
    },
  }
}

const structureOk = (container: HTMLElement, kind: HugeKind) =>
  kind === 'table' ? container.querySelectorAll('table tbody tr').length > 100 : container.querySelector('pre code') !== null

async function stepCost(run: HugeStepRun): Promise<HugeStepResult> {
  const text = blocks[run.kind]
  const cut = (k: number) => text.slice(0, Math.floor((text.length * k) / run.of))
  const first = Math.floor(run.startFraction * run.of)
  const mounted = mount(run.contender, cut(first))
  await domQuiet(mounted.container, 300, 30_000)
  const coloured = colouredBlocks(mounted.container)
  const samples: number[] = []
  for (let k = first + 1; k <= first + run.steps; k++) {
    samples.push(timedUpdate(() => setShown!(cut(k))))
    await nextTask()
  }
  const ok = structureOk(mounted.container, run.kind)
  mounted.unmount()
  // streamdown's highlights of the timed steps run in tasks of their own: done before the next measurement.
  await highlightsSettled()
  return { samples, structureOk: ok, colouredBlocks: coloured }
}

async function stream(run: HugeStreamRun): Promise<HugeStreamResult> {
  const text = blocks[run.kind]
  performance.mark('bench:window-start')
  const mounted = mount('rivulet', '')
  const stop = watchLongTasks()
  let maxStepMs = 0
  for (let k = 1; k <= run.of; k++) {
    maxStepMs = Math.max(maxStepMs, timedUpdate(() => setShown!(text.slice(0, Math.floor((text.length * k) / run.of)))))
    await new Promise((resolve) => requestAnimationFrame(resolve))
  }
  await new Promise((resolve) => setTimeout(resolve, 200))
  performance.mark('bench:window-end')
  const longTasks = stop()
  const ok = structureOk(mounted.container, run.kind)
  // Unmounting is not streaming: a task of its own, after the observer and the end mark.
  await nextTask()
  mounted.unmount()
  return { longTasks, maxStepMs, structureOk: ok }
}

const dosInputs: Record<string, () => string> = {
  nesting: () => '> - ['.repeat(5_000) + 'deep' + ']'.repeat(5_000),
  lines: () => Array.from({ length: 100_000 }, (_, i) => `line ${i}`).join('\n'),
}

async function dos(which: string): Promise<DosResult> {
  const text = dosInputs[which]!()
  const container = document.createElement('div')
  document.getElementById('app')!.append(container)
  const root = createRoot(container)
  const stop = watchLongTasks()
  const started = performance.now()
  const renderMs = timedUpdate(() => root.render(<StreamingMarkdown>{text}</StreamingMarkdown>))
  // A long input may mount in background slices: the run lasts until all of it is in the DOM,
  // and every task until then counts.
  while (container.querySelector('[aria-busy="true"]') !== null) await new Promise((resolve) => requestAnimationFrame(resolve))
  const completeMs = performance.now() - started
  await new Promise((resolve) => setTimeout(resolve, 200))
  const longTasks = stop()
  const textOk = which !== 'lines' || container.textContent === text
  root.unmount()
  container.remove()
  return { renderMs, longTasks, completeMs, textOk }
}

exposeBench({ hugeStepCost: stepCost, hugeStream: stream, dos })
