import type { ChatMessage } from './state.ts'

// A messages array → the serial number of the array it was made from by replacing its last
// message alone; an array made any other way is simply not in it. A number, not the array:
// with arrays as values each entry kept the one before alive (an ephemeron chain), so a
// stream retained every copy of the thread it made and each GC walked the chain step by step.
const madeFrom = new WeakMap<readonly ChatMessage[], number>()
// Serial numbers of the arrays something was made from.
const serials = new WeakMap<readonly ChatMessage[], number>()
let lastSerial = 0

function serialOf(messages: readonly ChatMessage[]): number {
  let serial = serials.get(messages)
  if (serial === undefined) {
    serial = ++lastSerial
    serials.set(messages, serial)
  }
  return serial
}

/**
 * Records that `next` is `previous` with only its last message replaced (what every streamed
 * token does), so a reader of both can tell in O(1) instead of comparing every message.
 *
 * @example
 * const messages = state.messages.slice(); messages[messages.length - 1] = streamed
 * markLastReplaced(messages, state.messages)
 */
export function markLastReplaced(next: readonly ChatMessage[], previous: readonly ChatMessage[]): void {
  madeFrom.set(next, serialOf(previous))
}

/**
 * Whether `next` is known to be `previous` with only its last message replaced. `false` means
 * "not known": compare the messages then.
 *
 * @example
 * if (lastReplacedOnly(state.messages, before.messages)) return sameShape
 */
export function lastReplacedOnly(next: readonly ChatMessage[], previous: readonly ChatMessage[]): boolean {
  const from = madeFrom.get(next)
  return from !== undefined && from === serials.get(previous)
}

/**
 * Drops what {@link markLastReplaced} recorded for `next`: it was written in place since, and
 * more than its last message may differ now.
 *
 * @example
 * draft.push(message); forgetLastReplaced(draft)
 */
export function forgetLastReplaced(next: readonly ChatMessage[]): void {
  madeFrom.delete(next)
}
