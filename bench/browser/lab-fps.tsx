/**
 * Bench page: the Stream Lab story component itself (`<Chat>` beside the `StreamInspector`,
 * replaying through `createReplayTransport`) plays the largest fixture, and a rAF loop started
 * before it mounts records every frame and the chat's `data-state` in it. The streaming window
 * is read from that state, so it is what the user saw: from the first frame showing
 * `streaming` to the first frame showing the end.
 */
import { useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
// The lab as Storybook shows it: the library's stylesheet is loaded by the preview there.
import '../../src/styles.css'
import { Chat } from '../../src/components/chat/chat.tsx'
import { StreamInspector } from '../../src/components/inspector/stream-inspector.tsx'
import { createChatClient, type ChatClient } from '../../src/core/chat-client.ts'
import { createReplayTransport } from '../../src/mocks/replay.ts'
import { decodeText } from '../../src/protocol/decoders/decode-stream.ts'
import { loadLabRecording } from '../../stories/lab/lab-sources.ts'
import { StreamLab, type LabSettings } from '../../stories/lab/stream-lab.tsx'
import { loadFixture } from '../../stories/support/fixtures.ts'
import { exposeBench } from './bench-window.ts'
import { frameRate, type FrameWindow } from './lab-fps-frames.ts'
import type { LabFpsResult, LabFpsRun, LabFpsView, LongFrameBreakdown } from './lab-fps-types.ts'

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

/** The client of a `chat` or `inspector` view, read by the frame loop for the status. */
let halfClient: ChatClient | undefined

/**
 * One half of the lab, built as `StreamLab` builds it: the same recording and replay transport,
 * sent after the component has subscribed, in the same two-column grid so widths match.
 */
function LabHalf({ view, settings }: { view: Exclude<LabFpsView, 'lab'>; settings: LabSettings }) {
  const [client, setClient] = useState<ChatClient>()
  useEffect(() => {
    let cancelled = false
    void loadLabRecording(settings.source, settings.format).then((recording) => {
      if (cancelled) return
      const speed = settings.speed === 'instant' ? 'instant' : Number(settings.speed)
      setClient(createChatClient({ transport: createReplayTransport(recording, { speed }), format: recording.header.format }))
    })
    return () => {
      cancelled = true
    }
  }, [settings])
  useEffect(() => {
    if (!client) return
    halfClient = client
    void client.send(settings.prompt)
    return () => client.destroy()
  }, [client, settings.prompt])
  if (!client) return null
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 16, alignItems: 'start' }}>
      <section aria-label="Replayed chat">{view === 'chat' ? <Chat chat={client} style={{ height: 560 }} /> : null}</section>
      <section aria-label="Stream inspector">{view === 'inspector' ? <StreamInspector chat={client} maxEntries={120} /> : null}</section>
    </div>
  )
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

/**
 * The chat's status as the page shows it: `<Chat>`'s `data-state` (what the last commit
 * painted), or the client's own status when only the inspector is mounted.
 */
function chatStatus(container: HTMLElement, view: LabFpsView): string | undefined {
  if (view === 'inspector') return halfClient?.getSnapshot().status
  return container.querySelector<HTMLElement>('[data-rivulet="chat"]')?.dataset.state
}

async function labFps(run: LabFpsRun): Promise<LabFpsResult> {
  const tail = await answerTail()
  const view = run.view ?? 'lab'
  performance.clearMarks('lab-fps:begin')
  performance.clearMarks('lab-fps:end')
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
    const state = chatStatus(container, view)
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
  root.render(view === 'lab' ? <StreamLab initial={settings(run.speed)} /> : <LabHalf view={view} settings={settings(run.speed)} />)

  const limit = setTimeout(finished, run.maxMs)
  await done
  clearTimeout(limit)
  const finalState = chatStatus(container, view) ?? 'not mounted'
  // Two more frames, so the frame that ended the window has a successor and its LoAF is
  // reported, and the inspector (which commits once per frame) has shown the end.
  for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve))
  const shown =
    view === 'inspector'
      ? container.querySelector<HTMLElement>('[data-rivulet="stream-inspector"]')?.dataset.state === 'done'
      : squash(container.querySelector('[data-rivulet="chat"]')?.textContent ?? '').includes(tail)
  halfClient = undefined
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
    answerOk: TERMINAL.has(finalState) && shown,
    ...figures,
    longestLoafMs: Math.max(0, ...long.map((entry) => entry.duration)),
    longFrames: long.length,
    longTasks: longTasks.filter((entry) => overlaps(entry, window)).length,
    breakdown: breakdown(long),
    loafSupported,
  }
}

exposeBench({ labFps })
