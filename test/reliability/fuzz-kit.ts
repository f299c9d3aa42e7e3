import fc from 'fast-check'
import { createDecoder } from '../../src/protocol/decoders/create-decoder.ts'
import type { DecoderOptions, StreamFormat } from '../../src/protocol/decoders/stream-format.ts'
import { chatReducer } from '../../src/core/chat-reducer.ts'
import { initialChatState, type ChatState, type ChatStatus, type ToolCallState } from '../../src/core/state.ts'
import { beginTurn } from '../../src/core/turn.ts'
import type { ChatEvent, UnsequencedChatEvent } from '../../src/protocol/events.ts'
import { createSseParser, type SseEvent } from '../../src/protocol/sse/parser.ts'

/**
 * Shared pieces of the fuzz suites: arbitraries for event scripts and cut points, the decode
 * pipeline, the stream invariants, and a tally of inputs tried (printed at the end of a run).
 *
 * @example
 * fc.assert(fc.property(eventScript, (events) => …), runs('decoders', 300, 7))
 */

/** How many generated inputs each suite fed, for the README figures. */
export const inputsTried = new Map<string, number>()

/**
 * Options for `fc.assert` with a fixed seed, and the count recorded under `suite`.
 *
 * @example
 * fc.assert(property, runs('parser', 500, 1))
 */
export function runs(suite: string, numRuns: number, seed: number): fc.Parameters<unknown> {
  inputsTried.set(suite, (inputsTried.get(suite) ?? 0) + numRuns)
  return { numRuns, seed }
}

/** Strings with the characters that break streams: line ends of every kind, BOM, colons, astral and lone surrogates. */
export const wireText = fc.string({
  unit: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('d', 'a', 't', ':', ' ', 'e', 'v', 'n', 'i', 'r', 'y', '{', '}', '"', ',') },
    { weight: 3, arbitrary: fc.constantFrom('\n', '\r', '\r\n', '\n\n', '\uFEFF', 'data: ', 'event: ', 'id: ', 'retry: ', ': ping') },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 2 }) },
    { weight: 1, arbitrary: fc.constantFrom('\uD800', '\uDFFF', '\u0000', '😀', 'é') },
  ),
  maxLength: 200,
})

/** Content with markdown, JSON and multibyte characters. */
const content = fc.string({ unit: fc.oneof(fc.constantFrom('a', ' ', '*', '`', '{', '"', '\n', '\\', 'é', '😀', '</think>', '<think>'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 8 })
const toolId = fc.constantFrom('c1', 'c2', 'c3')

/**
 * A plausible but unconstrained stream body: any event in any order, tool calls out of step,
 * content with control and multibyte characters; sometimes a terminal event, sometimes none.
 *
 * @example
 * fc.sample(eventScript, 1)[0] // [{ type: 'start', seq: 0, … }, { type: 'token', seq: 1, … }, …]
 */
/** URLs a source or file may carry, the dangerous ones first. */
const hostileUrl = fc.constantFrom('javascript:alert(1)', ' JaVa\tScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'data:image/png;base64,iVBORw0KGgo=', 'https://example.com/a', '//evil.example/x', '/relative', '')

export const eventScript: fc.Arbitrary<ChatEvent[]> = fc
  .tuple(
    fc.array(
      fc.oneof(
        { weight: 5, arbitrary: fc.record({ type: fc.constant('token' as const), content }) },
        { weight: 2, arbitrary: fc.record({ type: fc.constant('reasoning' as const), content }) },
        { weight: 1, arbitrary: fc.record({ type: fc.constant('status' as const), message: content }) },
        { weight: 2, arbitrary: fc.record({ type: fc.constant('tool_call_start' as const), id: toolId, name: fc.constantFrom('search', 'calc') }) },
        { weight: 3, arbitrary: fc.record({ type: fc.constant('tool_call_delta' as const), id: toolId, argsDelta: fc.constantFrom('{"q":', '"ni', 'le"', '}', '[1,', '2]', '\\u00e9') }) },
        { weight: 2, arbitrary: fc.record({ type: fc.constant('tool_call_end' as const), id: toolId }) },
        { weight: 1, arbitrary: fc.record({ type: fc.constant('tool_result' as const), id: toolId, result: fc.jsonValue({ maxDepth: 2 }), isError: fc.boolean() }) },
        // Rich parts (issue 12), with the hostile values they must survive.
        { weight: 1, arbitrary: fc.record({ type: fc.constant('data' as const), name: fc.constantFrom('progress', '', '__proto__', 'x'.repeat(300)), id: fc.option(fc.constantFrom('p1', 'p2'), { nil: undefined }), data: fc.jsonValue({ maxDepth: 2 }), transient: fc.option(fc.constant(true as const), { nil: undefined }) }, { requiredKeys: ['type', 'name', 'data'] }) },
        { weight: 1, arbitrary: fc.record({ type: fc.constant('source' as const), id: fc.constantFrom('s1', 's2'), url: fc.option(hostileUrl, { nil: undefined }), title: fc.option(content, { nil: undefined }) }, { requiredKeys: ['type', 'id'] }) },
        { weight: 1, arbitrary: fc.record({ type: fc.constant('citation' as const), sourceId: fc.constantFrom('s1', 's2', 'nope'), end: fc.option(fc.nat({ max: 50 }), { nil: undefined }), length: fc.option(fc.nat({ max: 50 }), { nil: undefined }) }, { requiredKeys: ['type', 'sourceId'] }) },
        { weight: 1, arbitrary: fc.record({ type: fc.constant('file' as const), mediaType: fc.constantFrom('image/png', 'image/svg+xml', 'text/html', ''), url: hostileUrl }) },
        { weight: 1, arbitrary: fc.record({ type: fc.constant('metadata' as const), metadata: fc.dictionary(fc.constantFrom('model', '__proto__', 'constructor', 'n'), fc.jsonValue({ maxDepth: 1 })) }) },
      ),
      { maxLength: 25 },
    ),
    fc.option(
      fc.oneof(
        fc.record({ type: fc.constant('done' as const) }),
        fc.record({ type: fc.constant('error' as const), code: fc.constantFrom('rate_limited' as const, 'upstream_error' as const, 'context_length' as const), message: fc.constant('boom') }),
      ),
    ),
  )
  .map(([body, end]) => {
    const events: UnsequencedChatEvent[] = [{ type: 'start', streamId: 's1' }, ...(body as UnsequencedChatEvent[]), ...(end ? [end as UnsequencedChatEvent] : [])]
    return events.map((event, seq) => ({ ...event, seq }) as ChatEvent)
  })

/** Damage done to a list of frames, as networks, proxies and buggy servers do. */
export type FrameMutation =
  | { kind: 'drop'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'swap'; at: number }
  | { kind: 'truncate'; at: number; keep: number }
  | { kind: 'insert'; at: number; text: string }

/**
 * @example
 * mutate(frames, fc.sample(frameMutations, 1)[0])
 */
export const frameMutations: fc.Arbitrary<FrameMutation[]> = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('swap' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(), keep: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: wireText }),
  ),
  { maxLength: 4 },
)

/**
 * Applies mutations in order; positions wrap around the current list.
 *
 * @example
 * mutate(['a', 'b'], [{ kind: 'swap', at: 0 }]) // ['b', 'a']
 */
export function mutate(frames: readonly string[], mutations: readonly FrameMutation[]): string[] {
  const out = [...frames]
  for (const m of mutations) {
    if (out.length === 0) {
      if (m.kind === 'insert') out.push(m.text)
      continue
    }
    const at = m.at % out.length
    if (m.kind === 'drop') out.splice(at, 1)
    else if (m.kind === 'duplicate') out.splice(at, 0, out[at]!)
    else if (m.kind === 'swap' && at + 1 < out.length) [out[at], out[at + 1]] = [out[at + 1]!, out[at]!]
    else if (m.kind === 'truncate') out[at] = out[at]!.slice(0, m.keep % (out[at]!.length + 1))
    else if (m.kind === 'insert') out.splice(at, 0, m.text)
  }
  return out
}

/** Cut points for chunking a text or byte array (sorted, deduplicated by `split`). */
export const cuts = fc.array(fc.nat(), { maxLength: 12 })

/**
 * Splits `whole` at the given positions (taken modulo its length).
 *
 * @example
 * split('abcdef', [2, 4]) // ['ab', 'cd', 'ef']
 */
export function split<T extends string | Uint8Array>(whole: T, at: readonly number[]): T[] {
  const length = whole.length
  const points = [...new Set(at.map((n) => (length === 0 ? 0 : n % length)))].sort((a, b) => a - b)
  const pieces: T[] = []
  let from = 0
  for (const point of points) {
    pieces.push(whole.slice(from, point) as T)
    from = point
  }
  pieces.push(whole.slice(from) as T)
  return pieces
}

/**
 * The client's pipeline without the network: UTF-8 bytes (or text) in chunks → SSE parser →
 * decoder → events, with a deterministic stream id so runs compare equal.
 *
 * @example
 * decodeChunks('anthropic', split(body, [3, 40]))
 */
export function decodeChunks(
  format: StreamFormat,
  chunks: readonly (string | Uint8Array)[],
  options: DecoderOptions = {},
): { events: ChatEvent[]; sse: SseEvent[] } {
  const events: ChatEvent[] = []
  const sse: SseEvent[] = []
  let ids = 0
  const decoder = createDecoder(format, (event) => events.push(event), { generateId: () => `gen-${ids++}`, ...options })
  const parser = createSseParser({
    onEvent: (event) => {
      sse.push(event)
      decoder.push(event)
    },
  })
  const text = new TextDecoder()
  for (const chunk of chunks) parser.feed(typeof chunk === 'string' ? chunk : text.decode(chunk, { stream: true }))
  parser.feed(text.decode())
  parser.end()
  decoder.end()
  return { events, sse }
}

/**
 * The rules a decoded stream keeps whatever came in: exactly one terminal event, last;
 * for foreign formats `seq` 0, 1, 2… from `start`, and tool calls that only move forward
 * (started once, deltas only while open, ended once).
 * Returns the first broken rule, or `undefined`.
 *
 * @example
 * expect(streamProblem(events, { foreign: true })).toBeUndefined()
 */
export function streamProblem(events: readonly ChatEvent[], { foreign }: { foreign: boolean }): string | undefined {
  const terminals = events.filter((e) => e.type === 'done' || e.type === 'error')
  if (terminals.length !== 1) return `${terminals.length} terminal events`
  if (events.at(-1) !== terminals[0]) return 'events after the terminal event'
  if (!foreign) return undefined
  if (events[0]?.type !== 'start') return `first event is ${events[0]?.type}`
  if (events.filter((e) => e.type === 'start').length !== 1) return 'more than one start'
  for (const [index, event] of events.entries()) if (event.seq !== index) return `seq ${event.seq} at position ${index}`
  // Results are free: a server-side tool may report one for a call it never streamed.
  const open = new Set<string>()
  const started = new Set<string>()
  for (const event of events) {
    if (event.type === 'tool_call_start') {
      if (started.has(event.id)) return `tool ${event.id} started twice`
      started.add(event.id)
      open.add(event.id)
    } else if (event.type === 'tool_call_delta' && !open.has(event.id)) return `delta for tool ${event.id} outside its window`
    else if (event.type === 'tool_call_end' && !open.delete(event.id)) return `end for tool ${event.id} outside its window`
  }
  return undefined
}

const STATUSES: ReadonlySet<ChatStatus> = new Set(['idle', 'submitted', 'streaming', 'reconnecting', 'ready', 'error'])
const rank: Record<ToolCallState, number> = {
  'input-streaming': 0,
  'input-available': 1,
  'approval-requested': 1.25,
  'approval-responded': 1.5,
  'output-available': 2,
  'output-error': 2,
  'output-denied': 2,
}

/**
 * Runs events through the reducer from a fresh turn and checks every step: the status is one
 * of the allowed ones, a tool call never moves back (nor between its two final states), and
 * nothing changes once the turn ended. Returns the final state and the first broken rule.
 *
 * @example
 * expect(reduceChecked(events).problem).toBeUndefined()
 */
export function reduceChecked(events: readonly ChatEvent[]): { state: ChatState; problem: string | undefined } {
  let state = beginTurn(initialChatState, { userMessage: { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'hi' }] }, assistantId: 'a1' })
  for (const event of events) {
    let next: ChatState
    try {
      next = chatReducer(state, event, 0)
    } catch (error) {
      return { state, problem: `threw on ${event.type}: ${String(error)}` }
    }
    if (!STATUSES.has(next.status)) return { state: next, problem: `status ${next.status}` }
    if ((state.status === 'ready' || state.status === 'error') && next !== state) return { state: next, problem: `changed after ${state.status}` }
    const rich = richPartProblem(next)
    if (rich) return { state: next, problem: rich }
    const before = new Map<string, ToolCallState>()
    for (const part of state.messages.at(-1)?.parts ?? []) if (part.type === 'tool-call') before.set(part.id, part.state)
    for (const part of next.messages.at(-1)?.parts ?? []) {
      if (part.type !== 'tool-call') continue
      const was = before.get(part.id)
      if (was === undefined) continue
      if (rank[part.state] < rank[was] || (rank[was] === 2 && part.state !== was)) return { state: next, problem: `tool ${part.id} moved ${was} → ${part.state}` }
    }
    state = next
  }
  return { state, problem: undefined }
}

/** What the rich parts must never hold, whatever the stream said. */
function richPartProblem(state: ChatState): string | undefined {
  const parts = state.messages.at(-1)?.parts ?? []
  const sourceIds = new Set<string>()
  for (const part of parts) {
    if (part.type === 'source') {
      if (sourceIds.has(part.id)) return `source ${part.id} stored twice`
      sourceIds.add(part.id)
      if (part.url !== undefined && !/^https?:\/\//.test(part.url)) return `source URL ${part.url} kept`
    }
    if (part.type === 'file' && part.url !== '' && !/^(https?:\/\/|data:)/i.test(part.url)) return `file URL ${part.url} kept`
    if (part.type === 'text') {
      for (const c of part.citations ?? []) if (!(0 <= c.start && c.start <= c.end && c.end <= part.text.length)) return `citation ${c.start}..${c.end} outside ${part.text.length}`
    }
  }
  if (Object.getPrototypeOf({}) !== Object.prototype || 'polluted' in {}) return 'Object.prototype polluted'
  return undefined
}
