import { http, type HttpHandler } from 'msw'
import type { StreamFormat } from '../protocol/decoders/stream-format.ts'
import type { EncoderOptions } from '../protocol/encoders/encoder.ts'
import { createEncoder } from '../protocol/encoders/create-encoder.ts'
import { formatHeaders } from '../protocol/encoders/format-headers.ts'
import type { ChatEvent } from '../protocol/events.ts'
import type { RecordingHeader } from '../protocol/recording/recording.ts'
import { parseLastEventId, streamResumeUrl, streamRoutePattern } from '../protocol/stream-urls.ts'
import type { Fault } from './faults.ts'
import { legacyFaults, type LegacyFaultOptions } from './legacy-fault-options.ts'
import { recordFrames, type Pace } from './pace.ts'
import { createReplayBuffer, type ReplayBufferOptions } from './replay-buffer.ts'
import { serveRecording } from './serve-recording.ts'

/**
 * Where the mock serves the chat POST unless told otherwise.
 *
 * @example
 * fetch(DEFAULT_CHAT_URL, { method: 'POST', body })
 */
export const DEFAULT_CHAT_URL = '/api/chat'

/**
 * @deprecated Use `streamResumeUrl` from `rivulet-ui/protocol` (the one resume-URL rule, shared
 * with the client transport and the server); this alias stays for existing imports.
 *
 * @example
 * resumeUrl('/api/chat', 'stream-1') // '/api/chat/stream-1/resume'
 */
export const resumeUrl: (chatUrl: string, streamId: string) => string = streamResumeUrl

/**
 * A pace that sends everything at once, for tests.
 *
 * @example
 * mockChatStream({ script, ...INSTANT_PACE })
 */
export const INSTANT_PACE = { ttft: 0, tokensPerSecond: Infinity } as const satisfies Pace

/**
 * What the mock pretends a model does unless told otherwise: a short think, then a brisk reader's pace.
 *
 * @example
 * mockChatStream({ script, ...DEFAULT_MOCK_PACE, ttft: 2000 }) // a slow first token
 */
export const DEFAULT_MOCK_PACE = { ttft: 300, tokensPerSecond: 60, jitter: 0.3 } as const satisfies Pace

/**
 * @deprecated No longer sent: `malformedAfter` now applies the `corruptFrame` fault, which cuts
 * that event's own JSON short. Kept so existing imports compile.
 *
 * @example
 * MALFORMED_FRAME // 'data: {"type":"token","seq":\n\n'
 */
export const MALFORMED_FRAME = 'data: {"type":"token","seq":\n\n'

/**
 * A scripted chat stream served at a pace with faults: the pipeline script → recording →
 * faults → replay, with the same {@link Pace} and {@link Fault}s as `replayRecording`.
 *
 * @example
 * const options: MockChatStreamOptions = { script: scenarios.markdown, format: 'anthropic', chunking: 'random', faults: [stallAt({ event: 5, ms: 3000 })] }
 */
export interface MockChatStreamOptions extends Pace, LegacyFaultOptions {
  /** The chat endpoint (a path or absolute URL, without query). @default '/api/chat' */
  url?: string
  /** The events to stream, or a function of the request (its body is still unread). */
  script: readonly ChatEvent[] | ((request: Request) => readonly ChatEvent[] | Promise<readonly ChatEvent[]>)
  /** The wire format to speak. @default 'rivulet' */
  format?: StreamFormat
  /** Cosmetic provider fields (model name, timestamps). */
  encoderOptions?: EncoderOptions
  /**
   * Applied in order to every POST answer (a resume streams cleanly). Positions count the SSE
   * frames that carry an event, as in `replayRecording`; a fault with `requests` hits only the
   * first POSTs.
   */
  faults?: readonly Fault[]
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
  kind: 'chat' | 'resume' | 'stop'
  method: string
  url: string
  /** The parsed JSON body, or its text when it is not JSON; `undefined` when empty. */
  body: unknown
  /** The `Last-Event-ID` header of a resume. */
  lastEventId?: string
  /** The stream a chat started, or the one a resume or stop asked for. */
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
  /** Every handler, for `setupServer(...mock.handlers)` or a story's `msw.handlers`. */
  handlers: HttpHandler[]
  /** `POST <url>`: streams the script. */
  chat: HttpHandler
  /** `GET <url>/:streamId/resume`: replays after `Last-Event-ID`; see `streamResumeUrl`. */
  resume: HttpHandler
  /**
   * `POST <url>/:streamId/stop`, the stop a chat client sends with Stop (see `streamStopUrl`):
   * 204 for a stream this mock started, 404 otherwise, as the server's `handleStopRequest` answers.
   */
  stop: HttpHandler
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
 * `Last-Event-ID` header from a bounded buffer, then the rest of the stream; `POST
 * <url>/:streamId/stop` answers a client's Stop as a Rivulet server does (the client has already
 * aborted its read, which ends the body). Faults apply to
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
  /** Streams this mock started: the ones a stop request may name. */
  const started = new Set<string>()
  let chatRequests = 0
  let openStreams = 0
  const pace: Pace = {
    speed: options.speed,
    chunking: options.chunking,
    seed: options.seed,
    maxChunkBytes: options.maxChunkBytes,
    keepAliveIntervalMs: options.keepAliveIntervalMs,
    ttft: options.ttft ?? DEFAULT_MOCK_PACE.ttft,
    tokensPerSecond: options.tokensPerSecond ?? DEFAULT_MOCK_PACE.tokensPerSecond,
    jitter: options.jitter ?? DEFAULT_MOCK_PACE.jitter,
  }

  function record(entry: MockRequest) {
    requests.push(entry)
    options.onRequest?.(entry)
  }

  /** The script's frames as a recording at the pace, through the faults, onto the wire. */
  function serve(frames: string[], streamFormat: StreamFormat, request: Request, faults: readonly Fault[] = [], attempt = 1) {
    const header: RecordingHeader = { rivulet: 'recording', version: 1, format: streamFormat, status: 200, headers: formatHeaders(streamFormat) }
    openStreams++
    return serveRecording(recordFrames(frames, header, pace), pace, {
      signal: request.signal,
      faults,
      request: attempt,
      timed: true,
      onSettle: () => openStreams--,
    })
  }

  const chat = http.post(url, async ({ request }) => {
    const body = await readBody(request)
    const attempt = ++chatRequests
    const script = typeof options.script === 'function' ? await options.script(request) : options.script
    const encoder = createEncoder(format, options.encoderOptions)
    const frames = script.map((event) => encoder.encode(event))
    const trailer = encoder.end()
    if (trailer) frames.push(trailer)
    const faults = [...legacyFaults(options, script, frames, format), ...(options.faults ?? [])]
    const take = serve(frames, format, request, faults, attempt)
    const status = take.recording.header.status
    const streamId = script.find((event) => event.type === 'start')?.streamId
    // What the server produced is what a resume replays; an HTTP error produced nothing.
    const streamed = status >= 200 && status < 300 && streamId !== undefined
    if (streamed) started.add(streamId)
    if (streamed && format === 'rivulet') buffer.set(streamId, script)
    record({ kind: 'chat', method: request.method, url: request.url, body, status, ...(streamed ? { streamId } : {}) })
    return take.response
  })

  const resume = http.get(streamRoutePattern(url, 'resume'), ({ request, params }) => {
    const streamId = String(params.streamId)
    const lastEventId = request.headers.get('last-event-id') ?? undefined
    const entry: MockRequest = { kind: 'resume', method: request.method, url: request.url, body: undefined, streamId, status: 200 }
    if (lastEventId !== undefined) entry.lastEventId = lastEventId
    const fail = (status: number, message: string) => {
      record({ ...entry, status })
      return jsonError(status, message)
    }
    if (format !== 'rivulet') return fail(404, `resume is only supported for the rivulet format (this mock speaks ${format})`)
    const lastSeq = parseLastEventId(lastEventId)
    if (lastSeq === undefined) return fail(400, `Last-Event-ID must be a seq number, got "${lastEventId}"`)
    const events = buffer.after(streamId, lastSeq)
    if (!events) return fail(404, `no stream "${streamId}" to resume`)
    record(entry)
    const encoder = createEncoder('rivulet')
    return serve(events.map((event) => encoder.encode(event)), 'rivulet', request).response
  })

  const stop = http.post(streamRoutePattern(url, 'stop'), ({ request, params }) => {
    const streamId = String(params.streamId)
    const response = stopAnswer(streamId, started.has(streamId))
    record({ kind: 'stop', method: request.method, url: request.url, body: undefined, streamId, status: response.status })
    return response
  })

  return {
    handlers: [chat, resume, stop],
    chat,
    resume,
    stop,
    requests,
    get openStreams() {
      return openStreams
    },
    resumeUrl: (streamId) => streamResumeUrl(url, streamId),
    reset() {
      requests.length = 0
      started.clear()
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

/**
 * How a mock answers a client's Stop, as a Rivulet server does: 204 for a stream it knows
 * (the client has already aborted its read, which ends the body), else a JSON 404.
 *
 * @example
 * stopAnswer('s1', true).status // 204
 */
export function stopAnswer(streamId: string, known: boolean): Response {
  return known ? new Response(null, { status: 204 }) : jsonError(404, `no stream "${streamId}" to stop`)
}

/**
 * A mock's refusal, in the body a Rivulet server sends: `{ error: { message } }` as JSON.
 *
 * @example
 * jsonError(400, 'Last-Event-ID must be a seq number').status // 400
 */
export function jsonError(status: number, message: string): Response {
  return Response.json({ error: { message } }, { status })
}
