import { encodeComment, encodeEvent } from '../protocol/encode.ts'
import { createEventSink } from '../protocol/decoders/event-sink.ts'
import { isTerminalEvent, type ChatErrorCode, type ChatEvent, type UnsequencedChatEvent, type Usage } from '../protocol/events.ts'
import { eventStreamHeaders } from './event-stream-headers.ts'
import { createKeepAlive, DEFAULT_KEEP_ALIVE_MS } from './keep-alive.ts'
import type { ResumeStore } from './resume-store.ts'
import { createStreamRecorder } from './stream-recorder.ts'
import { newStreamId } from './stream-id.ts'

/** What the client is told when the source throws: never the exception's text, which may hold secrets. */
export interface SafeError {
  code: ChatErrorCode
  message: string
  retryAfter?: number
}

/** The message sent when the source throws and `onError` gives nothing better. */
export const SAFE_ERROR_MESSAGE = 'The model stream failed. Please try again.'

/** Default cap on one stream's duration: two minutes, then a `timeout` error event. */
export const DEFAULT_MAX_DURATION_MS = 120_000

/** What a stream's events come from: the events, or a function given a signal to pass to the provider call. */
export type EventSourceInput = AsyncIterable<UnsequencedChatEvent | ChatEvent> | ((signal: AbortSignal) => AsyncIterable<UnsequencedChatEvent | ChatEvent>)

/** How a stream ended, once, for billing and logs (see `onFinish`). */
export interface StreamFinish {
  streamId: string
  /**
   * `done` (the source finished), `error` (it failed or sent an error), `timeout`
   * (`maxDurationMs` ran out), `stopped` (`stopSignal`, e.g. a stop request), `disconnected`
   * (the client left and the source was stopped).
   */
  outcome: 'done' | 'error' | 'timeout' | 'stopped' | 'disconnected'
  /** Token counts as the provider reported them in `done`, when it did. */
  usage?: Usage
  /** `token` events sent: a floor for output tokens when the provider reported none. */
  tokenEvents: number
  /** Events sent, `start` and the terminal one included. */
  events: number
  durationMs: number
}

export interface EventStreamResponseOptions {
  /** Names the stream in `start`, for resume. @default a random UUID */
  streamId?: string
  /** Sent in `start` as the id of the assistant message. */
  messageId?: string
  /**
   * The request's `AbortSignal`: when the client goes away the source is stopped (its
   * iterator's `return()`), so pass the same signal on to the provider call to cancel it too.
   */
  signal?: AbortSignal
  /**
   * What a client disconnect does. `'abort'` (default) stops the source. `'continue'` keeps
   * reading it into `store` so `resumeEventStream` can pick it up later; the source then runs
   * until it ends or `signal` aborts, so do not pass the request's signal with `'continue'`.
   */
  disconnect?: 'abort' | 'continue'
  /** Silence before a `: ping` comment; `false` turns keep-alives off. @default 15000 */
  keepAliveMs?: number | false
  /** Records every event so `resumeEventStream` can replay it. */
  store?: ResumeStore
  /** Extra response headers (they override the defaults; `''` removes one). */
  headers?: HeadersInit
  /** @default 200 */
  status?: number
  /**
   * Called with whatever the source threw, once. Log it here: the client only gets a safe
   * message. Return a `SafeError` to send that instead (e.g. map your provider's 429 to
   * `rate_limited`).
   */
  onError?: (error: unknown) => SafeError | undefined | void
  /** Makes the default `streamId`. @default 128 random bits from `crypto.getRandomValues` */
  generateId?: () => string
  /**
   * The longest a stream may run; then it ends with an `error` event `timeout` (not a cut) and
   * the source is stopped. Bounds `disconnect: 'continue'` producers too. `false` for no limit.
   * @default 120000
   */
  maxDurationMs?: number | false
  /** Aborting it ends the stream with `done` (`finishReason: 'other'`) and stops the source: a user's stop. */
  stopSignal?: AbortSignal
  /** Called once when the stream has ended, however it ended (usage hooks, slot release). */
  onFinish?: (finish: StreamFinish) => void
}

const encoder = new TextEncoder()

/**
 * Streams chat events to a client as a Rivulet protocol v1 SSE `Response`, on any runtime with
 * Web Streams (Node 20, edge workers, Deno, Bun). It owns the stream rules, so the source only
 * yields content:
 *
 * - `start` goes out at once (before the source is first read) with `streamId`; `start`
 *   events from the source are dropped. Every event gets the next `seq`, also sent as `id:`.
 * - It ends with exactly one `done` or `error`: a source that simply returns gets `done`;
 *   one that throws gets `error` `upstream_error` with a safe message (see `onError`), never a
 *   silently closed stream. Events after a terminal one are dropped and the source stopped.
 * - Back-pressure: the source is read only when the client's side pulls, one event at a time
 *   (high-water mark 1), so a slow reader holds the model back instead of filling memory.
 * - Recording: each event goes to `store` as it is sent, without waiting for the store, so a
 *   slow or unreachable store never delays the producer's own client. Past 1,024 unfinished
 *   writes the recording skips events (a gap resuming clients report) but keeps the ending.
 *   A producer that outlives its client (`disconnect: 'continue'`) follows the store's pace
 *   instead (at most 64 unfinished writes).
 * - Disconnect: `signal` aborting or the body being cancelled calls the source iterator's
 *   `return()` at once, so the provider call stops (and stops billing). A source given as a
 *   function `(signal) => events` gets a signal that aborts whenever the source is stopped:
 *   disconnect, `stopSignal`, `maxDurationMs`, or a terminal event.
 * - `maxDurationMs` (default 120 s) ends a stream with an `error` event `timeout`;
 *   `stopSignal` ends it with `done` (`finishReason: 'other'`); `onFinish` hears how it ended, once.
 * - Keep-alive `: ping` comments after `keepAliveMs` of silence.
 *
 * @example
 * export async function POST(request: Request) {
 *   const upstream = await fetch('https://api.openai.com/v1/chat/completions', { …, signal: request.signal })
 *   return createEventStreamResponse(fromOpenAIChat(upstream), { signal: request.signal, store })
 * }
 */
export function createEventStreamResponse(input: EventSourceInput, options: EventStreamResponseOptions = {}): Response {
  const streamId = options.streamId ?? (options.generateId ?? newStreamId)()
  const { store, signal, stopSignal } = options
  const continueOnDisconnect = options.disconnect === 'continue'
  /** Aborted whenever the source is stopped, so a provider call given this signal stops too. */
  const sourceAbort = new AbortController()
  const events = typeof input === 'function' ? input(sourceAbort.signal) : input
  const startedAt = Date.now()
  let outcome: StreamFinish['outcome'] | undefined
  let sent = 0
  let tokenEvents = 0

  let controller: ReadableStreamDefaultController<Uint8Array> | undefined
  let iterator: AsyncIterator<UnsequencedChatEvent | ChatEvent> | undefined
  let sourceDone = false
  /** The source was told to stop: nothing more is read from it. */
  let stopped = false
  /** Bumped per event handed to the client, so a pull knows when it has made progress. */
  let written = 0
  const recorder = store && createStreamRecorder(store, streamId)
  /** The read of the source in progress; reads never overlap. */
  let reading: Promise<void> | undefined

  const sink = createEventSink((event) => {
    recorder?.record(event)
    sent++
    if (event.type === 'token') tokenEvents++
    if (isTerminalEvent(event)) finished(event)
    if (!controller) return
    try {
      controller.enqueue(encoder.encode(encodeEvent(event)))
      written++
      keepAlive.touch()
    } catch {
      controller = undefined // the body was cancelled in the meantime
    }
  })

  const keepAlive = createKeepAlive(options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS, () => {
    // Pings are for idle streams: a client that is not reading has a full queue, not an idle line.
    if (controller && (controller.desiredSize ?? 0) > 0) {
      try {
        controller.enqueue(encoder.encode(encodeComment('ping')))
      } catch {
        controller = undefined
      }
    }
  })

  const durationTimer = startDurationTimer(options.maxDurationMs ?? DEFAULT_MAX_DURATION_MS, (ms) => {
    outcome ??= 'timeout'
    endEarly({ type: 'error', code: 'timeout', message: `The stream reached its maximum duration (${Math.round(ms / 1000)} s).` })
  })

  function onStop() {
    outcome ??= 'stopped'
    endEarly({ type: 'done', finishReason: 'other' })
  }

  /** Ends the stream now with `last`, to the client if it is still there and to the store. */
  function endEarly(last: UnsequencedChatEvent) {
    if (sink.terminated) return
    sink.emit(last)
    finish()
  }

  function finished(event: ChatEvent) {
    clearTimeout(durationTimer)
    stopSignal?.removeEventListener('abort', onStop)
    outcome ??= event.type === 'done' ? 'done' : 'error'
    const report: StreamFinish = { streamId, outcome, tokenEvents, events: sent, durationMs: Date.now() - startedAt }
    if (event.type === 'done' && event.usage) report.usage = event.usage
    try {
      options.onFinish?.(report)
    } catch {
      // a failing hook must not break the stream
    }
  }

  function stopSource() {
    if (stopped) return
    stopped = true
    keepAlive.stop()
    signal?.removeEventListener('abort', onAbort)
    stopSignal?.removeEventListener('abort', onStop)
    clearTimeout(durationTimer)
    sourceAbort.abort()
    // Not awaited: an async generator queues return() behind a pending next(), and whoever
    // cancelled must not wait for the provider's next chunk.
    if (iterator && !sourceDone) Promise.resolve(iterator.return?.()).catch(() => {})
  }

  function finish() {
    stopSource()
    const c = controller
    controller = undefined
    try {
      c?.close()
    } catch {
      // already closed or errored
    }
  }

  /** The source will not be read to its end: still give the recorded stream an ending. */
  function abandon(message: string) {
    if (!sink.terminated) {
      outcome ??= 'disconnected'
      const c = controller
      controller = undefined
      sink.emit({ type: 'error', code: 'upstream_error', message })
      controller = c
    }
  }

  function onAbort() {
    abandon('The stream was stopped before it finished.')
    const c = controller
    controller = undefined
    stopSource()
    try {
      c?.error(signal?.reason)
    } catch {
      // already closed
    }
  }

  function fail(error: unknown) {
    let safe: SafeError | undefined | void
    try {
      safe = options.onError?.(error)
    } catch {
      safe = undefined
    }
    const { code, message, retryAfter } = safe ?? { code: 'upstream_error' as const, message: SAFE_ERROR_MESSAGE }
    sink.emit(retryAfter === undefined ? { type: 'error', code, message } : { type: 'error', code, message, retryAfter })
  }

  /** Reads one item from the source into the sink. */
  function readOne(): Promise<void> {
    reading ??= (async () => {
      try {
        // With no client, the store is the reader whose pace the model follows.
        const lagging = recorder?.caughtUp()
        if (lagging) await lagging
        if (stopped) return
        iterator ??= events[Symbol.asyncIterator]()
        const result = await iterator.next()
        if (stopped) return
        if (result.done) {
          sourceDone = true
          sink.emit({ type: 'done' })
        } else sink.emit(result.value as UnsequencedChatEvent)
      } catch (error) {
        sourceDone = true
        if (!stopped) fail(error)
      } finally {
        reading = undefined
      }
    })()
    return reading
  }

  async function drainDetached() {
    while (!stopped && !sink.terminated) await readOne()
    if (sink.terminated) stopSource()
  }

  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c
        if (signal?.aborted) {
          onAbort()
          return
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        sink.start(streamId, options.messageId)
        if (stopSignal?.aborted) onStop()
        else stopSignal?.addEventListener('abort', onStop, { once: true })
      },
      async pull() {
        const before = written
        while (written === before && !stopped && !sink.terminated) await readOne()
        if (sink.terminated) finish()
      },
      cancel() {
        controller = undefined
        keepAlive.stop()
        if (continueOnDisconnect && store && !stopped && !sink.terminated) {
          recorder?.detach()
          void drainDetached()
          return
        }
        abandon('The client disconnected before the stream finished.')
        stopSource()
      },
    },
    // One queued event at most: the source is read only as fast as the client takes them.
    { highWaterMark: 1 },
  )

  return new Response(body, { status: options.status ?? 200, headers: eventStreamHeaders(options.headers) })
}

/** Calls `onTimeout` after `ms` without keeping a Node process alive for it. */
function startDurationTimer(ms: number | false, onTimeout: (ms: number) => void): ReturnType<typeof setTimeout> | undefined {
  if (ms === false || !(ms > 0) || !Number.isFinite(ms)) return undefined
  const timer = setTimeout(() => onTimeout(ms), ms)
  ;(timer as { unref?: () => void }).unref?.()
  return timer
}
