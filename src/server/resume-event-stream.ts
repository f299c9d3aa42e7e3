import { encodeComment, encodeEvent } from '../protocol/encode.ts'
import { isTerminalEvent, type ChatEvent, type ErrorEvent } from '../protocol/events.ts'
import { eventStreamHeaders } from './event-stream-headers.ts'
import { createKeepAlive, DEFAULT_KEEP_ALIVE_MS } from './keep-alive.ts'
import { defaultAuthorize, type Authorize } from './owner-cookie.ts'
import type { ResumeStore } from './resume-store.ts'
import { isValidStreamId } from './stream-id.ts'
import { lastEventSeq, notFound, storeUnavailable } from './stream-responses.ts'

export interface ResumeEventStreamOptions {
  /** The stream to resume, usually from the URL (`/api/chat/:streamId/resume`). */
  streamId: string
  /**
   * Who may resume it; `false` answers 404. @default the owner cookie set by
   * `startEventStream` when the store keeps owners (see `ownerCookieAuthorize`)
   */
  authorize?: Authorize
  /** Silence before a `: ping` comment while following a live stream; `false` turns them off. @default 15000 */
  keepAliveMs?: number | false
  /** Extra response headers (they override the defaults; `''` removes one). */
  headers?: HeadersInit
}

const encoder = new TextEncoder()

/**
 * Answers a resume request: replays the events of `streamId` after the request's
 * `Last-Event-ID` (every event when it has none), then follows the stream live until its
 * `done` or `error`. The client drops anything it already has by `seq`, and reports a gap when
 * the store had already forgotten events it missed.
 *
 * - 404 (and no data) when the stream is unknown, expired, not a valid id, or `authorize`
 *   refuses (by default: a stream with an owner needs the owner's cookie).
 * - 400 when `Last-Event-ID` is not a sequence number.
 * - 503 with `Retry-After` when the store cannot be reached.
 * - If following breaks mid-way, the client gets an `error` event `upstream_error` and the
 *   response ends, never a hang: `resumable` when the shared store dropped (the stream may
 *   still be there), not when the stream expired or its producer died (a Redis store notices
 *   the producer's heartbeat stopping).
 *
 * @example
 * // GET /api/chat/:streamId/resume — the client's default resume URL
 * return resumeEventStream(request, store, { streamId: params.streamId })
 */
export async function resumeEventStream(request: Request, store: ResumeStore, options: ResumeEventStreamOptions): Promise<Response> {
  const { streamId } = options
  const afterSeq = lastEventSeq(request)
  if (afterSeq === undefined) return new Response('Last-Event-ID must be a sequence number (a non-negative integer).', { status: 400 })
  if (!isValidStreamId(streamId)) return notFound()

  let unsubscribe: (() => void) | undefined
  let history
  // Subscribe before reading, buffering, so an event appended between the two is not lost;
  // duplicates are dropped by seq below.
  let live: ChatEvent[] | undefined = []
  let deliver: ((event: ChatEvent) => void) | undefined
  let failure: ErrorEvent | undefined
  let onFailure: (() => void) | undefined
  try {
    if (!(await (options.authorize ?? defaultAuthorize(store))(request, streamId))) return notFound()
    // A shared store (one that keeps owners) opens a connection to follow: answer an unknown
    // or expired stream before that, so a flood of stale resumes costs one lookup each.
    if ('owner' in store && (await store.read(streamId, Number.MAX_SAFE_INTEGER - 1)) === undefined) return notFound()
    unsubscribe = await store.subscribe(
      streamId,
      (event) => {
        if (live) live.push(event)
        else deliver?.(event)
      },
      (error) => {
        failure = followFailure(error)
        onFailure?.()
      },
    )
    history = await store.read(streamId, afterSeq)
  } catch {
    unsubscribe?.()
    return storeUnavailable()
  }
  if (!history) {
    unsubscribe()
    return notFound()
  }
  const replay = history
  const stopFollowing = unsubscribe

  let lastSeq = afterSeq
  let closed = false
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined

  const keepAlive = createKeepAlive(options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS, () => {
    try {
      controller?.enqueue(encoder.encode(encodeComment('ping')))
    } catch {
      close()
    }
  })

  function close() {
    if (closed) return
    closed = true
    keepAlive.stop()
    stopFollowing()
    request.signal.removeEventListener('abort', close)
    try {
      controller?.close()
    } catch {
      // cancelled already
    }
  }

  function send(event: ChatEvent) {
    if (closed || event.seq <= lastSeq) return
    lastSeq = event.seq
    try {
      controller?.enqueue(encoder.encode(encodeEvent(event)))
    } catch {
      close()
      return
    }
    keepAlive.touch()
    if (isTerminalEvent(event)) close()
  }

  /** Following broke: end with an error after the last event sent, never leave the client hanging. */
  function fail() {
    if (closed || !failure) return
    send({ ...failure, seq: lastSeq + 1 })
    close()
  }

  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c
      for (const event of replay.events) send(event)
      const buffered = live ?? []
      live = undefined
      for (const event of buffered) send(event)
      deliver = send
      onFailure = fail
      // Finished without a terminal event in what was kept means the log was cut: end anyway.
      if (replay.finished) close()
      else if (failure) fail()
      else if (request.signal.aborted) close()
      else request.signal.addEventListener('abort', close, { once: true })
    },
    cancel() {
      controller = undefined
      close()
    },
  })

  return new Response(body, { headers: eventStreamHeaders(options.headers) })
}

/**
 * The event that ends a resume whose following broke. Only a lost connection to the store is
 * worth resuming again: an expired stream, or one whose producer died, will never continue.
 */
function followFailure(error: unknown): ErrorEvent {
  const name = error instanceof Error ? error.name : ''
  if (name === 'StreamExpiredError') return { type: 'error', seq: 0, code: 'upstream_error', message: 'The stream expired before it finished.' }
  if (name === 'ProducerLostError') return { type: 'error', seq: 0, code: 'upstream_error', message: 'The stream stopped: the server producing it went away.' }
  return { type: 'error', seq: 0, code: 'upstream_error', message: 'Lost the connection to the stream store.', resumable: true }
}
