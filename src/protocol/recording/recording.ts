import type { StreamFormat } from '../decoders/stream-format.ts'

/**
 * The first line of a recording: what a replay needs to answer like the original server
 * (format, status, headers) and where the recording came from.
 *
 * @example
 * const header: RecordingHeader = {
 *   rivulet: 'recording',
 *   version: 1,
 *   format: 'openai-chat',
 *   status: 200,
 *   headers: { 'content-type': 'text/event-stream' },
 *   url: 'https://api.example.com/v1/chat/completions',
 * }
 */
export interface RecordingHeader {
  rivulet: 'recording'
  version: 1
  /** The wire format of the body, so a replay can be decoded without guessing. */
  format: StreamFormat
  /** The HTTP status of the response. */
  status: number
  /** Response headers, names in lower case. */
  headers: Record<string, string>
  url?: string
  method?: string
  /** ISO 8601 time the recording was made. */
  createdAt?: string
  /** Free text: where the body came from (a fixture file, a provider, a test). */
  source?: string
  /** The recorder saw the body stop early (an error or an abort): the chunks end where it stopped. */
  truncated?: boolean
  /** How a replay ends after the last chunk: a clean close, a dropped connection, or held open. @default 'close' */
  ending?: RecordingEnding
  /** With `ending: 'keep-alive'`: milliseconds between the `: ping` comments. @default 15000 */
  keepAliveMs?: number
}

/**
 * How a replayed body ends once its chunks are out: `'close'` ends it cleanly;
 * `'network-error'` breaks the connection, so the reader rejects as with a real drop;
 * `'keep-alive'` holds it open, sending a `: ping` comment every `keepAliveMs`, until the
 * request aborts (a server that never answers).
 *
 * @example
 * const dropped: RecordingEnding = 'network-error'
 */
export type RecordingEnding = 'close' | 'network-error' | 'keep-alive'

/**
 * One network read as the recorder saw it: `t` milliseconds after the response arrived,
 * the text `chunk` (decoded as UTF-8; a character split across reads lands in the later one).
 *
 * @example
 * const chunk: RecordedChunk = { t: 412.5, chunk: 'data: {"type":"token","seq":1,"content":"Hi"}\n\n' }
 */
export interface RecordedChunk {
  t: number
  chunk: string
}

/**
 * A captured response: its header and every chunk in arrival order. Concatenating the chunks
 * gives the body back.
 *
 * @example
 * const body = recording.chunks.map((c) => c.chunk).join('')
 */
export interface Recording {
  header: RecordingHeader
  chunks: RecordedChunk[]
}

/**
 * The recording format version this library reads and writes.
 *
 * @example
 * if (header.version !== RECORDING_VERSION) throw new Error('unsupported')
 */
export const RECORDING_VERSION = 1

/**
 * The whole body of a recording, in order.
 *
 * @example
 * recordingBody({ header, chunks: [{ t: 0, chunk: 'data: a\n' }, { t: 5, chunk: '\n' }] }) // 'data: a\n\n'
 */
export function recordingBody(recording: Recording): string {
  let body = ''
  for (const { chunk } of recording.chunks) body += chunk
  return body
}
