import { createEventStreamResponse, DEFAULT_MAX_DURATION_MS, type EventSourceInput, type EventStreamResponseOptions, type StreamFinish } from './event-stream-response.ts'
import { hashOwnerToken, ownerCookie, readOwnerToken } from './owner-cookie.ts'
import type { SharedResumeStore } from './resume-store.ts'
import { newStreamId, randomToken } from './stream-id.ts'
import { storeUnavailable } from './stream-responses.ts'

export interface StartEventStreamOptions extends Omit<EventStreamResponseOptions, 'store' | 'signal' | 'stopSignal'> {
  /** The shared state: `createMemoryResumeStore()` for one instance, `createRedisResumeStore()` for several. */
  store: SharedResumeStore
  /** The path the owner cookie is scoped to (the API, whose resume and stop URLs are below it). @default the request's path */
  api?: string
  /** Whose streams count against the cap, e.g. your signed-in user's id. @default the owner cookie */
  ownerKey?: string
  /** Concurrent streams per owner; one more gets 429 with `Retry-After`. `false` for no cap. @default 3 */
  maxConcurrentStreams?: number | false
  /** Called once per finished stream with its token counts, for billing and logs. */
  onUsage?: (finish: StreamFinish) => void
}

/**
 * Starts a chat stream the way a multi-instance server needs it, around
 * `createEventStreamResponse`:
 *
 * - an unguessable stream id (128 random bits) and an owner cookie (random, `HttpOnly`,
 *   `SameSite=Lax`, scoped to `api`) whose SHA-256 is stored with the stream, so only this
 *   browser can resume or stop it (`resumeEventStream`, `handleStopRequest`), on any instance;
 * - a per-owner cap on concurrent streams held in the shared store (the next POST gets 429
 *   with `Retry-After`); slots free when streams end, or after `maxDurationMs` + 30 s when the
 *   instance holding them crashed;
 * - a stop request from any instance ends the stream (`done`, `finishReason: 'other'`) and
 *   aborts the signal handed to a source function, cancelling the provider call;
 * - `maxDurationMs` (default 120 s) ends it with a `timeout` error event;
 * - `onUsage` once per finished stream.
 *
 * With `disconnect: 'continue'` the producer outlives its client (a reload can resume it),
 * still bounded by `maxDurationMs` and stoppable; the request's signal is then not used.
 * Answers 503 when the store cannot be reached.
 *
 * @example
 * export async function POST(request: Request) {
 *   const { messages } = await request.json()
 *   return startEventStream(request, (signal) => fromOpenAIChat(callOpenAI(messages, signal)), { store, disconnect: 'continue', onUsage: bill })
 * }
 */
export async function startEventStream(request: Request, events: EventSourceInput, options: StartEventStreamOptions): Promise<Response> {
  const { store, api, ownerKey, maxConcurrentStreams = 3, onUsage, ...rest } = options
  const url = new URL(request.url)
  const token = readOwnerToken(request) ?? randomToken(32)
  const ownerHash = await hashOwnerToken(token)
  const slotOwner = ownerKey ?? ownerHash
  const streamId = rest.streamId ?? (rest.generateId ?? newStreamId)()
  const cookie = ownerCookie(token, { path: api ?? url.pathname, secure: url.protocol === 'https:' })
  const maxDurationMs = rest.maxDurationMs ?? DEFAULT_MAX_DURATION_MS

  let slotTaken = false
  let stopListening: (() => void) | undefined
  const stop = new AbortController()
  const release = () => {
    stopListening?.()
    if (slotTaken) Promise.resolve(store.releaseSlot(slotOwner, streamId)).catch(() => {})
    slotTaken = false
  }
  try {
    if (maxConcurrentStreams !== false) {
      const slotTtlMs = (maxDurationMs === false ? 3_600_000 : maxDurationMs) + 30_000
      const slot = await store.acquireSlot(slotOwner, streamId, { limit: maxConcurrentStreams, ttlMs: slotTtlMs })
      if (!slot.ok) {
        const retryAfter = String(Math.min(slot.retryAfter, 60))
        return new Response(`Too many streams at once (at most ${maxConcurrentStreams}). Try again in ${retryAfter} s.`, {
          status: 429,
          headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': retryAfter, 'set-cookie': cookie },
        })
      }
      slotTaken = true
    }
    await store.claim(streamId, ownerHash)
    stopListening = await store.onStopRequest(streamId, () => stop.abort())
  } catch {
    release()
    return storeUnavailable()
  }

  const headers = new Headers(rest.headers)
  headers.append('set-cookie', cookie)
  return createEventStreamResponse(events, {
    ...rest,
    streamId,
    store,
    headers,
    stopSignal: stop.signal,
    // A producer that outlives its client must not be stopped by that client's leaving.
    signal: rest.disconnect === 'continue' ? undefined : request.signal,
    onFinish(finish) {
      release()
      onUsage?.(finish)
      rest.onFinish?.(finish)
    },
  })
}
