import { http, HttpResponse, type HttpHandler } from 'msw'
import type { StreamFormat } from '../protocol/decoders/stream-format.ts'
import type { EncoderOptions } from '../protocol/encoders/encoder.ts'
import { createEncoder } from '../protocol/encoders/create-encoder.ts'
import { formatHeaders } from '../protocol/encoders/format-headers.ts'
import type { ChatEvent } from '../protocol/events.ts'
import { createPacedBody } from './paced-body.ts'
import { paceFrames, type PaceOptions } from './pace-frames.ts'
import { createReplayBuffer, type ReplayBufferOptions } from './replay-buffer.ts'
import { glitchSeq, injectError, type ErrorInjection } from './stream-faults.ts'

/**
 * Where the mock serves the chat POST unless told otherwise.
 *
 * @example
 * fetch(DEFAULT_CHAT_URL, { method: 'POST', body })
 */
export const DEFAULT_CHAT_URL = '/api/chat'

/**
 * The resume convention: `GET <chat url>/<streamId>/resume` with a `Last-Event-ID` header
 * (the `seq` of the last event the client applied). The server answers with every later event
 * of that stream, then the rest of it, in the Rivulet format. 404 when the stream is unknown.
 *
 * @example
 * resumeUrl('/api/chat', 'stream-1') // '/api/chat/stream-1/resume'
 */
export function resumeUrl(chatUrl: string, streamId: string): string {
  return `${chatUrl.replace(/\/+$/, '')}/${encodeURIComponent(streamId)}/resume`
}

/**
 * A pace that sends everything at once, for tests.
 *
 * @example
 * mockChatStream({ script, ...INSTANT_PACE })
 */
export const INSTANT_PACE = { ttft: 0, tokensPerSecond: Infinity } as const satisfies PaceOptions

/**
 * What the mock pretends a model does unless told otherwise: a short think, then a brisk reader's pace.
 *
 * @example
 * mockChatStream({ script, ...DEFAULT_MOCK_PACE, ttft: 2000 }) // a slow first token
 */
export const DEFAULT_MOCK_PACE = { ttft: 300, tokensPerSecond: 60, jitter: 0.3 } as const satisfies PaceOptions

/**
 * The frame sent by `malformedAfter`: JSON cut short, as a buggy proxy or server would write.
 *
 * @example
 * mockChatStream({ script, malformedAfter: 4 }) // the client should report a `protocol` error
 */
export const MALFORMED_FRAME = 'data: {"type":"token","seq":\n\n'

/**
 * @example
 * const options: MockChatStreamOptions = { script: scenarios.markdown, format: 'anthropic', chunking: 'random' }
 */
export interface MockChatStreamOptions extends Omit<PaceOptions, 'stalls'> {
  /** The chat endpoint (a path or absolute URL, without query). @default '/api/chat' */
  url?: string
  /** The events to stream, or a function of the request (its body is still unread). */
  script: readonly ChatEvent[] | ((request: Request) => readonly ChatEvent[] | Promise<readonly ChatEvent[]>)
  /** The wire format to speak. @default 'rivulet' */
  format?: StreamFormat
  /** Cosmetic provider fields (model name, timestamps). */
  encoderOptions?: EncoderOptions

  /** Answer the POST with this status and no stream (e.g. 429, 500, 503). */
  httpStatus?: number
  /** With `httpStatus`: a `Retry-After` header, in seconds. */
  retryAfter?: number
  /** With `httpStatus`: the body text. @default a JSON `{ error: { message, code } }` */
  httpBody?: string
  /** With `httpStatus`: only the first N POSTs fail, later ones stream (to test retries). @default every POST */
  failRequests?: number

  /** Replace everything after the first N events with an `error` event. */
  errorAfter?: number | ErrorInjection
  /** Send N events, then break the connection: the reader rejects with `TypeError('network')`. */
  disconnectAfter?: number
  /** After N events, go silent for `ms` (keep-alives still flow with `keepAliveIntervalMs`). */
  stallAfter?: { events: number; ms: number }
  /** Send only `: ping` comments, forever, until the request aborts. */
  keepAlivesOnly?: { intervalMs: number }
  /** Send the event with this `seq` twice. */
  duplicateSeq?: number
  /** Never send the event with this `seq`. */
  skipSeq?: number
  /** Send {@link MALFORMED_FRAME} after N events. */
  malformedAfter?: number

  /** Bounds of the resume buffer. */
  replay?: ReplayBufferOptions
  /** Called for each request the mock answers, with what it decided. */
  onRequest?: (request: MockRequest) => void
}

/**
 * One request the mock received.
 *
 * @example
 * expect(mock.requests.filter((r: MockRequest) => r.kind === 'chat')).toHaveLength(1)
 */
export interface MockRequest {
  kind: 'chat' | 'resume'
  method: string
  url: string
  /** The parsed JSON body, or its text when it is not JSON; `undefined` when empty. */
  body: unknown
  /** The `Last-Event-ID` header of a resume. */
  lastEventId?: string
  /** The stream a chat started, or the one a resume asked for. */
  streamId?: string
  /** The status the mock answered with. */
  status: number
}

/**
 * @example
 * const mock: MockChatStream = mockChatStream({ script })
 * server.use(...mock.handlers)
 */
export interface MockChatStream {
  /** Both handlers, for `setupServer(...mock.handlers)` or a story's `msw.handlers`. */
  handlers: HttpHandler[]
  /** `POST <url>`: streams the script. */
  chat: HttpHandler
  /** `GET <url>/:streamId/resume`: replays after `Last-Event-ID`; see {@link resumeUrl}. */
  resume: HttpHandler
  /** Every request answered so far, in order (proof that nothing was sent twice). */
  readonly requests: readonly MockRequest[]
  /** Bodies still producing: 0 once every stream ended, was aborted or was cancelled. */
  readonly openStreams: number
  /** The resume URL of a stream under this mock's chat URL. */
  resumeUrl(streamId: string): string
  /** Forgets requests and buffered streams. */
  reset(): void
}

/**
 * MSW handlers that serve a scripted chat stream in any wire format, at a chosen pace, with
 * chosen faults, and with resume: `POST <url>` streams the script; `GET <url>/:streamId/resume`
 * (Rivulet format only: foreign formats carry no event ids) replays the events after the
 * `Last-Event-ID` header from a bounded buffer, then the rest of the stream. Faults apply to
 * POSTs only; a resume streams cleanly at the same pace. A later POST with the same `streamId`
 * replaces what the buffer holds for it.
 *
 * A POST needs `http.post` with a `ReadableStream` body: MSW's `sse()` helper matches GET only.
 * Every timer stops when the request aborts or the reader cancels. (Under `msw/node` a
 * mocked body reaches `fetch` through a tee, so a reader's `cancel()` never gets here and its
 * promise does not settle: stop a stream by aborting the request, as a chat client should.)
 *
 * @example
 * const mock = mockChatStream({
 *   script: createScript().text('Hello world').done(),
 *   format: 'openai-chat',
 *   ttft: 500,
 *   tokensPerSecond: 30,
 *   disconnectAfter: 3,
 * })
 * const server = setupServer(...mock.handlers) // or parameters: { msw: { handlers: mock.handlers } }
 */
export function mockChatStream(options: MockChatStreamOptions): MockChatStream {
  const url = options.url ?? DEFAULT_CHAT_URL
  const format = options.format ?? 'rivulet'
  const buffer = createReplayBuffer(options.replay)
  const requests: MockRequest[] = []
  let chatRequests = 0
  let openStreams = 0

  const pace: PaceOptions = {
    ttft: options.ttft ?? DEFAULT_MOCK_PACE.ttft,
    tokensPerSecond: options.tokensPerSecond ?? DEFAULT_MOCK_PACE.tokensPerSecond,
    jitter: options.jitter ?? DEFAULT_MOCK_PACE.jitter,
    chunking: options.chunking,
    seed: options.seed,
    maxChunkBytes: options.maxChunkBytes,
    keepAliveIntervalMs: options.keepAliveIntervalMs,
  }

  function record(entry: MockRequest) {
    requests.push(entry)
    options.onRequest?.(entry)
  }

  function openBody(frames: string[], request: Request, extra: { stalls?: PaceOptions['stalls']; disconnect?: boolean } = {}) {
    openStreams++
    return createPacedBody(paceFrames(frames, { ...pace, stalls: extra.stalls }), {
      signal: request.signal,
      ending: extra.disconnect ? { type: 'error', error: new TypeError('network') } : { type: 'close' },
      onSettle: () => openStreams--,
    })
  }

  const chat = http.post(url, async ({ request }) => {
    const body = await readBody(request)
    const entry: MockRequest = { kind: 'chat', method: request.method, url: request.url, body, status: 200 }
    chatRequests++

    if (options.httpStatus !== undefined && chatRequests <= (options.failRequests ?? Infinity)) {
      record({ ...entry, status: options.httpStatus })
      return httpError(options.httpStatus, options.retryAfter, options.httpBody)
    }
    if (options.keepAlivesOnly) {
      record(entry)
      openStreams++
      const keepAlive = createPacedBody([], {
        signal: request.signal,
        ending: { type: 'keep-alive', intervalMs: options.keepAlivesOnly.intervalMs },
        onSettle: () => openStreams--,
      })
      return new HttpResponse(keepAlive, { headers: formatHeaders(format) })
    }

    const script = typeof options.script === 'function' ? await options.script(request) : options.script
    // What the server produced (resume replays it) versus what this response puts on the wire.
    const produced = options.errorAfter === undefined ? [...script] : injectError(script, options.errorAfter)
    const streamId = produced.find((event) => event.type === 'start')?.streamId
    if (streamId !== undefined && format === 'rivulet') buffer.set(streamId, produced)
    record(streamId === undefined ? entry : { ...entry, streamId })

    let wire = glitchSeq(produced, { duplicateSeq: options.duplicateSeq, skipSeq: options.skipSeq })
    const disconnect = options.disconnectAfter !== undefined
    if (disconnect) wire = wire.slice(0, Math.max(0, options.disconnectAfter!))
    const encoder = createEncoder(format, options.encoderOptions)
    const frames = wire.map((event) => encoder.encode(event))
    if (options.malformedAfter !== undefined && options.malformedAfter <= frames.length) {
      // Joined to an existing frame so pacing and stall positions stay counted in events.
      const at = Math.max(0, options.malformedAfter)
      if (at === frames.length) frames.push(MALFORMED_FRAME)
      else frames[at] = MALFORMED_FRAME + frames[at]!
    }
    if (!disconnect) {
      const trailer = encoder.end()
      if (trailer) frames.push(trailer)
    }
    const stalls = options.stallAfter ? [{ beforeFrame: options.stallAfter.events, ms: options.stallAfter.ms }] : []
    return new HttpResponse(openBody(frames, request, { stalls, disconnect }), { headers: formatHeaders(format) })
  })

  const resume = http.get(`${url.replace(/\/+$/, '')}/:streamId/resume`, ({ request, params }) => {
    const streamId = String(params.streamId)
    const lastEventId = request.headers.get('last-event-id') ?? undefined
    const entry: MockRequest = { kind: 'resume', method: request.method, url: request.url, body: undefined, streamId, status: 200 }
    if (lastEventId !== undefined) entry.lastEventId = lastEventId
    const fail = (status: number, message: string) => {
      record({ ...entry, status })
      return HttpResponse.json({ error: { message } }, { status })
    }
    if (format !== 'rivulet') return fail(404, `resume is only supported for the rivulet format (this mock speaks ${format})`)
    const trimmed = lastEventId?.trim()
    if (trimmed !== undefined && trimmed !== '' && !/^\d+$/.test(trimmed)) return fail(400, `Last-Event-ID must be a seq number, got "${lastEventId}"`)
    const lastSeq = trimmed === undefined || trimmed === '' ? -1 : Number(trimmed)
    const events = buffer.after(streamId, lastSeq)
    if (!events) return fail(404, `no stream "${streamId}" to resume`)
    record(entry)
    const encoder = createEncoder('rivulet')
    return new HttpResponse(openBody(events.map((event) => encoder.encode(event)), request), { headers: formatHeaders('rivulet') })
  })

  return {
    handlers: [chat, resume],
    chat,
    resume,
    requests,
    get openStreams() {
      return openStreams
    },
    resumeUrl: (streamId) => resumeUrl(url, streamId),
    reset() {
      requests.length = 0
      chatRequests = 0
      buffer.clear()
    },
  }
}

/** The request's JSON body, or its text when it is not JSON; `undefined` when empty. Leaves the request unread. */
export async function readBody(request: Request): Promise<unknown> {
  const text = await request.clone().text()
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function httpError(status: number, retryAfter: number | undefined, body: string | undefined): Response {
  const headers: Record<string, string> = {
    'content-type': body === undefined ? 'application/json' : 'text/plain; charset=utf-8',
  }
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter)
  const text = body ?? JSON.stringify({ error: { message: `mock HTTP ${status}`, code: status } })
  return new HttpResponse(text, { status, headers })
}
