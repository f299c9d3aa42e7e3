import { lastStepStart, startStep } from '../step-updates.ts'
import { isToolCallSettled } from '../tool-call-updates.ts'
import type { ChatMessage, ChatState, MessagePart, ToolCallPart } from '../state.ts'

/**
 * The tool calls of the message's last step (after its last `step-start` marker, or all of
 * them when it has none): the calls a continuation must answer.
 *
 * @example
 * lastStepToolCalls(message).map((call) => call.id) // ['call_1', 'call_2']
 */
export function lastStepToolCalls(message: ChatMessage): ToolCallPart[] {
  const calls: ToolCallPart[] = []
  const parts = message.parts
  for (let i = lastStepStart(parts) + 1; i < parts.length; i++) {
    const part = parts[i]!
    if (part.type === 'tool-call') calls.push(part)
  }
  return calls
}

/**
 * Whether a finished step can be continued: it ended asking for tools (`tool-calls`), has
 * calls, and every call has its outcome — or was approved and is the server's to run
 * (`serverRuns`), since the next request carries that decision.
 *
 * @example
 * stepReadyToContinue(message, (call) => !tools[call.name]?.execute)
 */
export function stepReadyToContinue(message: ChatMessage, serverRuns: (call: ToolCallPart) => boolean): boolean {
  if (message.finishReason !== 'tool-calls') return false
  const calls = lastStepToolCalls(message)
  if (calls.length === 0) return false
  return calls.every((call) => isToolCallSettled(call) || (call.state === 'approval-responded' && call.approval?.approved === true && serverRuns(call)))
}

/**
 * The next step of an agent turn goes into the same assistant message: a `step-start` marker
 * is appended (unless the message ends with one), the message's finish reason cleared, status
 * `submitted`, and the stream cursor points at the message again with no events applied.
 *
 * @example
 * state = beginContinuation(state, 'a1') // then POST state's messages again
 */
export function beginContinuation(state: ChatState, messageId: string): ChatState {
  const index = state.messages.findIndex((m) => m.id === messageId)
  const message = state.messages[index]
  if (message === undefined) return state
  const { finishReason: _previous, ...rest } = message
  const parts: MessagePart[] = startStep(message.parts, undefined)
  const messages = state.messages.slice()
  messages[index] = { ...rest, parts }
  return { ...state, messages, status: 'submitted', error: undefined, stream: { streamId: undefined, messageId, lastSeq: -1 } }
}

/**
 * Appends a status line to a message (the loop's notices: the step limit was reached).
 *
 * @example
 * addNotice(state, 'a1', 'Stopped after 5 steps.')
 */
export function addNotice(state: ChatState, messageId: string, message: string): ChatState {
  const index = state.messages.findIndex((m) => m.id === messageId)
  const target = state.messages[index]
  if (target === undefined) return state
  const messages = state.messages.slice()
  messages[index] = { ...target, parts: [...target.parts, { type: 'status', message }] }
  return { ...state, messages }
}

/**
 * Moves a call with complete input to `approval-requested` (a browser tool with
 * `needsApproval`). Other states are left alone.
 *
 * @example
 * requestApproval(state, 'call_1')
 */
export function requestApproval(state: ChatState, toolCallId: string): ChatState {
  return mapToolCall(state, toolCallId, (part) => (part.state === 'input-available' ? { ...part, state: 'approval-requested' } : part))
}

/** Replaces one tool call (found newest first) through `update`; the same state when nothing changed. */
export function mapToolCall(state: ChatState, toolCallId: string, update: (part: ToolCallPart) => ToolCallPart): ChatState {
  for (let m = state.messages.length - 1; m >= 0; m--) {
    const message = state.messages[m]!
    const p = message.parts.findIndex((part) => part.type === 'tool-call' && part.id === toolCallId)
    if (p === -1) continue
    const part = message.parts[p] as ToolCallPart
    const next = update(part)
    if (next === part) return state
    const parts = message.parts.slice()
    parts[p] = next
    const messages = state.messages.slice()
    messages[m] = { ...message, parts }
    return { ...state, messages }
  }
  return state
}
