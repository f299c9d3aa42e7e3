import type { ChatMessage, ChatState } from './state.ts'

// The messages array `updateMessage` may write into in place: only while the store reduces an
// event, and only an array that no one outside the store has seen (see `reduceInDraft`).
let writable: ChatMessage[] | undefined
let reducing = false

/**
 * Runs `reduce` with `draft` (a messages array only the store holds, or none) open for writes
 * in place, and returns the next state with the array that is still open afterwards: `draft`,
 * or the copy `updateMessage` made, when it is the next state's `messages`.
 *
 * Why: a token replaces the newest message, and copying the whole messages array for it made
 * every token cost O(thread) in time and, worse, in garbage (a 10,000-message thread threw away
 * 80 KB per token). Inside the store, between two hand-outs of its state, no one can tell an
 * array written in place from a fresh copy, so the first event after a hand-out copies once
 * and the rest of the frame's events write into that copy. Outside it (reducer tests, turn
 * helpers, `update`) every call stays pure.
 *
 * @example
 * const { next, draft } = reduceInDraft(open, () => chatReducer(state, event))
 */
export function reduceInDraft(draft: ChatMessage[] | undefined, reduce: () => ChatState): { next: ChatState; draft: ChatMessage[] | undefined } {
  const outerWritable = writable
  const outerReducing = reducing
  writable = draft
  reducing = true
  try {
    const next = reduce()
    return { next, draft: writable !== undefined && next.messages === writable ? writable : undefined }
  } finally {
    writable = outerWritable
    reducing = outerReducing
  }
}

/** Whether `messages` may be written in place: it is the draft open in the store's current reduction. */
export function isWritable(messages: readonly ChatMessage[]): messages is ChatMessage[] {
  return reducing && messages === writable
}

/** `messages`, a copy just made, stays open for the rest of the current reduction (none: ignored). */
export function keepWritable(messages: ChatMessage[]): void {
  if (reducing) writable = messages
}
