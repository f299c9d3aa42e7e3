import type { ChatClient } from '../../core/chat-client.ts'
import { createFrameScheduler, type FrameScheduler } from '../../core/frame-scheduler.ts'
import type { ChatMetrics } from '../../core/metrics.ts'
import type { StreamLogEntry } from '../../core/stream-log.ts'
import { commitsPerSecond, pruneSamples, type CommitSample } from './commit-rate.ts'

/**
 * One network read as it arrived: `at` is ms since the turn's request.
 *
 * @example
 * const frame: InspectorFrame = { id: 7, at: 412, bytes: 58, text: 'data: {"type":"token"…}\n\n' }
 */
export interface InspectorFrame {
  /** Unique for the store's lifetime: a stable React key as old frames scroll away. */
  id: number
  at: number
  bytes: number
  text: string
}

/**
 * What an inspector shows, published at most once per animation frame.
 *
 * @example
 * const { entries, frames, metrics } = store.getSnapshot()
 */
export interface InspectorSnapshot {
  /** The current turn's wire log (a new send starts it again; retries and resumes stay in it). */
  entries: readonly StreamLogEntry[]
  /** The newest `maxEntries` chunks of the turn, oldest first. */
  frames: readonly InspectorFrame[]
  /** Chunks of the turn that no longer fit in `frames`. */
  hiddenFrames: number
  metrics: ChatMetrics
  /** React commits per second over the last second, `undefined` until measurable. */
  commitsPerSecond: number | undefined
}

/**
 * @example
 * createInspectorStore(client, { maxEntries: 50, scheduler: syncScheduler })
 */
export interface InspectorStoreOptions {
  /** How many raw frames to keep. @default 200 */
  maxEntries?: number
  /** Batches notifications; the default is one per animation frame. */
  scheduler?: FrameScheduler
  /** Clock of the commit-rate samples. @default performance.now */
  now?: () => number
}

/**
 * @example
 * const store: InspectorStore = createInspectorStore(client)
 */
export interface InspectorStore {
  getSnapshot(): InspectorSnapshot
  subscribe(listener: () => void): () => void
  /** Starts watching the client; returns the function that stops. Safe to call again after stopping. */
  connect(): () => void
}

/** What the inspector needs of a chat client. */
export type InspectedChat = Pick<ChatClient, 'observe' | 'metrics'>

/**
 * Collects a chat client's wire log and metrics for an inspector. Entries are appended as
 * they come (a 285 KB stream logs thousands) but listeners hear at most once per frame, so
 * a view over it renders at frame rate, not per chunk. Only the newest `maxEntries` frames
 * are kept for display; the timeline keeps the whole turn.
 *
 * @example
 * const store = createInspectorStore(client)
 * const disconnect = store.connect()
 * store.subscribe(() => draw(store.getSnapshot()))
 */
export function createInspectorStore(chat: InspectedChat, options: InspectorStoreOptions = {}): InspectorStore {
  const maxEntries = Math.max(1, options.maxEntries ?? 200)
  const scheduler = options.scheduler ?? createFrameScheduler()
  const now = options.now ?? (() => performance.now())
  const listeners = new Set<() => void>()

  let entries: StreamLogEntry[] = []
  let frames: InspectorFrame[] = []
  let hiddenFrames = 0
  let origin: number | undefined
  let nextFrameId = 0
  let samples: CommitSample[] = []
  let snapshot: InspectorSnapshot = {
    entries: [],
    frames: [],
    hiddenFrames: 0,
    metrics: chat.metrics.getSnapshot(),
    commitsPerSecond: undefined,
  }

  function publish() {
    snapshot = {
      entries: entries.slice(),
      frames: frames.slice(),
      hiddenFrames,
      metrics: chat.metrics.getSnapshot(),
      commitsPerSecond: commitsPerSecond(samples),
    }
    for (const listener of [...listeners]) listener()
  }

  function onEntry(entry: StreamLogEntry) {
    // A fresh send is a new turn; retries (attempt > 0) and resumes continue the same one.
    if (entry.type === 'request' && entry.kind === 'send' && entry.attempt === 0) {
      entries = []
      frames = []
      hiddenFrames = 0
      origin = entry.at
    }
    origin ??= entry.at
    entries.push(entry)
    if (entry.type === 'chunk') {
      frames.push({ id: nextFrameId++, at: entry.at - origin, bytes: entry.bytes, text: entry.text })
      if (frames.length > maxEntries) {
        frames.shift()
        hiddenFrames++
      }
    }
    scheduler.schedule(publish)
  }

  function onMetrics() {
    samples.push({ at: now(), commits: chat.metrics.getSnapshot().commits })
    samples = pruneSamples(samples)
    scheduler.schedule(publish)
  }

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    connect() {
      const unobserve = chat.observe(onEntry)
      const unsubscribe = chat.metrics.subscribe(onMetrics)
      return () => {
        unobserve()
        unsubscribe()
        scheduler.cancel(publish)
      }
    },
  }
}
