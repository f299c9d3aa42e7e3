import type { ChatClientOptions } from '../../src/core/chat-client.ts'
import type { ChatErrorCode, ChatEvent } from '../../src/protocol/events.ts'
import type { StreamFormat } from '../../src/protocol/decoders/stream-format.ts'
import { STREAM_FORMATS } from '../../src/protocol/decoders/stream-format.ts'
import { createScript } from '../../src/mocks/script.ts'
import { scenarios } from '../../src/mocks/scenarios.ts'
import { glitchSeq } from '../../src/mocks/stream-faults.ts'
import type { MockChatStreamOptions } from '../../src/mocks/mock-chat-stream.ts'

/** Where mid-stream faults fire: inside the markdown answer, after the tool call finished. */
export const FAULT_AT = 14

const markdownText = scenarios.markdown.flatMap((e) => (e.type === 'token' ? [e.content] : [])).join('')

/**
 * The script every fault case streams: a status line, a tool call with streamed arguments and
 * a result, then the markdown scenario's answer (headings, list, table, quote, code).
 *
 * @example
 * mockChatStream({ script: faultScript(), format: 'anthropic' })
 */
export function faultScript(): ChatEvent[] {
  return createScript({ streamId: 'fault-matrix' })
    .status('Looking things up…')
    .toolCall({ id: 'call_1', name: 'lookup', args: { river: 'Nile', unit: 'km' }, result: { length: 6650 } })
    .text(markdownText)
    .done({ usage: { inputTokens: 10, outputTokens: 200 } })
}

/** The answer text carried by these events (what the client should end up applying). */
export function tokensOf(events: readonly ChatEvent[]): string {
  return events.flatMap((e) => (e.type === 'token' ? [e.content] : [])).join('')
}

/**
 * One row of the fault matrix: the mock's fault, client options that make it bite within a
 * bounded time, and what the user must see for a given format.
 *
 * @example
 * for (const fault of FAULTS) for (const format of STREAM_FORMATS) expectation = fault.expect(format)
 */
export interface FaultCase {
  name: string
  mock: Omit<MockChatStreamOptions, 'script' | 'format' | 'url'>
  client?: Partial<ChatClientOptions>
  expect(format: StreamFormat): FaultExpectation
}

/** What a fault case must end in. */
export interface FaultExpectation {
  status: 'ready' | 'error'
  errorCode?: ChatErrorCode
  /** The exact text the client applied (tokens after de-duplication). */
  text: string
  /** The rendered answer must equal the uninterrupted run's rendering. */
  sameAsBaseline: boolean
  posts: number
  resumes: number
}

const script = faultScript()
const full = tokensOf(script)
const before = tokensOf(script.slice(0, FAULT_AT))
const resumable = (format: StreamFormat) => format === 'rivulet'

const complete = (posts = 1): FaultExpectation => ({ status: 'ready', text: full, sameAsBaseline: true, posts, resumes: 0 })
const broken = (errorCode: ChatErrorCode, text = before, posts = 1): FaultExpectation => ({
  status: 'error',
  errorCode,
  text,
  sameAsBaseline: false,
  posts,
  resumes: 0,
})

/**
 * Every fault of the testing kit, with what a correct client shows for each format.
 * Only the Rivulet format carries event ids, so only it can resume or drop a duplicate by `seq`;
 * a foreign format's repeated frame is indistinguishable from repeated content and is shown as sent.
 *
 * @example
 * FAULTS.length * STREAM_FORMATS.length // cases in the matrix
 */
export const FAULTS: FaultCase[] = [
  { name: 'no fault, one chunk per event', mock: { chunking: 'event' }, expect: () => complete() },
  { name: 'one byte per chunk', mock: { chunking: 'byte' }, expect: () => complete() },
  { name: 'random chunk sizes', mock: { chunking: 'random', seed: 7 }, expect: () => complete() },
  { name: 'whole body in one chunk (buffering proxy)', mock: { chunking: 'whole' }, expect: () => complete() },
  { name: 'HTTP 503 on the first POST, then streams', mock: { httpStatus: 503, failRequests: 1 }, expect: () => complete(2) },
  { name: 'HTTP 429 with Retry-After 0, then streams', mock: { httpStatus: 429, retryAfter: 0, failRequests: 1 }, expect: () => complete(2) },
  { name: 'HTTP 500 on every POST', mock: { httpStatus: 500 }, expect: () => broken('http', '', 3) },
  { name: 'HTTP 429 with a long Retry-After', mock: { httpStatus: 429, retryAfter: 90 }, expect: () => broken('rate_limited', '') },
  { name: 'HTTP 400 (not retried)', mock: { httpStatus: 400 }, expect: () => broken('http', '') },
  { name: 'provider error mid-stream', mock: { errorAfter: FAULT_AT }, expect: () => broken('upstream_error') },
  {
    name: 'rate limited mid-stream',
    mock: { errorAfter: { events: FAULT_AT, code: 'rate_limited', retryAfter: 30, message: 'Slow down' } },
    // The AI SDK's UI message stream carries only `errorText`: the code cannot cross that wire.
    expect: (format) => broken(format === 'ai-sdk' ? 'upstream_error' : 'rate_limited'),
  },
  {
    name: 'connection dropped mid-stream',
    mock: { disconnectAfter: FAULT_AT, chunking: 'random', seed: 3 },
    expect: (format) => (resumable(format) ? { ...complete(), resumes: 1 } : broken('network')),
  },
  {
    name: 'stall longer than the idle timeout',
    mock: { stallAfter: { events: FAULT_AT, ms: 5_000 }, keepAliveIntervalMs: 20 },
    client: { idleTimeoutMs: 250 },
    expect: (format) => (resumable(format) ? { ...complete(), resumes: 1 } : broken('timeout')),
  },
  {
    name: 'stall shorter than the idle timeout',
    mock: { stallAfter: { events: FAULT_AT, ms: 120 }, keepAliveIntervalMs: 20 },
    client: { idleTimeoutMs: 2_000 },
    expect: () => complete(),
  },
  {
    name: 'keep-alives only',
    mock: { keepAlivesOnly: { intervalMs: 20 } },
    client: { firstTokenTimeoutMs: 250 },
    expect: () => broken('timeout', ''),
  },
  {
    name: 'a frame sent twice',
    mock: { duplicateSeq: FAULT_AT },
    expect: (format) => (resumable(format) ? complete() : { ...complete(), text: tokensOf(glitchSeq(script, { duplicateSeq: FAULT_AT })), sameAsBaseline: false }),
  },
  {
    name: 'a frame never sent',
    mock: { skipSeq: FAULT_AT },
    expect: () => ({ ...complete(), text: tokensOf(glitchSeq(script, { skipSeq: FAULT_AT })), sameAsBaseline: false }),
  },
  { name: 'malformed frame mid-stream', mock: { malformedAfter: FAULT_AT }, expect: () => broken('protocol') },
]

/**
 * The matrix as rows, so the count printed is the count run.
 *
 * @example
 * FAULT_MATRIX.map(({ fault, format }) => `${fault.name} × ${format}`)
 */
export const FAULT_MATRIX = FAULTS.flatMap((fault) => STREAM_FORMATS.map((format) => ({ fault, format, expected: fault.expect(format) })))
