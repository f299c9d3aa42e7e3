import type { StreamFormat } from '../decoders/stream-format.ts'
import { formatHeaders } from '../encoders/format-headers.ts'
import { bodyFormat } from './body-format.ts'
import { RECORDING_VERSION, type Recording } from './recording.ts'
import { splitSseFrames } from './sse-frames.ts'

/**
 * @example
 * const options: RecordingFromSseOptions = { format: 'auto', chunking: 'event', intervalMs: 50 }
 */
export interface RecordingFromSseOptions {
  /** The body's wire format; `'auto'` detects it from `headers` and the first events. @default 'auto' */
  format?: StreamFormat | 'auto'
  /** One chunk per SSE frame, or the whole body as one chunk (a buffering proxy). @default 'event' */
  chunking?: 'event' | 'whole'
  /** Milliseconds between frames: frame `i` arrives at `i × intervalMs`. @default 20 */
  intervalMs?: number
  /** Response headers; the format's usual SSE headers fill in the rest. */
  headers?: Record<string, string>
  /** Stored as `header.source` (e.g. the file name). */
  source?: string
}

/**
 * Turns a raw `.sse` body (a fixture, a saved response) into a recording, so anything that
 * replays recordings replays it too: one chunk per frame, evenly paced.
 *
 * @example
 * const recording = recordingFromSse(readFileSync('fixtures/openai-chat-text.sse', 'utf8'), { intervalMs: 30 })
 * recording.header.format // 'openai-chat'
 */
export function recordingFromSse(text: string, options: RecordingFromSseOptions = {}): Recording {
  const given = lowerCaseKeys(options.headers ?? {})
  const format = options.format === undefined || options.format === 'auto' ? bodyFormat(text, given) : options.format
  const intervalMs = Math.max(0, options.intervalMs ?? 20)
  const pieces = options.chunking === 'whole' ? (text === '' ? [] : [text]) : splitSseFrames(text).map((frame) => frame.text)
  const recording: Recording = {
    header: { rivulet: 'recording', version: RECORDING_VERSION, format, status: 200, headers: { ...formatHeaders(format), ...given } },
    chunks: pieces.map((chunk, i) => ({ t: i * intervalMs, chunk })),
  }
  if (options.source !== undefined) recording.header.source = options.source
  return recording
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
}
