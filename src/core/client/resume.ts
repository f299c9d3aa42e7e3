import type { StreamFormat } from '../../protocol/decoders/stream-format.ts'
import { backoffDelay, type BackoffOptions } from '../backoff.ts'
import type { ChatState, StreamCursor } from '../state.ts'
import type { ChatTransport } from '../transports/transport.ts'

/** A stream cursor that can be resumed: it has a stream id. */
export type ResumableCursor = StreamCursor & { streamId: string }

/**
 * The cursor to resume from, read from the one place it lives (`state.stream`), when the
 * stream can be resumed at all: the transport resumes, the stream has an id and speaks the
 * Rivulet format (foreign formats carry no event ids).
 */
export function resumeCursor(state: ChatState, transport: ChatTransport, format: StreamFormat | undefined): ResumableCursor | undefined {
  const cursor = state.stream
  if (!transport.resume || cursor?.streamId === undefined || format !== 'rivulet') return undefined
  return cursor as ResumableCursor
}

/**
 * The cursor a Continue resumes from: the last turn ended with an error the reducer marked
 * resumable, and the transport can resume.
 */
export function continueCursor(state: ChatState, transport: ChatTransport): ResumableCursor | undefined {
  if (!state.error?.resumable) return undefined
  return resumeCursor(state, transport, 'rivulet')
}

/** The resume request for `cursor`: `Last-Event-ID` is the last `seq` applied. */
export function resumeRequest(transport: ChatTransport, cursor: ResumableCursor): (signal: AbortSignal) => Promise<Response> {
  const resume = transport.resume!.bind(transport)
  return (signal) => resume({ streamId: cursor.streamId, lastEventId: String(cursor.lastSeq), signal })
}

/**
 * How long to wait before the `attempt`-th automatic reconnect (from 0): the server's SSE
 * `retry:` advice when it gave one, else backoff. Offline, there is no point waiting: the
 * request fails at once and the reconnect triggers take over.
 */
export function reconnectDelay(attempt: number, serverRetryMs: number | undefined, backoff?: BackoffOptions): number {
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false
  if (offline) return 0
  return serverRetryMs ?? backoffDelay(attempt, backoff)
}
