import { http, type HttpHandler } from 'msw'
import type { Recording } from '../protocol/recording/recording.ts'
import { recordingBody } from '../protocol/recording/recording.ts'
import { frameSeq, splitSseFrames } from '../protocol/recording/sse-frames.ts'
import { parseLastEventId, streamRoutePattern } from '../protocol/stream-urls.ts'
import type { ChatTransport, ResumeRequest, SendRequest } from '../protocol/transport.ts'
import type { Fault } from './faults.ts'
import { DEFAULT_CHAT_URL, jsonError, readBody, stopAnswer, type MockRequest } from './mock-chat-stream.ts'
import type { Pace } from './pace.ts'
import { arrivalTimes } from './recording-edit.ts'
import { serveRecording } from './serve-recording.ts'

/**
 * @example
 * const options: ReplayOptions = { url: '/api/chat', speed: 'instant', faults: [dropConnectionAt({ event: 12 })] }
 */
export interface ReplayOptions extends Pace {
  /** The chat endpoint the POST goes to (a path or absolute URL). @default '/api/chat' */
  url?: string
  /** Applied in order to every POST answer, after the pace's timing; a resume replays the recording as it was. */
  faults?: readonly Fault[]
  /** Called for each request answered, with the status given. */
  onRequest?: (request: MockRequest) => void
}

/**
 * A transport that answers every turn with the recording, without a network: a `ChatTransport`
 * (the protocol's transport interface), so `createChatClient({ transport })` takes it. `send`
 * also accepts a request without `messages`, for tests that call it directly.
 *
 * @example
 * const transport: ReplayTransport = createReplayTransport(recording, { speed: 'instant' })
 */
export interface ReplayTransport extends ChatTransport {
  send(request: Omit<SendRequest, 'messages'> & { messages?: unknown[] }): Promise<Response>
  /** Present for Rivulet recordings (the only format that can resume). */
  resume?(request: ResumeRequest): Promise<Response>
}

/**
 * MSW handlers that answer the chat POST with a recording — at its recorded timing, faster or
 * slower, at once, or at a fixed tokens/s — after applying `faults`. Without faults the body is
 * byte-identical to the recording. For Rivulet recordings a `GET <url>/:streamId/resume`
 * handler replays the events after `Last-Event-ID` from the un-faulted recording (the resume
 * convention of `mockChatStream`), so a dropped replay can be continued, and `POST
 * <url>/:streamId/stop` answers a client's Stop (204 for the recording's stream). Every timer stops
 * when the request aborts.
 *
 * @example
 * server.use(...replayRecording(parseRecording(text), { speed: 4, faults: [dropConnectionAt({ event: 12 })] }))
 * // Storybook: beforeEach({ msw }) { msw.use(...replayRecording(recording, { speed: 'instant' })) }
 */
export function replayRecording(recording: Recording, options: ReplayOptions = {}): HttpHandler[] {
  const url = options.url ?? DEFAULT_CHAT_URL
  const replayer = createReplayer(recording, options)
  const chat = http.post(url, async ({ request }) => {
    const response = replayer.send(request.signal)
    options.onRequest?.({ kind: 'chat', method: request.method, url: request.url, body: await readBody(request), status: response.status })
    return response
  })
  if (recording.header.format !== 'rivulet') return [chat]
  const resume = http.get(streamRoutePattern(url, 'resume'), ({ request, params }) => {
    const streamId = String(params.streamId)
    const lastEventId = request.headers.get('last-event-id') ?? undefined
    const response = replayer.resume(streamId, lastEventId, request.signal)
    const entry: MockRequest = { kind: 'resume', method: request.method, url: request.url, body: undefined, streamId, status: response.status }
    if (lastEventId !== undefined) entry.lastEventId = lastEventId
    options.onRequest?.(entry)
    return response
  })
  const stop = http.post(streamRoutePattern(url, 'stop'), ({ request, params }) => {
    const streamId = String(params.streamId)
    const response = replayer.stop(streamId)
    options.onRequest?.({ kind: 'stop', method: request.method, url: request.url, body: undefined, streamId, status: response.status })
    return response
  })
  return [chat, resume, stop]
}

/**
 * The same replay as {@link replayRecording}, as an in-memory transport for unit tests that
 * need no MSW: each `send` answers with the (faulted) recording; `resume` (Rivulet only)
 * replays after `lastEventId`. Aborting the request's signal stops the body and its timers.
 *
 * @example
 * const chat = createChatClient({ transport: createReplayTransport(recording, { speed: 'instant' }), scheduler: syncScheduler })
 * await chat.send('Hi')
 */
export function createReplayTransport(recording: Recording, options: Omit<ReplayOptions, 'url'> & { url?: string } = {}): ReplayTransport {
  const replayer = createReplayer(recording, options)
  const url = options.url ?? DEFAULT_CHAT_URL
  const transport: ReplayTransport = {
    async send({ signal, messages }) {
      signal.throwIfAborted()
      const response = replayer.send(signal)
      options.onRequest?.({ kind: 'chat', method: 'POST', url, body: messages === undefined ? undefined : { messages }, status: response.status })
      return response
    },
  }
  if (recording.header.format === 'rivulet') {
    transport.resume = async ({ streamId, lastEventId, signal }) => {
      signal.throwIfAborted()
      const response = replayer.resume(streamId, lastEventId, signal)
      options.onRequest?.({ kind: 'resume', method: 'GET', url, body: undefined, streamId, lastEventId, status: response.status })
      return response
    }
    transport.stop = async ({ streamId }) => {
      options.onRequest?.({ kind: 'stop', method: 'POST', url, body: undefined, streamId, status: replayer.stop(streamId).status })
    }
  }
  return transport
}

function createReplayer(recording: Recording, options: ReplayOptions) {
  const streamId = startStreamId(recording)
  let requests = 0
  return {
    send: (signal: AbortSignal) => serveRecording(recording, options, { signal, faults: options.faults, request: ++requests }).response,
    resume(id: string, lastEventId: string | undefined, signal: AbortSignal): Response {
      if (id !== streamId) return jsonError(404, `no stream "${id}" to resume in this recording`)
      const lastSeq = parseLastEventId(lastEventId)
      if (lastSeq === undefined) return jsonError(400, `Last-Event-ID must be a seq number, got "${lastEventId}"`)
      return serveRecording(after(recording, lastSeq), options, { signal }).response
    },
    /** The client's Stop: its read is already aborted, which ends the body; this only answers. */
    stop: (id: string): Response => stopAnswer(id, id === streamId),
  }
}

/** The `streamId` of the Rivulet `start` event, which names the stream for resume. */
function startStreamId(recording: Recording): string | undefined {
  if (recording.header.format !== 'rivulet') return undefined
  for (const frame of splitSseFrames(recordingBody(recording))) {
    if (!frame.event) continue
    try {
      const data = JSON.parse(frame.event.data) as { type?: unknown; streamId?: unknown }
      if (data.type === 'start' && typeof data.streamId === 'string') return data.streamId
    } catch {
      // Not a start frame.
    }
  }
  return undefined
}

/** What a resume sends: the frames after `lastSeq`, one chunk each, timed from the first of them. */
function after(recording: Recording, lastSeq: number): Recording {
  const frames = splitSseFrames(recordingBody(recording))
  const first = frames.findIndex((frame) => (frameSeq(frame) ?? -1) > lastSeq)
  const kept = first < 0 ? [] : frames.slice(first).filter((frame) => !frame.event || (frameSeq(frame) ?? Infinity) > lastSeq)
  const arrival = arrivalTimes(recording)
  const base = kept[0] ? arrival(kept[0].end - 1) : 0
  return {
    header: { ...recording.header },
    chunks: kept.map((frame) => ({ t: arrival(frame.end - 1) - base, chunk: frame.text })),
  }
}
