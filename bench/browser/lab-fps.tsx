/**
 * Bench page: the Stream Lab story component itself (`<Chat>` beside the `StreamInspector`,
 * replaying through `createReplayTransport`) plays the largest fixture, and a rAF loop started
 * before it mounts records every frame and the chat's `data-state` in it. The streaming window
 * is read from that state, so it is what the user saw: from the first frame showing
 * `streaming` to the first frame showing the end.
 */
import { createRoot } from 'react-dom/client'
import { decodeText } from '../../src/protocol/decoders/decode-stream.ts'
import { StreamLab, type LabSettings } from '../../stories/lab/stream-lab.tsx'
import { loadFixture } from '../../stories/support/fixtures.ts'
import { exposeBench } from './bench-window.ts'
import { frameRate, type FrameWindow } from './lab-fps-frames.ts'
import type { LabFpsResult, LabFpsRun, LongFrameBreakdown } from './lab-fps-types.ts'

const FIXTURE = 'huggingface-chat-long-markdown-think-tags'
const TERMINAL = new Set(['ready', 'error'])

/** The fields of a `long-animation-frame` entry this page reads (not yet in TypeScript's DOM lib). */
interface LoafEntry extends PerformanceEntry {
  renderStart: number
  styleAndLayoutStart: number
  scripts: { invoker: string; invokerType: string; sourceFunctionName: string; duration: number }[]
}

function settings(speed: LabFpsRun['speed']): LabSettings {
  return { source: `fixture:${FIXTURE}`, format: 'openai-chat', speed, tokensPerSecond: 100, faults: [], atEvent: 0, prompt: 'How do I cross the street?' }
}

const squash = (text: string) => text.replace(/[*_`>#]/g, '').replace(/\s+/g, ' ').trim()

let expectedTail: string | undefined
/** The answer's last paragraph as text, decoded from the fixture by the library's own decoder. */
async function answerTail(): Promise<string> {
  if (expectedTail !== undefined) return expectedTail
  const answer = decodeText(await loadFixture(FIXTURE), 'openai-chat')
    .map((event) => (event.type === 'token' ? event.content : ''))
    .join('')
  expectedTail = squash(answer.trim().split(/\n\n+/).at(-1) ?? '')
  if (expectedTail.length < 20) throw new Error(`the fixture's answer ends in "${expectedTail}", too short to recognise`)
  return expectedTail
}

function overlaps(entry: PerformanceEntry, window: FrameWindow): boolean {
  return entry.startTime < window.to && entry.startTime + entry.duration > window.from
}

function breakdown(frames: readonly LoafEntry[]): LongFrameBreakdown {
  const invokers = new Map<string, { ms: number; n: number }>()
  let scriptMs = 0
  let renderMs = 0
  let styleLayoutMs = 0
  for (const frame of frames) {
    const end = frame.startTime + frame.duration
    if (frame.renderStart > 0) renderMs += end - frame.renderStart
    if (frame.styleAndLayoutStart > 0) styleLayoutMs += end - frame.styleAndLayoutStart
    for (const script of frame.scripts) {
      scriptMs += script.duration
      const key = `${script.invoker} (${script.invokerType}${script.sourceFunctionName ? ` ${script.sourceFunctionName}` : ''})`
      const sum = invokers.get(key) ?? { ms: 0, n: 0 }
      invokers.set(key, { ms: sum.ms + script.duration, n: sum.n + 1 })
    }
  }
  const topInvokers = [...invokers]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 4)
    .map(([key, { ms, n }]) => `${key} ${ms.toFixed(0)} ms ×${n}`)
  return { scriptMs, renderMs, styleLayoutMs, topInvokers }
}

async function labFps(run: LabFpsRun): Promise<LabFpsResult> {
  const tail = await answerTail()
  const loafSupported = PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')
  const loafs: LoafEntry[] = []
  const longTasks: PerformanceEntry[] = []
  const loafObserver = new PerformanceObserver((list) => loafs.push(...(list.getEntries() as LoafEntry[])))
  const taskObserver = new PerformanceObserver((list) => longTasks.push(...list.getEntries()))
  if (loafSupported) loafObserver.observe({ type: 'long-animation-frame' })
  taskObserver.observe({ type: 'longtask' })

  const container = document.createElement('div')
  document.getElementById('app')!.append(container)
  const frames: number[] = []
  let begin: number | undefined
  let end: number | undefined
  let finished!: () => void
  const done = new Promise<void>((resolve) => (finished = resolve))
  // Requested before the lab mounts, so this callback runs first in every frame and sees the
  // DOM as the previous frame painted it.
  let handle = requestAnimationFrame(function tick(now) {
    const state = container.querySelector<HTMLElement>('[data-rivulet="chat"]')?.dataset.state
    frames.push(now)
    // An instant replay can mount, stream and finish between two frames, so its window opens
    // at the last frame before the chat appeared; a timed replay's opens on `streaming`.
    if (begin === undefined && (run.speed === 'instant' ? state !== undefined : state === 'streaming')) {
      begin = run.speed === 'instant' ? (frames.at(-2) ?? now) : now
      performance.mark('lab-fps:begin')
    }
    const over = begin !== undefined && state !== undefined && TERMINAL.has(state)
    const timeUp = begin !== undefined && run.stopAfterMs !== undefined && now - begin >= run.stopAfterMs
    if (end === undefined && (over || timeUp)) {
      end = now
      performance.mark('lab-fps:end')
      finished()
    }
    handle = requestAnimationFrame(tick)
  })
  const root = createRoot(container)
  root.render(<StreamLab initial={settings(run.speed)} />)

  const limit = setTimeout(finished, run.maxMs)
  await done
  clearTimeout(limit)
  const finalState = container.querySelector<HTMLElement>('[data-rivulet="chat"]')?.dataset.state ?? 'not mounted'
  const shown = squash(container.querySelector('[data-rivulet="chat"]')?.textContent ?? '')
  // Two more frames, so the frame that ended the window has a successor and its LoAF is reported.
  for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve))
  cancelAnimationFrame(handle)
  root.unmount()
  container.remove()
  loafs.push(...(loafObserver.takeRecords() as LoafEntry[]))
  longTasks.push(...taskObserver.takeRecords())
  loafObserver.disconnect()
  taskObserver.disconnect()

  if (begin === undefined || end === undefined) {
    throw new Error(`lab at ${run.speed}: no streaming window within ${run.maxMs} ms (chat state ${finalState}, ${frames.length} frames)`)
  }
  const window = { from: begin, to: end }
  const figures = frameRate(frames, window)
  const long = loafs.filter((entry) => overlaps(entry, window))
  return {
    run,
    finalState,
    answerOk: TERMINAL.has(finalState) ? shown.includes(tail) : false,
    ...figures,
    longestLoafMs: Math.max(0, ...long.map((entry) => entry.duration)),
    longFrames: long.length,
    longTasks: longTasks.filter((entry) => overlaps(entry, window)).length,
    breakdown: breakdown(long),
    loafSupported,
  }
}

exposeBench({ labFps })
