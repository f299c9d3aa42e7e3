/**
 * Bench page: one long answer (10k, 100k, 1,000,000 characters of mixed markdown) in
 * `StreamingMarkdown` with Rivulet's styles.css, in a 700 px scroll container kept at the
 * bottom as a chat keeps a streaming answer. Per-token cost of the same probe passage at
 * every length; and the answer's last characters streamed at a fixed token rate by a timer,
 * committed once per animation frame by the chat client's own frame scheduler into a
 * `useSyncExternalStore` store (how `useChat` renders: a synchronous render in the frame).
 * The text goes with its `TextLog` version, as `Message` passes a streamed text part's.
 */
import { useSyncExternalStore } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import '../../src/styles.css'
import { StreamingMarkdown } from '../../src/components/markdown/streaming-markdown.tsx'
import { createFrameScheduler } from '../../src/core/frame-scheduler.ts'
import { createTextLog, type TextVersion } from '../../src/core/text-log.ts'
import { domQuiet, nextTask } from './dom-quiet.ts'
import { longAnswer, probePassage, tokenize } from './long-answer-corpus.ts'
import type { LongMountResult, LongMountRun, LongStreamResult, LongStreamRun, LongTokenResult, LongTokenRun } from './long-answers-types.ts'
import { afterFrame, watchLongTasks } from './thread-probes.ts'
import { exposeBench } from './bench-window.ts'
import { afterPaint } from './after-paint.ts'

const PROBE = tokenize(probePassage())

/**
 * The answer's text as a tiny external store, as the chat client's store is, with the text's
 * logged version beside it, as the chat client logs a text part and `Message` passes it.
 */
function createTextStore(initial: string) {
  const log = createTextLog(initial)
  let value: { text: string; version: TextVersion } = { text: initial, version: { log, end: log.length } }
  const listeners = new Set<() => void>()
  return {
    get: () => value,
    /** Appends `piece` to the text (never reading the text: a read of a long string copies all of it). */
    append(piece: string) {
      if (piece === '') return
      value = { text: value.text + piece, version: log.append(piece) }
      for (const listener of listeners) listener()
    },
    subscribe(listener: () => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
type TextStore = ReturnType<typeof createTextStore>

function Answer({ store }: { store: TextStore }) {
  const { text, version } = useSyncExternalStore(store.subscribe, store.get)
  return (
    <div data-rivulet="message" data-role="assistant">
      <StreamingMarkdown streaming textLog={version}>{text}</StreamingMarkdown>
    </div>
  )
}

function mount(initial: string) {
  const app = document.getElementById('app')!
  const store = createTextStore(initial)
  const root = createRoot(app)
  const start = performance.now()
  flushSync(() => root.render(<Answer store={store} />))
  void app.offsetHeight
  const mountMs = performance.now() - start
  app.scrollTop = app.scrollHeight
  return { app, store, mountMs, unmount: () => root.unmount() }
}

const lastWordOf = (text: string) => text.trim().split(/\s+/).at(-1)!.replace(/[^A-Za-z0-9]/g, '')
const endsWith = (app: HTMLElement, text: string) => (app.textContent ?? '').slice(-3000).includes(lastWordOf(text))

async function tokenCost(run: LongTokenRun): Promise<LongTokenResult> {
  // Cut at a section's end, so the probe always starts a new section after the same kind of block.
  const base = longAnswer(run.size).sections
  const mounted = mount(base)
  await domQuiet(mounted.app, 300, 60_000)
  const blocks = mounted.app.querySelectorAll('[data-rivulet="markdown"] > * > *').length
  const commitLayout: number[] = []
  const toPixels: number[] = []
  const count = Math.min(PROBE.length, run.warmupTokens + run.tokens)
  for (let i = 0; i < count; i++) {
    // The timed tokens, for a trace of this run (bench/scratch or a profiler).
    if (i === run.warmupTokens) performance.mark('bench:window-start')
    const began = await new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())))
    flushSync(() => mounted.store.append(PROBE[i]!))
    void mounted.app.offsetHeight
    const laidOut = performance.now()
    // A task queued from the frame's callbacks runs once that frame has been styled, laid out and painted.
    await afterPaint()
    if (i >= run.warmupTokens) {
      commitLayout.push(laidOut - began)
      toPixels.push(performance.now() - began)
    }
    // Kept at the bottom as a chat follows a streaming answer, outside the timing.
    mounted.app.scrollTop = mounted.app.scrollHeight
    await nextTask()
  }
  performance.mark('bench:window-end')
  const textOk = endsWith(mounted.app, mounted.store.get().text)
  mounted.unmount()
  return { commitLayout, toPixels, mountMs: mounted.mountMs, blocks, textOk }
}

async function stream(run: LongStreamRun): Promise<LongStreamResult> {
  const whole = longAnswer(run.settledChars + run.streamedChars).text
  const settled = whole.slice(0, run.settledChars)
  const tokens = tokenize(whole.slice(run.settledChars))
  const mounted = mount(settled)
  await domQuiet(mounted.app, 300, 60_000)
  await nextTask()

  const scheduler = createFrameScheduler()
  // Released since the last commit.
  let pending = ''
  const commitMs: number[] = []
  const commitChars: number[] = []
  const commit = () => {
    const start = performance.now()
    mounted.store.append(pending)
    commitChars.push(pending.length)
    pending = ''
    // React renders a useSyncExternalStore update in a microtask it queued first: this one runs after the commit.
    queueMicrotask(() => {
      commitMs.push(performance.now() - start)
      mounted.app.scrollTop = mounted.app.scrollHeight
    })
  }
  const stop = watchLongTasks()
  performance.mark('bench:window-start')
  const began = performance.now()
  const interval = 1000 / run.rate
  let next = 0
  await new Promise<void>((resolve) => {
    // A timer releases every token that is due, as chunks arrive from the network.
    const tick = () => {
      const now = performance.now()
      while (next < tokens.length && began + next * interval <= now) pending += tokens[next++]!
      scheduler.schedule(commit)
      if (next === tokens.length) resolve()
      else setTimeout(tick, Math.max(0, began + next * interval - performance.now()))
    }
    tick()
  })
  const streamMs = performance.now() - began
  // A message behind the stream shows the rest over the next frames: those are in the window too.
  const lastWord = lastWordOf(whole)
  const tail = () => mounted.app.querySelector('[data-rivulet="markdown"]')?.lastElementChild?.lastElementChild?.textContent ?? ''
  for (let waited = 0; !tail().includes(lastWord) && waited < 30_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50))
  const caughtUpMs = performance.now() - began
  await afterFrame()
  await new Promise((resolve) => setTimeout(resolve, 200))
  performance.mark('bench:window-end')
  const longTasks = stop()
  const textOk = mounted.store.get().text === whole && endsWith(mounted.app, whole)
  await nextTask()
  mounted.unmount()
  return { tokens: tokens.length, commits: commitMs.length, maxCommitMs: Math.max(...commitMs), commitMs, commitChars, streamMs, caughtUpMs, longTasks, textOk }
}

/** The section headings' numbers (`## 12. …`) in DOM order. */
const headingNumbers = (app: HTMLElement) => [...app.querySelectorAll('h2')].map((h) => Number.parseInt(h.textContent ?? '', 10))

async function settledMount(run: LongMountRun): Promise<LongMountResult> {
  const text = longAnswer(run.size).text
  const sections = text.match(/^## \d+\./gm)?.length ?? 0
  const lastWord = lastWordOf(text)
  const app = document.getElementById('app')!
  const content = app.appendChild(document.createElement('div'))
  // Kept at the bottom while it grows, as a chat keeps a restored thread: before each paint, as its auto-scroll does.
  const pin = new ResizeObserver(() => {
    app.scrollTop = app.scrollHeight
  })
  pin.observe(content)
  const root = createRoot(content)
  await nextTask()
  const stop = watchLongTasks()
  performance.mark('bench:window-start')
  const began = performance.now()
  root.render(
    <div data-rivulet="message" data-role="assistant">
      <StreamingMarkdown>{text}</StreamingMarkdown>
    </div>,
  )
  let firstScreenMs = Number.NaN
  let totalMs = Number.NaN
  // Cheap checks each frame (the bench must not add long tasks of its own): the last block's text, and whether the root is still busy.
  const lastBlockText = () => app.querySelector('[data-rivulet="markdown"]')?.lastElementChild?.lastElementChild?.textContent ?? ''
  for (let waited = 0; waited < 600_000; ) {
    await afterFrame()
    const now = performance.now()
    if (Number.isNaN(firstScreenMs) && lastBlockText().includes(lastWord)) {
      firstScreenMs = now - began
      performance.mark('bench:first-screen')
    }
    // The root is aria-busy until its last placeholder is gone (checked again below, outside the window).
    if (app.querySelector('[data-rivulet="markdown"]:not([aria-busy])')) {
      totalMs = now - began
      break
    }
    waited = now - began
  }
  performance.mark('bench:window-end')
  const longTasks = stop()
  pin.disconnect()
  await nextTask()
  const numbers = headingNumbers(app)
  const inOrder = !app.querySelector('[data-rivulet="markdown-placeholder"]') && numbers.length === sections && numbers.every((n, i) => n === i + 1) && lastBlockText().includes(lastWord)
  root.unmount()
  content.remove()
  return { firstScreenMs, totalMs, headings: numbers.length, inOrder, longTasks }
}

exposeBench({ longTokenCost: tokenCost, longStream: stream, longMount: settledMount })
