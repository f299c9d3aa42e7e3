import { STREAM_FORMATS, type StreamFormat } from '../decoders/stream-format.ts'
import { RECORDING_VERSION, type RecordedChunk, type Recording, type RecordingHeader } from './recording.ts'
import { RecordingError } from './recording-error.ts'

const ENDINGS = ['close', 'network-error', 'keep-alive']
const OPTIONAL_STRINGS = ['url', 'method', 'createdAt', 'source'] as const

/**
 * Reads a JSON Lines recording: a header line, then one `{"t": ms, "chunk": "text"}` line per
 * chunk. Blank lines are skipped and unknown fields ignored (so newer writers stay readable);
 * anything else wrong throws a {@link RecordingError} naming the line, because a recording
 * that silently loses a chunk would replay a different stream.
 *
 * @example
 * const recording = parseRecording(await readFile('fixtures/session.jsonl', 'utf8'))
 * recording.header.format // 'openai-chat'
 * recording.chunks.length // 42
 */
export function parseRecording(text: string): Recording {
  const lines = text.split(/\r?\n/)
  let header: RecordingHeader | undefined
  const chunks: RecordedChunk[] = []
  let lastT = 0
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line.trim() === '') continue
    const number = i + 1
    const value = parseLine(line, number)
    if (!header) {
      header = readHeader(value, number)
      continue
    }
    const chunk = readChunk(value, number)
    if (chunk.t < lastT) throw new RecordingError(number, `"t" goes back in time (${chunk.t} after ${lastT})`)
    lastT = chunk.t
    chunks.push(chunk)
  }
  if (!header) throw new RecordingError(1, 'empty file: expected a recording header {"rivulet":"recording","version":1,…}')
  return { header, chunks }
}

/**
 * Writes a recording as JSON Lines (header first, one line per chunk, a final newline);
 * `parseRecording` reads it back to an equal recording.
 *
 * @example
 * await writeFile('session.jsonl', serializeRecording(recording))
 */
export function serializeRecording(recording: Recording): string {
  const { rivulet, version, ...rest } = recording.header
  let out = JSON.stringify({ rivulet, version, ...rest }) + '\n'
  for (const { t, chunk } of recording.chunks) out += JSON.stringify({ t, chunk }) + '\n'
  return out
}

function parseLine(line: string, number: number): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch (error) {
    throw new RecordingError(number, `invalid JSON (${error instanceof Error ? error.message : String(error)})`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RecordingError(number, `expected a JSON object, got ${describe(value)}`)
  }
  return value as Record<string, unknown>
}

function readHeader(value: Record<string, unknown>, number: number): RecordingHeader {
  if (value['rivulet'] !== 'recording') {
    const hint = 'chunk' in value ? ' (the header line is missing)' : ''
    throw new RecordingError(number, `not a recording header: expected "rivulet": "recording"${hint}`)
  }
  if (value['version'] !== RECORDING_VERSION) {
    throw new RecordingError(number, `unsupported version ${describe(value['version'])} (this reader knows version ${RECORDING_VERSION})`)
  }
  const format = value['format']
  if (typeof format !== 'string' || !STREAM_FORMATS.includes(format as StreamFormat)) {
    throw new RecordingError(number, `"format" must be one of ${STREAM_FORMATS.join(', ')}; got ${describe(format)}`)
  }
  const status = value['status']
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
    throw new RecordingError(number, `"status" must be an HTTP status (200–599); got ${describe(status)}`)
  }
  const headers = value['headers']
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new RecordingError(number, `"headers" must be an object of strings; got ${describe(headers)}`)
  }
  for (const [name, v] of Object.entries(headers)) {
    if (typeof v !== 'string') throw new RecordingError(number, `header "${name}" must be a string; got ${describe(v)}`)
  }
  const header: RecordingHeader = { ...value, rivulet: 'recording', version: RECORDING_VERSION, format: format as StreamFormat, status, headers: headers as Record<string, string> }
  for (const key of OPTIONAL_STRINGS) {
    if (key in value && typeof value[key] !== 'string') throw new RecordingError(number, `"${key}" must be a string; got ${describe(value[key])}`)
  }
  if ('truncated' in value && typeof value['truncated'] !== 'boolean') {
    throw new RecordingError(number, `"truncated" must be true or false; got ${describe(value['truncated'])}`)
  }
  if ('ending' in value && !ENDINGS.includes(value['ending'] as string)) {
    throw new RecordingError(number, `"ending" must be one of ${ENDINGS.join(', ')}; got ${describe(value['ending'])}`)
  }
  const keepAliveMs = value['keepAliveMs']
  if ('keepAliveMs' in value && (typeof keepAliveMs !== 'number' || !(keepAliveMs > 0) || !Number.isFinite(keepAliveMs))) {
    throw new RecordingError(number, `"keepAliveMs" must be a number of milliseconds > 0; got ${describe(keepAliveMs)}`)
  }
  return header
}

function readChunk(value: Record<string, unknown>, number: number): RecordedChunk {
  if (value['rivulet'] === 'recording') throw new RecordingError(number, 'a second header: a recording has one header, on line 1')
  const t = value['t']
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) {
    throw new RecordingError(number, `"t" must be a number of milliseconds ≥ 0; got ${describe(t)}`)
  }
  const chunk = value['chunk']
  if (typeof chunk !== 'string') throw new RecordingError(number, `"chunk" must be a string; got ${describe(chunk)}`)
  return { t, chunk }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  const text = JSON.stringify(value)
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}
