import type { ChatEvent } from '../protocol/events.ts'

/** Figures about the current (or last) turn's stream. Times are in ms. */
export interface ChatMetrics {
  /** Time from send to the first content event. */
  ttftMs: number | undefined
  /** Token events per second between the first and the last content event. */
  tokensPerSecond: number | undefined
  /** Time from send to the end of the stream (or now, while streaming). */
  durationMs: number | undefined
  events: number
  tokens: number
  bytes: number
  /** Network reads that delivered bytes. */
  chunks: number
  retries: number
  reconnects: number
  /** Pauses between content events longer than the stall threshold. */
  stalls: number
  /** `seq` jumps: events that never arrived. */
  gaps: number
  /** React commits caused by this chat (reported by the React binding). */
  commits: number
  /**
   * The whole body arrived in one read: something between server and browser (a proxy, a
   * framework's compression) buffers the stream, so users see nothing until the end.
   */
  buffered: boolean
}

export const emptyMetrics: ChatMetrics = {
  ttftMs: undefined,
  tokensPerSecond: undefined,
  durationMs: undefined,
  events: 0,
  tokens: 0,
  bytes: 0,
  chunks: 0,
  retries: 0,
  reconnects: 0,
  stalls: 0,
  gaps: 0,
  commits: 0,
  buffered: false,
}

export interface MetricsTrackerOptions {
  now?: () => number
  /** A pause between content events longer than this counts as a stall. @default 2000 */
  stallThresholdMs?: number
}

/**
 * Accumulates a turn's metrics with O(1) work per event; `snapshot()` makes the immutable
 * copy that is published at frame rate. (Named a tracker, not a recorder: "recording" in
 * Rivulet means capturing the wire bytes, see `recordResponse`.)
 *
 * @example
 * const tracker = createMetricsTracker()
 * tracker.begin()
 * tracker.event({ type: 'token', seq: 1, content: 'Hi' })
 * tracker.end()
 * tracker.snapshot().tokens // 1
 */
export function createMetricsTracker(options: MetricsTrackerOptions = {}) {
  const now = options.now ?? (() => performance.now())
  const stallThresholdMs = options.stallThresholdMs ?? 2000
  let m: ChatMetrics = { ...emptyMetrics }
  // Undefined before the first turn: a clock may well read 0 at the start (fake timers, a fresh page).
  let startedAt: number | undefined
  let endedAt: number | undefined
  let firstContentAt: number | undefined
  let lastContentAt: number | undefined
  let eventsInLastChunk = 0

  return {
    /** A new turn: everything but the commit count starts again. */
    begin() {
      m = { ...emptyMetrics, commits: m.commits }
      startedAt = now()
      endedAt = undefined
      firstContentAt = undefined
      lastContentAt = undefined
    },
    chunk(byteLength: number) {
      m.bytes += byteLength
      m.chunks++
      eventsInLastChunk = 0
    },
    event(event: ChatEvent) {
      m.events++
      eventsInLastChunk++
      if (event.type === 'start') return
      const t = now()
      if (firstContentAt === undefined) {
        firstContentAt = t
        m.ttftMs = startedAt === undefined ? undefined : t - startedAt
      } else if (lastContentAt !== undefined && t - lastContentAt > stallThresholdMs) m.stalls++
      lastContentAt = t
      if (event.type === 'token' || event.type === 'object_delta') m.tokens++
    },
    gap() {
      m.gaps++
    },
    retry() {
      m.retries++
    },
    reconnect() {
      m.reconnects++
    },
    commit() {
      m.commits++
    },
    end() {
      endedAt = now()
      // One read carrying the whole of a multi-event stream: a buffering hop, not a fast model.
      m.buffered = m.chunks === 1 && eventsInLastChunk >= 3
    },
    snapshot(): ChatMetrics {
      const until = endedAt ?? now()
      const span = firstContentAt !== undefined && lastContentAt !== undefined ? lastContentAt - firstContentAt : 0
      return {
        ...m,
        durationMs: startedAt === undefined ? undefined : until - startedAt,
        tokensPerSecond: span > 0 ? (m.tokens / span) * 1000 : undefined,
      }
    },
  }
}

/** What {@link createMetricsTracker} returns. */
export type MetricsTracker = ReturnType<typeof createMetricsTracker>

