import type { RivuletMessage, RivuletToolCallPart } from '../../protocol/message-format.ts'

/**
 * A stretch of an assistant message as providers see it: some text, then the tool calls the
 * model made after it. A provider message ends where its tool calls end, so an agent turn
 * (text → calls → results → text …) becomes several provider messages.
 */
export interface AssistantGroup {
  text: string
  calls: RivuletToolCallPart[]
}

/** The outcome of a call, as the model must be told it. */
export type ToolOutcome = { kind: 'output'; value: unknown } | { kind: 'error'; text: string } | { kind: 'denied'; reason: string | undefined }

/**
 * Splits an assistant message into groups: text after a tool call (or a new step after one)
 * starts a new group. Reasoning, status lines, error notes and part types this version does
 * not know are left out: they are display, not conversation. Only calls with an outcome are
 * kept, because OpenAI and Anthropic both reject a call that has no result; a call the user
 * approved but no one ran yet must be run (and its result stored) before converting.
 *
 * @example
 * assistantGroups(message) // [{ text: 'Let me look.', calls: [weatherCall] }, { text: 'It is 21 °C.', calls: [] }]
 */
export function assistantGroups(message: RivuletMessage): AssistantGroup[] {
  const groups: AssistantGroup[] = []
  let current: AssistantGroup = { text: '', calls: [] }
  const flush = () => {
    if (current.text !== '' || current.calls.length > 0) groups.push(current)
    current = { text: '', calls: [] }
  }
  for (const part of message.parts) {
    if (part.type === 'text') {
      if (current.calls.length > 0) flush()
      current.text += part.text
    } else if (part.type === 'step-start') {
      if (current.calls.length > 0) flush()
    } else if (part.type === 'tool-call' && toolOutcome(part) !== undefined) {
      current.calls.push(part)
    }
  }
  flush()
  return groups
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
