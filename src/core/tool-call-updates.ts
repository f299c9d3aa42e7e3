import type { ToolApprovalRequestEvent, ToolCallDeltaEvent, ToolCallEndEvent, ToolCallStartEvent, ToolResultEvent } from '../protocol/events.ts'
import { appendPart, replacePart } from './message-updates.ts'
import type { MessagePart, ToolCallPart, ToolCallState } from './state.ts'
import { parseFinalToolArgs } from './tool-args.ts'

/** States after which no event changes a call (a preliminary `output-available` is not one of them). */
const FINAL: ReadonlySet<ToolCallState> = new Set(['output-available', 'output-error', 'output-denied'])

/**
 * Whether a call has its final outcome: a result, an error or a denial. A preliminary result
 * is progress, not an outcome.
 *
 * @example
 * isToolCallSettled({ ...part, state: 'output-available', preliminary: true }) // false
 */
export function isToolCallSettled(part: ToolCallPart): boolean {
  return FINAL.has(part.state) && part.preliminary !== true
}

/**
 * Index of the tool call part with this id, or -1. Searches from the end, where the calls of
 * the streaming step are.
 *
 * @example
 * findToolCall(message.parts, 'call_1') // 3
 */
export function findToolCall(parts: readonly MessagePart[], id: string): number {
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i]
    if (part?.type === 'tool-call' && part.id === id) return i
  }
  return -1
}

/**
 * The call with its input complete: `input-available`, `args` parsed strictly (leniently as a
 * fallback) from the raw text.
 *
 * @example
 * completeToolInput({ ...part, state: 'input-streaming', argsText: '{"a":1}' }).args // { a: 1 }
 */
export function completeToolInput(part: ToolCallPart): ToolCallPart {
  return { ...part, state: 'input-available', args: parseFinalToolArgs(part.argsText, part.args) }
}

/** `tool_call_start`: a new card, unless a call with this id exists (starts are idempotent). */
export function startToolCall(parts: MessagePart[], event: ToolCallStartEvent, now: number | undefined): MessagePart[] {
  if (findToolCall(parts, event.id) !== -1) return parts
  const part: ToolCallPart = { type: 'tool-call', id: event.id, name: event.name, state: 'input-streaming', argsText: '', args: undefined }
  return appendPart(parts, part, now)
}

/** `tool_call_delta`: the raw text grows; `args` is refreshed once per frame by the store. */
export function appendToolArgs(parts: MessagePart[], event: ToolCallDeltaEvent): MessagePart[] {
  const index = findToolCall(parts, event.id)
  const part = parts[index]
  if (part?.type !== 'tool-call' || part.state !== 'input-streaming' || event.argsDelta === '') return parts
  return replacePart(parts, index, { ...part, argsText: part.argsText + event.argsDelta })
}

/** `tool_call_end`: the input is complete. */
export function endToolInput(parts: MessagePart[], event: ToolCallEndEvent): MessagePart[] {
  const index = findToolCall(parts, event.id)
  const part = parts[index]
  if (part?.type !== 'tool-call' || part.state !== 'input-streaming') return parts
  return replacePart(parts, index, completeToolInput(part))
}

/**
 * `tool_approval_request`: the call waits for the user. Only a call whose input is complete
 * (or still streaming: it is completed first) can be asked about; later states ignore it.
 */
export function requestToolApproval(parts: MessagePart[], event: ToolApprovalRequestEvent): MessagePart[] {
  const index = findToolCall(parts, event.id)
  const part = parts[index]
  if (part?.type !== 'tool-call') return parts
  if (part.state !== 'input-streaming' && part.state !== 'input-available') return parts
  const complete = part.state === 'input-streaming' ? completeToolInput(part) : part
  return replacePart(parts, index, { ...complete, state: 'approval-requested' })
}

/**
 * `tool_result`: the outcome, or progress when `preliminary`. A settled call ignores it; a
 * call never started gets a card (with `name: ''`); one still streaming its input is
 * completed first (AI SDK streams may skip that step). An error result for a call the user
 * denied is the server confirming the denial: `output-denied`.
 */
export function applyToolResult(parts: MessagePart[], event: ToolResultEvent, now: number | undefined): MessagePart[] {
  const index = findToolCall(parts, event.id)
  const existing = parts[index]
  if (existing?.type === 'tool-call' && isToolCallSettled(existing)) return parts

  let base: ToolCallPart =
    existing?.type === 'tool-call'
      ? existing.state === 'input-streaming'
        ? completeToolInput(existing)
        : existing
      : { type: 'tool-call', id: event.id, name: '', state: 'input-available', argsText: '', args: undefined }
  if (base.preliminary) {
    const { preliminary: _dropped, ...rest } = base
    base = rest
  }
  let done: ToolCallPart
  if (event.isError) {
    const denied = base.approval?.approved === false
    const errorText = denied && base.approval?.reason ? base.approval.reason : describeToolError(event.result)
    done = { ...base, state: denied ? 'output-denied' : 'output-error', result: event.result, errorText }
  } else {
    done = event.preliminary ? { ...base, state: 'output-available', result: event.result, preliminary: true } : { ...base, state: 'output-available', result: event.result }
  }
  return index === -1 ? appendPart(parts, done, now) : replacePart(parts, index, done)
}

/**
 * A readable message for a failed tool's result: the string itself, an object's `message`,
 * else its JSON.
 *
 * @example
 * describeToolError({ message: 'quota' }) // 'quota'
 */
export function describeToolError(result: unknown): string {
  if (typeof result === 'string') return result
  if (typeof result === 'object' && result !== null && 'message' in result && typeof result.message === 'string') {
    return result.message
  }
  if (result === undefined) return 'The tool failed.'
  try {
    return JSON.stringify(result)
  } catch {
    return String(result)
  }
}
