import type { ChatErrorCode } from '../protocol/events.ts'
import { encodeEvent } from '../protocol/encode.ts'
import { createEncoder } from '../protocol/encoders/create-encoder.ts'
import type { Recording } from '../protocol/recording/recording.ts'
import { recordingBody } from '../protocol/recording/recording.ts'
import { frameSeq, splitSseFrames, type SseFrame } from '../protocol/recording/sse-frames.ts'
import { cutChunks } from './cut-chunks.ts'
import { KEEP_ALIVE_FRAME } from './pace.ts'
import { arrivalTimes, delayFrom, eventFrames, frameOfSeq, offsetOfByte, spliceBody, timeAt } from './recording-edit.ts'
import { errorEvent } from './stream-faults.ts'

/**
 * A pure transform of a recording (the input is never changed) with a `label` for pickers and
 * timelines: the one fault vocabulary of the mocks. `mockChatStream({ faults })`,
 * `replayRecording(recording, { faults })`, `createReplayTransport` and the Stream Lab all take
 * a list of them; event positions count the SSE frames that carry an event, from 0, in any
 * format. A fault with `requests` applies to the first `requests` POSTs only (a later retry
 * gets the stream). Compose them with {@link applyFaults}; write your own with `Object.assign`.
 *
 * @example
 * const slowStart: Fault = Object.assign((r: Recording) => ({ ...r, chunks: r.chunks.map((c) => ({ ...c, t: c.t + 2000 })) }), { label: 'slow start' })
 */
export type Fault = ((recording: Recording) => Recording) & { readonly label: string; readonly requests?: number }

function fault(label: string, transform: (recording: Recording) => Recording, requests?: number): Fault {
  const apply = (recording: Recording) => transform(recording)
  return Object.assign(apply, requests === undefined ? { label } : { label, requests })
}

/**
 * Applies faults in order: each sees what the previous one made. `request` (1 for the first
 * POST) leaves out faults limited to earlier requests.
 *
 * @example
 * applyFaults(recording, [rechunk('byte'), dropConnectionAt({ event: 12 })])
 */
export function applyFaults(recording: Recording, faults: readonly Fault[], request = 1): Recording {
  return faults.reduce((current, apply) => (apply.requests === undefined || request <= apply.requests ? apply(current) : current), recording)
}

const encoder = new TextEncoder()

/**
 * Cuts the body into other network chunks: one per SSE frame, one byte each, seeded random
 * sizes (1–32 bytes), or the whole body at once (a buffering proxy). A chunk arrives when its
 * last byte arrived in the original. Recordings store text, so a chunk never ends inside a
 * UTF-8 character: its bytes join the next chunk (for byte splits inside characters, use
 * `mockChatStream({ chunking: 'byte' })`).
 *
 * @example
 * rechunk('byte')(recording).chunks.slice(0, 3).map((c) => c.chunk) // ['d', 'a', 't']
 */
export function rechunk(mode: 'byte' | 'random' | 'whole' | 'event', seed = 1): Fault {
  const labels = { byte: 'one byte per chunk', random: `random chunks (seed ${seed})`, whole: 'whole body in one chunk', event: 'one chunk per event' }
  return fault(labels[mode], (recording) => {
    const arrival = arrivalTimes(recording)
    const pieces =
      mode === 'event'
        ? splitSseFrames(recordingBody(recording)).map((frame) => ({ time: arrival(frame.end - 1), bytes: encoder.encode(frame.text) }))
        : recording.chunks.map(({ t, chunk }) => ({ time: t, bytes: encoder.encode(chunk) }))
    const text = new TextDecoder()
    const chunks = []
    for (const { time, chunk } of cutChunks(pieces, mode, { seed })) {
      const piece = text.decode(chunk, { stream: true })
      if (piece !== '') chunks.push({ t: time, chunk: piece })
    }
    return { header: { ...recording.header }, chunks }
  })
}

/**
 * Breaks the connection before event `event` (0-based: that many events arrive) or after
 * `byte` UTF-8 bytes, whichever comes first; the replay then ends in a network error, as when
 * a proxy or the network drops the stream. Past the end, the connection breaks after the body.
 *
 * @example
 * dropConnectionAt({ event: 12 }) // events 0–11 arrive, then the reader rejects
 */
export function dropConnectionAt(at: { event?: number; byte?: number }): Fault {
  const label = at.event !== undefined ? `drop connection at event ${at.event}` : `drop connection at byte ${at.byte ?? 0}`
  return fault(label, (recording) => {
    const body = recordingBody(recording)
    let cut = body.length
    if (at.event !== undefined) cut = Math.min(cut, eventStart(recording, at.event) ?? body.length)
    if (at.byte !== undefined) cut = Math.min(cut, offsetOfByte(body, Math.max(0, at.byte)))
    const cutShort = spliceBody(recording, cut, body.length)
    return { header: { ...cutShort.header, ending: 'network-error' }, chunks: cutShort.chunks }
  })
}

/**
 * Holds everything from event `event` on for `ms` more milliseconds (an upstream model that
 * stalls mid-answer). No change past the last event.
 *
 * @example
 * stallAt({ event: 5, ms: 8000 }) // trips an idle timeout shorter than 8 s
 */
export function stallAt(at: { event: number; ms: number }): Fault {
  return fault(`stall ${at.ms} ms before event ${at.event}`, (recording) => {
    const start = eventStart(recording, at.event)
    return start === undefined ? copy(recording) : delayFrom(recording, start, Math.max(0, at.ms))
  })
}

/**
 * Sends the frame of event `seq` twice in a row (a server that retried a write). The seq is
 * the frame's `seq` in Rivulet recordings; foreign formats carry none, so there it counts
 * event frames from 0.
 *
 * @example
 * duplicateSeq(3) // the client should drop the second copy
 */
export function duplicateSeq(seq: number): Fault {
  return fault(`duplicate seq ${seq}`, (recording) => {
    const frame = frameOfSeq(recording, seq)
    return frame ? spliceBody(recording, frame.end, frame.end, frame.text) : copy(recording)
  })
}

/**
 * Never sends the frame of event `seq` (a gap the client should notice); the seq counts as in
 * {@link duplicateSeq}.
 *
 * @example
 * skipSeq(3) // Rivulet: the client reports a gap in its metrics
 */
export function skipSeq(seq: number): Fault {
  return fault(`skip seq ${seq}`, (recording) => {
    const frame = frameOfSeq(recording, seq)
    return frame ? spliceBody(recording, frame.start, frame.end) : copy(recording)
  })
}

/**
 * Cuts the data of event `eventIndex` (0-based) in half, as a buggy proxy that truncates a
 * write would: its JSON no longer parses, and the client should report a `protocol` error.
 *
 * @example
 * corruptFrame(4)(recording) // event 4 is now e.g. 'data: {"type":"token","se\n\n'
 */
export function corruptFrame(eventIndex: number): Fault {
  return fault(`corrupt event ${eventIndex}`, (recording) => {
    const frame = eventFrames(recording)[eventIndex]
    return frame ? spliceBody(recording, frame.start, frame.end, corrupted(frame)) : copy(recording)
  })
}

/**
 * Replaces everything from event `afterEvent` on with an error event in the recording's own
 * format (an Anthropic `event: error`, an OpenAI error chunk, a Rivulet `error`…), as a
 * provider failing mid-answer. No change when the stream has no more than `afterEvent` events.
 *
 * @example
 * injectErrorEvent({ afterEvent: 6, code: 'rate_limited', message: 'Slow down', retryAfter: 10 })
 */
export function injectErrorEvent(options: { afterEvent: number; code?: ChatErrorCode; message?: string; retryAfter?: number }): Fault {
  const { afterEvent, ...error } = options
  return fault(`${error.code ?? 'upstream_error'} error after event ${afterEvent}`, (recording) => {
    const frames = eventFrames(recording)
    const at = frames[afterEvent]
    if (!at) return copy(recording)
    const body = recordingBody(recording)
    let frame: string
    if (recording.header.format === 'rivulet') {
      const previous = frames.slice(0, afterEvent).reverse().map(frameSeq).find((seq) => seq !== undefined)
      frame = encodeEvent(errorEvent(previous === undefined ? 0 : previous + 1, error))
    } else {
      // Encoders open the stream themselves on its first event: give them one to skip past.
      const encode = createEncoder(recording.header.format)
      encode.encode({ type: 'start', seq: 0, streamId: 'stream' })
      frame = encode.encode(errorEvent(1, error))
    }
    return spliceBody(recording, at.start, body.length, frame, at.start > 0 ? timeAt(recording, at.start - 1) : timeAt(recording, 0))
  })
}

/**
 * Removes the last event (and anything after it), so the stream ends without its format's
 * ending: the client must show an interrupted answer, never a finished one.
 *
 * @example
 * stripFinalEvent()(openAiRecording) // no `data: [DONE]`
 */
export function stripFinalEvent(): Fault {
  return fault('strip final event', (recording) => {
    const last = eventFrames(recording).at(-1)
    return last ? spliceBody(recording, last.start, recordingBody(recording).length) : copy(recording)
  })
}

/**
 * Replaces the body with keep-alive comments, one every `intervalMs`: a server that holds the
 * connection but never answers. With `count`, that many then a close (the client sees an
 * interrupted stream unless a first-token timeout shorter than `count × intervalMs` fires
 * first); without it, pings until the request aborts.
 *
 * @example
 * keepAlivesOnly({ intervalMs: 15_000, count: 4 })
 * keepAlivesOnly({ intervalMs: 20 }) // forever: only a first-token timeout or stop() ends it
 */
export function keepAlivesOnly(options: { intervalMs: number; count?: number }): Fault {
  const intervalMs = Math.max(0, options.intervalMs)
  if (options.count === undefined) {
    return fault(`keep-alives only (every ${options.intervalMs} ms)`, (recording) => {
      const { truncated: _truncated, ...header } = recording.header
      return { header: { ...header, ending: 'keep-alive', keepAliveMs: Math.max(1, intervalMs) }, chunks: [] }
    })
  }
  const count = Math.max(0, Math.floor(options.count))
  return fault(`keep-alives only (${count} × ${options.intervalMs} ms)`, (recording) => ({
    header: { ...recording.header },
    chunks: Array.from({ length: count }, (_, i) => ({ t: (i + 1) * intervalMs, chunk: KEEP_ALIVE_FRAME })),
  }))
}

/**
 * @example
 * httpError({ status: 503, requests: 1 }) // the first POST fails, the retry streams
 */
export interface HttpErrorOptions {
  status: number
  /** A `Retry-After` header, in seconds. */
  retryAfter?: number
  /** The body text, sent as `text/plain`. @default a JSON `{ error: { message, code } }` */
  body?: string
  /** The `message` of the default JSON body. @default 'HTTP <status> (injected)' */
  message?: string
  /** Only the first N POSTs fail; later ones stream (to test retries). @default every POST */
  requests?: number
}

/**
 * Answers with an HTTP error before any stream: the status, an optional `Retry-After` (in
 * seconds) and a body (default: a JSON `{ error: { message, code } }`).
 *
 * @example
 * httpError({ status: 429, retryAfter: 30 }) // the client shows a rate limit with its countdown
 */
export function httpError(options: HttpErrorOptions): Fault {
  const label = options.retryAfter === undefined ? `HTTP ${options.status}` : `HTTP ${options.status}, Retry-After ${options.retryAfter} s`
  const scoped = options.requests === undefined ? label : `${label} (first ${options.requests} request${options.requests === 1 ? '' : 's'})`
  return fault(scoped, (recording) => {
    const headers: Record<string, string> = { 'content-type': options.body === undefined ? 'application/json' : 'text/plain; charset=utf-8' }
    if (options.retryAfter !== undefined) headers['retry-after'] = String(options.retryAfter)
    const message = options.message ?? `HTTP ${options.status} (injected)`
    const body = options.body ?? JSON.stringify({ error: { message, code: options.status } })
    const { truncated: _truncated, ending: _ending, keepAliveMs: _keepAliveMs, ...header } = recording.header
    return { header: { ...header, status: options.status, headers }, chunks: body === '' ? [] : [{ t: 0, chunk: body }] }
  }, options.requests)
}

function eventStart(recording: Recording, index: number): number | undefined {
  return eventFrames(recording)[Math.max(0, Math.floor(index))]?.start
}

function copy(recording: Recording): Recording {
  return { header: { ...recording.header }, chunks: recording.chunks.map((c) => ({ ...c })) }
}

/** The frame with its first data value cut in half and the rest dropped, still a complete frame. */
function corrupted(frame: SseFrame): string {
  const data = frame.event!.data.split(/\r\n|\r|\n/)[0]!
  const half = data.slice(0, Math.floor(data.length / 2))
  const match = /(^|\r\n|\r|\n)data: ?/.exec(frame.text)
  // The lines before the data (`event:`, `id:`) stay, so the frame still names its event.
  return match ? frame.text.slice(0, match.index + match[0].length) + half + '\n\n' : `data: ${half}\n\n`
}
