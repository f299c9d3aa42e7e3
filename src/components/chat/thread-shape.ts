import { lastReplacedOnly } from '../../core/last-message-only.ts'
import type { ChatMessage, ChatState } from '../../core/state.ts'

/**
 * What the list of messages depends on, without the newest message: every message but the
 * last (the same array while none of them changes) and how many there are. A token replaces
 * only the last message, so the shape stays the same object and the list does not render.
 */
export interface ThreadShape {
  /** `messages` without the last one; kept by identity while its items keep theirs. */
  readonly settled: readonly ChatMessage[]
  /** `messages.length`. */
  readonly count: number
}

const EMPTY: ThreadShape = Object.freeze({ settled: Object.freeze([]) as readonly ChatMessage[], count: 0 })

/**
 * A selector of the {@link ThreadShape} for `useSyncExternalStore`, one per subscriber: the
 * same state gives the same object, and a state whose messages differ only in the last one
 * gives the previous object. A token's state says so itself (the core marks an array made by
 * replacing its last message), which costs nothing whatever the length; any other change
 * compares the other messages, a pointer check each.
 *
 * @example
 * const select = createShapeSelector()
 * select(state) === select({ ...state, messages: [...state.messages.slice(0, -1), streamed] }) // true
 */
export function createShapeSelector(): (state: ChatState) => ThreadShape {
  let input: readonly ChatMessage[] | undefined
  let output = EMPTY
  return (state) => {
    const messages = state.messages
    if (messages === input) return output
    const previous = input
    input = messages
    const count = messages.length
    if (count === 0) output = EMPTY
    // A streamed token: the shape of `previous` (same length, same settled messages) holds.
    else if (previous !== undefined && lastReplacedOnly(messages, previous)) return output
    else if (!sameSettled(output.settled, messages)) output = { settled: messages.slice(0, -1), count }
    // Same settled messages, one more in all: only the empty thread's first message does that.
    else if (output.count !== count) output = { settled: output.settled, count }
    return output
  }
}

/** The newest message, for the group that shows it (a token re-renders that group alone). */
export const selectLastMessage = (state: ChatState): ChatMessage | undefined => state.messages[state.messages.length - 1]

function sameSettled(settled: readonly ChatMessage[], messages: readonly ChatMessage[]): boolean {
  if (settled.length !== messages.length - 1) return false
  for (let i = settled.length - 1; i >= 0; i--) if (settled[i] !== messages[i]) return false
  return true
}
