import { appendPart, findMessageIndex, updateMessage } from './message-updates.ts'
import { settleOpenParts } from './settle-parts.ts'
import { isTurnActive, type ChatError, type ChatMessage, type ChatState, type ChatStatus, type ErrorPart, type MessagePart } from './state.ts'

export interface BeginTurnOptions {
  /** The prompt being sent; omit it to re-run a turn whose user message is already in state. */
  userMessage?: ChatMessage
  /** Id of the (empty) assistant message the stream will fill. */
  assistantId: string
}

/**
 * Starts a turn: appends the user message (if given) and an empty assistant message,
 * points the stream cursor at it with no events applied yet, sets status `submitted` and
 * clears the previous error.
 *
 * @example
 * const state = beginTurn(initialChatState, {
 *   userMessage: { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Hi' }] },
 *   assistantId: 'a1',
 * })
 * // state.status → 'submitted', state.stream → { streamId: undefined, messageId: 'a1', lastSeq: -1 }
 */
export function beginTurn(state: ChatState, options: BeginTurnOptions): ChatState {
  const assistant: ChatMessage = { id: options.assistantId, role: 'assistant', parts: [] }
  const messages = options.userMessage ? [...state.messages, options.userMessage, assistant] : [...state.messages, assistant]
  return {
    ...state,
    messages,
    status: 'submitted',
    error: undefined,
    stream: { streamId: undefined, messageId: options.assistantId, lastSeq: -1 },
  }
}

/**
 * Records a failure the client detected itself (HTTP error before streaming, network drop,
 * timeout, malformed stream): an error part at the end of the current assistant message
 * (created when missing) after the partial content, `state.error`, status `error`, and any
 * open reasoning closed.
 *
 * The first failure of an attempt wins: on a turn already `ready` or `error` this returns the
 * same state, so a late timeout cannot bury a clean end or the server's own, more specific
 * error.
 *
 * @example
 * failTurn(state, { code: 'network', message: 'Connection lost', resumable: true }, Date.now())
 */
export function failTurn(state: ChatState, error: ChatError, now?: number): ChatState {
  if (state.status === 'ready' || state.status === 'error') return state
  const messageId = state.stream?.messageId ?? `error-${state.messages.length}`
  const part: ErrorPart = { type: 'error', code: error.code, message: error.message, resumable: error.resumable }
  if (error.retryAfter !== undefined) part.retryAfter = error.retryAfter
  if (error.status !== undefined) part.status = error.status
  const next = updateMessage(state, messageId, (message) => ({ ...message, parts: appendPart(message.parts, part, now) }))
  return {
    ...next,
    status: 'error',
    error,
    stream: next.stream ?? { streamId: undefined, messageId, lastSeq: -1 },
  }
}

/**
 * Sets the chat status, keeping the same state when it is unchanged.
 *
 * @example
 * setStatus(state, 'reconnecting')
 */
export function setStatus(state: ChatState, status: ChatStatus): ChatState {
  return state.status === status ? state : { ...state, status }
}

/**
 * The user pressed stop: status `ready`, the partial content stays, open reasoning is closed,
 * tool calls still streaming their input get the input received so far (so no card keeps a
 * spinner), and the message gets `finishReason: 'other'` — a stopped message is one that
 * ended for a reason other than the model finishing. A turn not in progress is left as is.
 *
 * @example
 * const stopped = stopTurn(state)
 * // stopped.status → 'ready', stopped.messages.at(-1).finishReason → 'other'
 */
export function stopTurn(state: ChatState, now?: number): ChatState {
  const cursor = state.stream
  if (!isTurnActive(state.status)) return state
  if (cursor === undefined) return { ...state, status: 'ready' }
  const next = updateMessage(state, cursor.messageId, (message) => {
    return { ...message, parts: settleOpenParts(message.parts, now), finishReason: 'other' }
  })
  return { ...next, status: 'ready' }
}

/**
 * Gets the last turn ready to be re-run (Retry): removes everything after the last user
 * message — the failed or unwanted assistant reply — and keeps that user message, which is
 * now the last message and the one to send again. Follow with
 * `beginTurn(prepared, { assistantId })` (no `userMessage`: it is already there). The stream
 * cursor and error are cleared and status is `ready`. Returns undefined when there is no
 * user message to resend.
 *
 * @example
 * const prepared = prepareRetry(state)
 * if (prepared) state = beginTurn(prepared, { assistantId: 'a2' })
 * // send state.messages without the empty assistant message
 */
export function prepareRetry(state: ChatState): ChatState | undefined {
  let index = state.messages.length - 1
  while (index >= 0 && state.messages[index]?.role !== 'user') index--
  if (index < 0) return undefined
  return { ...state, messages: state.messages.slice(0, index + 1), status: 'ready', error: undefined, stream: undefined }
}

/**
 * Gets a broken stream ready to be resumed (Continue): removes the trailing error part of
 * the streaming message so resumed events append right after the partial content, clears
 * the error and sets status `reconnecting`. The cursor keeps `streamId` and `lastSeq`, so
 * replayed events the message already has are dropped by the reducer. Without a stream
 * cursor the state is returned unchanged.
 *
 * @example
 * state = prepareContinue(state) // then reconnect with Last-Event-ID: state.stream.lastSeq
 */
export function prepareContinue(state: ChatState): ChatState {
  const cursor = state.stream
  if (cursor === undefined) return state
  const index = findMessageIndex(state, cursor.messageId)
  const message = state.messages[index]
  let next = state
  if (message !== undefined && message.parts.at(-1)?.type === 'error') {
    const parts: MessagePart[] = message.parts.slice(0, -1)
    const messages = state.messages.slice()
    messages[index] = { ...message, parts }
    next = { ...state, messages }
  }
  return { ...next, status: 'reconnecting', error: undefined }
}
