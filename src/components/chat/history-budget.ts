import type { ChatMessage } from '../../core/state.ts'

/**
 * Characters of the newest messages a restored thread mounts in its first render: about two
 * screens of prose, so the first paint is a full screen while the task stays far below 50 ms
 * (rendering markdown costs roughly in proportion to its characters, not its messages).
 */
export const FIRST_SCREEN_CHARS = 6_000
/** At most this many messages in that first render, however short they are. */
export const FIRST_SCREEN_MESSAGES = 24

// What a part costs to render beyond its text, in characters of markdown it is worth.
const MESSAGE_OVERHEAD = 120
const PART_OVERHEAD = 60

/**
 * Roughly what a message costs to render, in characters of markdown: its text and reasoning,
 * a tool call's argument text, and a constant for every part and the message itself. Only
 * the order of magnitude matters: it sizes how many messages one mounting slice takes.
 *
 * @example
 * messageWeight({ id: 'a', role: 'assistant', parts: [{ type: 'text', text: 'hi' }] }) // 182
 */
export function messageWeight(message: ChatMessage): number {
  let weight = MESSAGE_OVERHEAD
  for (const part of message.parts) {
    weight += PART_OVERHEAD
    if (part.type === 'text' || part.type === 'reasoning') weight += part.text.length
    else if (part.type === 'tool-call') weight += part.argsText.length
  }
  return weight
}

/**
 * The index from which `messages[start…end)` weighs at least `budget` characters (or holds
 * `maxCount` messages), walking back from `end`: the next, older slice to mount. Always takes
 * at least one message when `end > 0`, so mounting finishes however small the budget.
 *
 * @example
 * sliceStart(messages, messages.length, FIRST_SCREEN_CHARS, FIRST_SCREEN_MESSAGES) // the first screen
 */
export function sliceStart(messages: readonly ChatMessage[], end: number, budget: number, maxCount = Number.POSITIVE_INFINITY): number {
  let start = Math.min(end, messages.length)
  let spent = 0
  while (start > 0 && end - start < maxCount && (spent < budget || start === end)) {
    start--
    spent += messageWeight(messages[start]!)
  }
  return start
}
