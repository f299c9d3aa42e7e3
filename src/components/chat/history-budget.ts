import type { ChatMessage } from '../../core/state.ts'
import { estimateHeight } from './offscreen-style.ts'

/**
 * At most this many characters of the newest messages in a restored thread's first render,
 * so that task stays far below 50 ms even before the page's code is warm (rendering markdown
 * costs roughly in proportion to its characters, not its messages).
 */
export const FIRST_SCREEN_CHARS = 4_000
/**
 * The first render stops earlier once its messages are estimated this many times the window's
 * height: the first paint is a full screen with a quarter's margin for the estimate's error,
 * and nothing above it (the rest follows in slices after that frame), so the first commit is
 * as small as a full screen allows.
 */
export const FIRST_SCREEN_HEIGHTS = 1.25
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

/**
 * Where a restored thread's first render starts: the newest messages up to about
 * {@link FIRST_SCREEN_HEIGHTS} screens of `screenPx` by their estimated height, at most
 * {@link FIRST_SCREEN_CHARS} characters and {@link FIRST_SCREEN_MESSAGES} messages, and
 * always at least one message.
 *
 * @example
 * firstScreenStart(messages, window.innerHeight) // e.g. messages.length - 3 for long answers
 */
export function firstScreenStart(messages: readonly ChatMessage[], screenPx: number): number {
  let start = messages.length
  let spent = 0
  let height = 0
  while (start > 0 && messages.length - start < FIRST_SCREEN_MESSAGES && spent < FIRST_SCREEN_CHARS && height < screenPx * FIRST_SCREEN_HEIGHTS) {
    start--
    spent += messageWeight(messages[start]!)
    height += estimateHeight(messages[start]!)
  }
  return start
}
