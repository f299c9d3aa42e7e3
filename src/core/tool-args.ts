import { ALL, parse } from 'partial-json'
import type { ChatState, MessagePart, ToolCallPart } from './state.ts'
import { findMessageIndex } from './message-updates.ts'

/**
 * Parses tool arguments that may still be arriving (`{"city": "Par`) into the most
 * complete value they describe. Returns `fallback` when the text holds no value yet or
 * cannot be read at all, so a glitch in one fragment never blanks what is already shown.
 *
 * @example
 * parsePartialToolArgs('{"city": "Par') // { city: 'Par' }
 * parsePartialToolArgs('', undefined)   // undefined
 */
export function parsePartialToolArgs(argsText: string, fallback?: unknown): unknown {
  if (argsText.trim() === '') return fallback
  try {
    return parse(argsText, ALL) as unknown
  } catch {
    return fallback
  }
}

/**
 * Parses the arguments of a tool call whose input is complete: strict JSON first, then
 * the lenient partial parse (providers do send truncated or slightly broken JSON), then
 * `fallback`. Empty text means a call without arguments, which is `{}`.
 *
 * @example
 * parseFinalToolArgs('{"city":"Paris"}') // { city: 'Paris' }
 * parseFinalToolArgs('{"city":"Paris"')  // { city: 'Paris' } (lenient)
 * parseFinalToolArgs('')                 // {}
 */
export function parseFinalToolArgs(argsText: string, fallback?: unknown): unknown {
  if (argsText.trim() === '') return {}
  try {
    return JSON.parse(argsText) as unknown
  } catch {
    return parsePartialToolArgs(argsText, fallback)
  }
}

/**
 * Refreshes `args` from `argsText` for the given tool calls of the streaming message, the
 * ones still in `input-streaming` (a finished input was already parsed strictly). The
 * store calls this once per frame with the ids touched by deltas since the last frame, so
 * a 50 KB argument arriving in 2,000 fragments is parsed a few times per second, not 2,000
 * times. Only the touched parts and their message get new identities; with nothing to do
 * the same state comes back.
 *
 * @example
 * const ids = new Set(['call_1'])
 * const next = applyPendingToolArgs(state, ids)
 * // next.messages.at(-1).parts[0].args: { city: 'Par' }
 */
export function applyPendingToolArgs(state: ChatState, ids: ReadonlySet<string>): ChatState {
  const cursor = state.stream
  if (ids.size === 0 || cursor === undefined) return state
  const index = findMessageIndex(state, cursor.messageId)
  const message = index === -1 ? undefined : state.messages[index]
  if (message === undefined) return state

  let parts: MessagePart[] | undefined
  message.parts.forEach((part, i) => {
    if (part.type !== 'tool-call' || part.state !== 'input-streaming' || !ids.has(part.id)) return
    const args = parsePartialToolArgs(part.argsText, part.args)
    if (args === part.args) return
    parts ??= message.parts.slice()
    parts[i] = { ...part, args } satisfies ToolCallPart
  })
  if (parts === undefined) return state

  const messages = state.messages.slice()
  messages[index] = { ...message, parts }
  return { ...state, messages }
}
