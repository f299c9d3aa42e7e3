import type { ChatMessage } from './state.ts'

// A messages array → the array it was made from by replacing its last message alone. Weak:
// it never keeps a state alive, and an array made any other way is simply not in it.
const madeFrom = new WeakMap<readonly ChatMessage[], readonly ChatMessage[]>()

/**
 * Records that `next` is `previous` with only its last message replaced (what every streamed
 * token does), so a reader of both can tell in O(1) instead of comparing every message.
 *
 * @example
 * const messages = state.messages.slice(); messages[messages.length - 1] = streamed
 * markLastReplaced(messages, state.messages)
 */
export function markLastReplaced(next: readonly ChatMessage[], previous: readonly ChatMessage[]): void {
  madeFrom.set(next, previous)
}

/**
 * Whether `next` is known to be `previous` with only its last message replaced. `false` means
 * "not known": compare the messages then.
 *
 * @example
 * if (lastReplacedOnly(state.messages, before.messages)) return sameShape
 */
export function lastReplacedOnly(next: readonly ChatMessage[], previous: readonly ChatMessage[]): boolean {
  return madeFrom.get(next) === previous
}
