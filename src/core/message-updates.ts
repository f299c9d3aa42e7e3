import { forgetLastReplaced, markLastReplaced } from './last-message-only.ts'
import { isWritable, keepWritable } from './messages-draft.ts'
import type { ChatMessage, ChatState, MessagePart } from './state.ts'

/**
 * Index of the message with this id, or -1. The streaming message is almost always the
 * last one, so the search runs from the end.
 *
 * @example
 * findMessageIndex(state, state.stream.messageId) // state.messages.length - 1
 */
export function findMessageIndex(state: ChatState, id: string): number {
  for (let i = state.messages.length - 1; i >= 0; i--) {
    if (state.messages[i]?.id === id) return i
  }
  return -1
}

/**
 * Replaces one message through `update`, creating an empty assistant message with that id
 * at the end when there is none. Returns the same state when `update` returns the same
 * message, so untouched states keep their identity. A new state gets a new messages array,
 * except inside the store's reduction of an event, where the array this frame already copied
 * is written in place (see `reduceInDraft`): no one outside the store has seen it.
 *
 * @example
 * updateMessage(state, 'a1', (m) => ({ ...m, finishReason: 'stop' }))
 */
export function updateMessage(state: ChatState, id: string, update: (message: ChatMessage) => ChatMessage): ChatState {
  const index = findMessageIndex(state, id)
  const current = index === -1 ? undefined : state.messages[index]
  const message = update(current ?? { id, role: 'assistant', parts: [] })
  if (message === current) return state
  // Inside the store's reduction the frame's own copy is written in place (see reduceInDraft).
  const inPlace = isWritable(state.messages)
  const messages = inPlace ? state.messages : state.messages.slice()
  if (index === -1) messages.push(message)
  else messages[index] = message
  const lastOnly = index !== -1 && index === messages.length - 1
  if (inPlace) {
    // Still "the published array with its last message replaced" only if that is all this did.
    if (!lastOnly) forgetLastReplaced(messages)
  } else {
    // A token replaces the newest message: readers of the list's shape need not compare the rest.
    if (lastOnly) markLastReplaced(messages, state.messages)
    keepWritable(messages)
  }
  return { ...state, messages }
}

/**
 * Marks the open reasoning part as done. An open reasoning part is always the last part:
 * reasoning only grows at the end, and anything appended after it closes it first.
 *
 * @example
 * closeOpenReasoning([{ type: 'reasoning', text: 'hm', done: false }], 5)
 * // [{ type: 'reasoning', text: 'hm', done: true, endedAt: 5 }]
 */
export function closeOpenReasoning(parts: MessagePart[], now: number | undefined): MessagePart[] {
  const last = parts.at(-1)
  if (last?.type !== 'reasoning' || last.done) return parts
  const closed = now === undefined ? { ...last, done: true } : { ...last, done: true, endedAt: now }
  return replacePart(parts, parts.length - 1, closed)
}

/**
 * Appends a part after closing any open reasoning before it.
 *
 * @example
 * appendPart(parts, { type: 'text', text: 'Hi' }, Date.now())
 */
export function appendPart(parts: MessagePart[], part: MessagePart, now: number | undefined): MessagePart[] {
  const closed = closeOpenReasoning(parts, now)
  return [...closed, part]
}

/**
 * A copy of `parts` with one part replaced; every other part keeps its identity.
 *
 * @example
 * replacePart(parts, parts.length - 1, { type: 'text', text: 'Hello' })
 */
export function replacePart(parts: MessagePart[], index: number, part: MessagePart): MessagePart[] {
  const next = parts.slice()
  next[index] = part
  return next
}
