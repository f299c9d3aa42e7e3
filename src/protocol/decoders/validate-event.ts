import type { ChatErrorCode, ChatEvent, ChatEventType, FinishReason, Usage } from '../events.ts'
import { isJsonObject, type JsonObject } from './json-value.ts'

/** What a Rivulet frame's JSON turned out to be. */
export type FrameCheck =
  | { kind: 'event'; event: ChatEvent }
  /** A `type` this version does not know: skipped, so newer servers work with older clients. */
  | { kind: 'unknown'; type: string }
  /** Says what is wrong, e.g. `expected string "content" in token`. */
  | { kind: 'invalid'; problem: string }

/** `count`: a non-negative integer (positions, lengths, sizes). */
type FieldType = 'string' | 'number' | 'count' | 'boolean' | 'object' | 'any'
interface FieldRule {
  name: string
  type: FieldType
  optional?: boolean
}

const req = (name: string, type: FieldType): FieldRule => ({ name, type })
const opt = (name: string, type: FieldType): FieldRule => ({ name, type, optional: true })

/** DESIGN §2's table, field for field. */
const RULES: Record<ChatEventType, FieldRule[]> = {
  start: [req('streamId', 'string'), opt('messageId', 'string'), opt('metadata', 'object')],
  token: [req('content', 'string')],
  reasoning: [req('content', 'string'), opt('signature', 'string'), opt('redactedData', 'string'), opt('itemId', 'string'), opt('encryptedContent', 'string')],
  tool_call_start: [req('id', 'string'), req('name', 'string')],
  tool_call_delta: [req('id', 'string'), req('argsDelta', 'string')],
  tool_call_end: [req('id', 'string')],
  tool_result: [req('id', 'string'), req('result', 'any'), opt('isError', 'boolean'), opt('preliminary', 'boolean')],
  tool_approval_request: [req('id', 'string')],
  step_start: [],
  step_finish: [],
  step_reset: [],
  object_delta: [req('delta', 'string')],
  status: [req('message', 'string')],
  error: [req('code', 'string'), req('message', 'string'), opt('retryAfter', 'number'), opt('resumable', 'boolean')],
  done: [opt('finishReason', 'string'), opt('usage', 'object'), opt('metadata', 'object')],
  metadata: [req('metadata', 'object')],
  data: [req('name', 'string'), opt('id', 'string'), req('data', 'any'), opt('transient', 'boolean')],
  source: [req('id', 'string'), opt('url', 'string'), opt('title', 'string'), opt('mediaType', 'string'), opt('snippet', 'string')],
  citation: [req('sourceId', 'string'), opt('end', 'count'), opt('length', 'count')],
  file: [req('mediaType', 'string'), req('url', 'string'), opt('name', 'string'), opt('size', 'count'), opt('id', 'string'), opt('partial', 'boolean')],
}

const ERROR_CODES = new Set<string>(['rate_limited', 'context_length', 'content_filter', 'upstream_error', 'timeout', 'network', 'protocol', 'http'])
const FINISH_REASONS = new Set<string>(['stop', 'length', 'tool-calls', 'content-filter', 'error', 'interrupted', 'other'])

/**
 * True when `type` names a Rivulet event.
 *
 * @example
 * isChatEventType('token') // true
 * isChatEventType('text-delta') // false
 */
export function isChatEventType(type: string): type is ChatEventType {
  return Object.hasOwn(RULES, type)
}

/**
 * Checks one decoded Rivulet frame against the protocol table and returns a clean event that
 * carries only the known fields. Values the protocol may grow later are widened instead of
 * rejected: an unknown error `code` becomes `upstream_error`, an unknown `finishReason` becomes
 * `other`, unknown `type`s are reported as `unknown` for the caller to skip.
 *
 * @example
 * checkFrame({ type: 'token', seq: 3, content: 'Hel' }) // { kind: 'event', event: {…} }
 * checkFrame({ type: 'token', seq: 3 }) // { kind: 'invalid', problem: 'expected string "content" in token' }
 */
export function checkFrame(value: unknown): FrameCheck {
  if (!isJsonObject(value)) return { kind: 'invalid', problem: 'expected a JSON object' }
  const type = value['type']
  if (typeof type !== 'string') return { kind: 'invalid', problem: 'expected string "type"' }
  if (!isChatEventType(type)) return { kind: 'unknown', type }
  const seq = value['seq']
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) {
    return { kind: 'invalid', problem: `expected non-negative integer "seq" in ${type}` }
  }
  const event: JsonObject = { type, seq }
  for (const rule of RULES[type]) {
    const present = Object.hasOwn(value, rule.name) && (rule.type === 'any' || value[rule.name] !== undefined)
    if (!present) {
      if (rule.optional) continue
      return { kind: 'invalid', problem: `expected ${describe(rule.type)} "${rule.name}" in ${type}` }
    }
    const field = value[rule.name]
    if (!hasType(field, rule.type)) {
      // `null` for an optional field is how some JSON serializers spell "absent".
      if (rule.optional && field === null) continue
      return { kind: 'invalid', problem: `expected ${describe(rule.type)} "${rule.name}" in ${type}` }
    }
    event[rule.name] = field
  }
  // `preliminary: false` is the same as absent; only `true` is kept, so the event type holds.
  if (type === 'tool_result' && event['preliminary'] !== true) delete event['preliminary']
  if (type === 'data' && event['transient'] !== true) delete event['transient']
  if (type === 'error' && !ERROR_CODES.has(event['code'] as string)) event['code'] = 'upstream_error' satisfies ChatErrorCode
  if (type === 'done') {
    if (event['finishReason'] !== undefined && !FINISH_REASONS.has(event['finishReason'] as string)) {
      event['finishReason'] = 'other' satisfies FinishReason
    }
    if (event['usage'] !== undefined) {
      const usage = checkUsage(event['usage'] as JsonObject)
      if (typeof usage === 'string') return { kind: 'invalid', problem: usage }
      event['usage'] = usage
    }
  }
  return { kind: 'event', event: event as unknown as ChatEvent }
}

function checkUsage(value: JsonObject): Usage | string {
  const usage: Usage = {}
  for (const key of ['inputTokens', 'outputTokens'] as const) {
    const n = value[key]
    if (n === undefined || n === null) continue
    if (typeof n !== 'number' || !Number.isFinite(n)) return `expected number "usage.${key}" in done`
    usage[key] = n
  }
  return usage
}

function hasType(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'any':
      return true
    case 'object':
      return isJsonObject(value)
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
    case 'count':
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
    default:
      return typeof value === type
  }
}

function describe(type: FieldType): string {
  if (type === 'count') return 'non-negative integer'
  return type === 'any' ? 'field' : type
}
