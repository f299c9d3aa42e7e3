import type { RivuletMessage, RivuletReasoningPart, RivuletToolCallPart } from '../../protocol/message-format.ts'

/**
 * A stretch of an assistant message as providers see it: the reasoning that led to it, some
 * text, then the tool calls the model made after it. A provider message ends where its tool
 * calls end, so an agent turn (text → calls → results → text …) becomes several provider messages.
 */
export interface AssistantGroup {
  /** Reasoning parts before the group's text and calls, in order (converters keep those they can send back). */
  reasoning: RivuletReasoningPart[]
  text: string
  /** Each call with the outcome the model is told (a placeholder for an unanswered call). */
  calls: Array<{ call: RivuletToolCallPart; outcome: ToolOutcome }>
}

/** The outcome of a call, as the model must be told it. `missing`: the call never got one (see `unansweredCalls`). */
export type ToolOutcome =
  | { kind: 'output'; value: unknown }
  | { kind: 'error'; text: string }
  | { kind: 'denied'; reason: string | undefined }
  | { kind: 'missing'; text: string }

/** Options of the history converters. */
export interface HistoryConversionOptions {
  /**
   * A tool call without an outcome (still running, waiting for approval or for `addToolResult`,
   * approved but not run, or only a preliminary result) when the history is converted.
   * Providers reject a call that has no result, so it is never left out silently:
   * - `'placeholder'` (default): sent with an error result that says what happened ("No result:
   *   the user did not answer the approval request."), so the request is valid and the model knows;
   * - `'throw'`: an `UnansweredToolCallError` naming the call (run approved calls first);
   * - `'omit'`: left out, call and result (the behaviour before this option).
   */
  unansweredCalls?: 'placeholder' | 'throw' | 'omit'
}

/** A call in the history has no outcome and `unansweredCalls` is `'throw'`. */
export class UnansweredToolCallError extends Error {
  override name = 'UnansweredToolCallError'
  constructor(
    readonly toolCallId: string,
    readonly toolName: string,
    readonly state: RivuletToolCallPart['state'],
  ) {
    super(`Tool call "${toolCallId}" (${toolName}) has no outcome (it is ${state}): run it, or answer it, before converting the history.`)
  }
}

/**
 * Splits an assistant message into groups: text after a tool call, reasoning after a tool
 * call, or a new step after one starts a new group. Status lines, error notes and part types
 * this version does not know are left out: they are display, not conversation. Calls without an
 * outcome are handled as `options.unansweredCalls` says.
 *
 * @example
 * assistantGroups(message) // [{ reasoning: [], text: 'Let me look.', calls: [{ call, outcome }] }, { reasoning: [], text: 'It is 21 °C.', calls: [] }]
 */
export function assistantGroups(message: RivuletMessage, options: HistoryConversionOptions = {}): AssistantGroup[] {
  const groups: AssistantGroup[] = []
  let current: AssistantGroup = { reasoning: [], text: '', calls: [] }
  const flush = () => {
    if (current.text !== '' || current.calls.length > 0 || current.reasoning.length > 0) groups.push(current)
    current = { reasoning: [], text: '', calls: [] }
  }
  for (const part of message.parts) {
    if (part.type === 'text') {
      if (current.calls.length > 0) flush()
      current.text += part.text
    } else if (part.type === 'reasoning') {
      if (current.calls.length > 0) flush()
      current.reasoning.push(part)
    } else if (part.type === 'step-start') {
      if (current.calls.length > 0) flush()
    } else if (part.type === 'tool-call') {
      const outcome = settledOutcome(part, options)
      if (outcome !== undefined) current.calls.push({ call: part, outcome })
    }
  }
  flush()
  return groups
}

/** The call's outcome, or the `unansweredCalls` policy's answer when it has none (undefined: omit). */
function settledOutcome(part: RivuletToolCallPart, options: HistoryConversionOptions): ToolOutcome | undefined {
  const outcome = toolOutcome(part)
  if (outcome !== undefined) return outcome
  const policy = options.unansweredCalls ?? 'placeholder'
  if (policy === 'omit') return undefined
  if (policy === 'throw') throw new UnansweredToolCallError(part.id, part.name, part.state)
  return { kind: 'missing', text: missingText(part) }
}

function missingText(part: RivuletToolCallPart): string {
  if (part.state === 'approval-requested') return 'No result: the user did not answer the approval request, so the tool did not run.'
  if (part.state === 'approval-responded') return 'No result: the user approved this call, but it was not run.'
  return 'No result: the tool call did not finish.'
}

/**
 * The final outcome of a call, or undefined while it has none (still running, waiting for
 * approval or for a result, or only a preliminary progress result).
 *
 * @example
 * toolOutcome({ ...call, state: 'output-denied', approval: { approved: false, reason: 'No' } }) // { kind: 'denied', reason: 'No' }
 */
export function toolOutcome(part: RivuletToolCallPart): ToolOutcome | undefined {
  switch (part.state) {
    case 'output-available':
      return part.preliminary ? undefined : { kind: 'output', value: part.result }
    case 'output-error':
      return { kind: 'error', text: part.errorText ?? 'The tool failed.' }
    case 'output-denied':
      return { kind: 'denied', reason: part.approval?.reason }
    default:
      return undefined
  }
}

/**
 * The outcome as the text a provider's tool result carries: a string result as is, anything
 * else as JSON; errors and denials as a sentence the model can act on.
 *
 * @example
 * outcomeText({ kind: 'output', value: { tempC: 21 } }) // '{"tempC":21}'
 */
export function outcomeText(outcome: ToolOutcome): string {
  switch (outcome.kind) {
    case 'output':
      if (typeof outcome.value === 'string') return outcome.value
      return JSON.stringify(outcome.value) ?? 'null'
    case 'error':
      return `Error: ${outcome.text}`
    case 'denied':
      return outcome.reason ? `The user denied this tool call: ${outcome.reason}` : 'The user denied this tool call.'
    case 'missing':
      return outcome.text
  }
}

/**
 * The call's arguments as JSON text: the model's own text when it is valid JSON, else the
 * parsed `args` serialised (`{}` when there are none).
 *
 * @example
 * argumentsJson({ ...call, argsText: '{"city":"Oslo"}' }) // '{"city":"Oslo"}'
 */
export function argumentsJson(part: RivuletToolCallPart): string {
  if (part.argsText.trim() !== '') {
    try {
      JSON.parse(part.argsText)
      return part.argsText
    } catch {
      // Truncated or repaired arguments: the parsed value is the best we have.
    }
  }
  return JSON.stringify(part.args ?? {}) ?? '{}'
}

/**
 * The call's arguments as an object (Anthropic's `tool_use.input` must be one): `args` when
 * it is an object, a free-form string wrapped as `{ input }`, else `{}`.
 *
 * @example
 * argumentsObject({ ...call, args: 'SELECT 1' }) // { input: 'SELECT 1' }
 */
export function argumentsObject(part: RivuletToolCallPart): Record<string, unknown> {
  const args = part.args
  if (typeof args === 'object' && args !== null && !Array.isArray(args)) return args as Record<string, unknown>
  if (typeof args === 'string') return { input: args }
  return {}
}

/** Whether a call is a free-form (custom) tool call: its arguments are a string, not an object. */
export function isFreeFormCall(part: RivuletToolCallPart): part is RivuletToolCallPart & { args: string } {
  return typeof part.args === 'string'
}
