import { encodeComment, encodeEvent } from '../protocol/encode.ts'
import { isTerminalEvent, type ChatEvent } from '../protocol/events.ts'
import { eventStreamHeaders } from './event-stream-headers.ts'
import { createKeepAlive, DEFAULT_KEEP_ALIVE_MS } from './keep-alive.ts'
import type { ResumeStore } from './resume-store.ts'

export interface ResumeEventStreamOptions {
  /** The stream to resume, usually from the URL (`/api/chat/:streamId/resume`). */
  streamId: string
  /** Silence before a `: ping` comment while following a live stream; `false` turns them off. @default 15000 */
  keepAliveMs?: number | false
  /** Extra response headers (they override the defaults; `''` removes one). */
  headers?: HeadersInit
}

const encoder = new TextEncoder()

/**
 * Answers a resume request: replays the events of `streamId` after the request's
 * `Last-Event-ID` (every event when it has none), then follows the stream live until its
 * `done` or `error`. Responds 404 when the store does not know the stream (never recorded,
 * or expired). The client drops anything it already has by `seq`, and reports a gap when the
 * store had already forgotten events it missed.
 *
 * @example
 * // GET /api/chat/:streamId/resume — the client's default resume URL
 * return resumeEventStream(request, store, { streamId: params.streamId })
 */
export async function resumeEventStream(request: Request, store: ResumeStore, options: ResumeEventStreamOptions): Promise<Response> {
  const { streamId } = options
  const afterSeq = lastEventSeq(request)

  // Subscribe before reading, buffering, so an event appended between the two is not lost;
  // duplicates are dropped by seq below.
  let live: ChatEvent[] | undefined = []
  let deliver: ((event: ChatEvent) => void) | undefined
  const unsubscribe = await store.subscribe(streamId, (event) => {
    if (live) live.push(event)
    else deliver?.(event)
  })
  let history
  try {
    history = await store.read(streamId, afterSeq)
  } catch (error) {
    unsubscribe()
    throw error
  }
  if (!history) {
    unsubscribe()
    return new Response(`Unknown or expired stream: ${streamId}`, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } })
  }
  const replay = history

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
    unsubscribe()
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

  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c
      for (const event of replay.events) send(event)
      const buffered = live ?? []
      live = undefined
      for (const event of buffered) send(event)
      deliver = send
      // Finished without a terminal event in what was kept means the log was cut: end anyway.
      if (replay.finished) close()
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

/** The `seq` the client last applied: `Last-Event-ID`, else a `lastEventId` query parameter (EventSource cannot set headers); -1 when absent. */
function lastEventSeq(request: Request): number {
  const raw = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId')
  if (raw === null || !/^\s*\d+\s*$/.test(raw)) return -1
  return Number(raw)
}
