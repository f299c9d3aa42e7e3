import type { ChatState, ToolCallPart } from './state.ts'
import { isToolCallSettled } from './tool-call-updates.ts'

/** What a tool (run in the browser, or answered by the UI) produced for one call. */
export type ToolOutcome = { toolCallId: string; output: unknown } | { toolCallId: string; errorText: string }

/** The user's answer to `approval-requested`. */
export interface ToolApprovalResponse {
  toolCallId: string
  approved: boolean
  /** Told to the model when the call is denied. */
  reason?: string
}

/** A state change that may be refused: `problem` says why, and `state` is then unchanged. */
export interface ToolActionResult {
  state: ChatState
  problem?: string
}

interface Located {
  messageIndex: number
  partIndex: number
  part: ToolCallPart
}

/**
 * Finds a tool call anywhere in the chat, newest first.
 *
 * @example
 * locateToolCall(state, 'call_1')?.part.state // 'input-available'
 */
export function locateToolCall(state: ChatState, toolCallId: string): Located | undefined {
  for (let m = state.messages.length - 1; m >= 0; m--) {
    const parts = state.messages[m]!.parts
    for (let p = parts.length - 1; p >= 0; p--) {
      const part = parts[p]!
      if (part.type === 'tool-call' && part.id === toolCallId) return { messageIndex: m, partIndex: p, part }
    }
  }
  return undefined
}

function replaceToolCall(state: ChatState, at: Located, part: ToolCallPart): ChatState {
  const message = state.messages[at.messageIndex]!
  const parts = message.parts.slice()
  parts[at.partIndex] = part
  const messages = state.messages.slice()
  messages[at.messageIndex] = { ...message, parts }
  return { ...state, messages }
}

/**
 * Why a value cannot travel in the next request body as JSON, or undefined when it can.
 * `undefined` itself is allowed (it is sent as no result, which providers read as empty).
 *
 * @example
 * serialisationProblem(1n) // 'BigInt value can't be serialized in JSON' (engine wording)
 */
export function serialisationProblem(value: unknown): string | undefined {
  try {
    JSON.stringify(value)
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

/**
 * Stores a tool's outcome in its call: `output-available` with `result`, or `output-error`
 * with `errorText`. Refused (with a `problem`) for an unknown id, a call whose arguments are
 * still streaming, a call waiting for approval or denied, and a call that already has its
 * outcome. An output that is not JSON-serialisable is stored as an `output-error` that says
 * so (the call still gets an outcome, so the loop can go on), and reported as a problem.
 *
 * @example
 * const { state: next, problem } = setToolOutcome(state, { toolCallId: 'call_1', output: { tempC: 21 } })
 */
export function setToolOutcome(state: ChatState, outcome: ToolOutcome): ToolActionResult {
  const at = locateToolCall(state, outcome.toolCallId)
  if (at === undefined) return { state, problem: `There is no tool call with id "${outcome.toolCallId}".` }
  const { part } = at
  if (isToolCallSettled(part)) return { state, problem: `Tool call "${part.id}" (${part.name}) already has its result.` }
  if (part.state === 'input-streaming') return { state, problem: `Tool call "${part.id}" (${part.name}) is still receiving its arguments.` }
  if (part.state === 'approval-requested') return { state, problem: `Tool call "${part.id}" (${part.name}) is waiting for approval; respond to it first.` }
  const { preliminary: _progress, ...base } = part
  if ('errorText' in outcome) {
    return { state: replaceToolCall(state, at, { ...base, state: 'output-error', errorText: outcome.errorText || 'The tool failed.' }) }
  }
  const problem = serialisationProblem(outcome.output)
  if (problem !== undefined) {
    const errorText = `The result of ${part.name || 'the tool'} could not be sent to the model: ${problem}`
    return { state: replaceToolCall(state, at, { ...base, state: 'output-error', errorText }), problem: errorText }
  }
  return { state: replaceToolCall(state, at, { ...base, state: 'output-available', result: outcome.output }) }
}

/**
 * Records the user's answer to an approval request: approved → `approval-responded` (the
 * browser tool may run now, or the next request tells the server); denied →
 * `output-denied` with the reason as `errorText` (the next request tells the model). Refused
 * for an unknown id or a call not waiting for approval.
 *
 * @example
 * respondToToolApproval(state, { toolCallId: 'call_1', approved: false, reason: 'Not that file' })
 */
export function respondToToolApproval(state: ChatState, response: ToolApprovalResponse): ToolActionResult {
  const at = locateToolCall(state, response.toolCallId)
  if (at === undefined) return { state, problem: `There is no tool call with id "${response.toolCallId}".` }
  const { part } = at
  if (part.state !== 'approval-requested') {
    return { state, problem: `Tool call "${part.id}" (${part.name}) is not waiting for approval (it is ${part.state}).` }
  }
  const reason = response.reason?.trim() || undefined
  if (response.approved) {
    return { state: replaceToolCall(state, at, { ...part, state: 'approval-responded', approval: { approved: true } }) }
  }
  const approval = reason === undefined ? { approved: false } : { approved: false, reason }
  return { state: replaceToolCall(state, at, { ...part, state: 'output-denied', approval, errorText: reason ?? 'The user denied this tool call.' }) }
}
