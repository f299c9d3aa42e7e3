import type { ChatEvent, DoneEvent, ErrorEvent, ReasoningEvent } from '../protocol/events.ts'
import { appendPart, closeOpenReasoning, replacePart, updateMessage } from './message-updates.ts'
import { isTurnActive, type ChatMessage, type ChatState, type ErrorPart, type MessagePart, type ReasoningPart } from './state.ts'
import { addCitation, addSource, appendFile, applyData, currentTextIndex, mergeMetadata } from './rich-part-updates.ts'
import { endGeneratingFiles, settleOpenParts } from './settle-parts.ts'
import { finishStep, resetStep, startStep } from './step-updates.ts'
import { appendToolArgs, applyToolResult, endToolInput, requestToolApproval, startToolCall } from './tool-call-updates.ts'
import { forgetTextLogs, logAppended } from './text-log.ts'

/**
 * Applies one stream event to the assistant message named by `state.stream.messageId`.
 *
 * Pure and immutable with structural sharing: only the streaming message and the part the
 * event touches get new identities, so finished messages never re-render. The reducer never
 * reads a clock; pass `now` (ms) to stamp reasoning `startedAt`/`endedAt`.
 *
 * Returns the same state object when the event is not applied:
 * - its `seq` is ≤ `state.stream.lastSeq` (a duplicate, e.g. replayed after a resume);
 * - no turn is taking events (no `state.stream`, or status is `idle`, `ready` or `error`),
 *   so nothing arriving after `done`, an error or a stop is written.
 *
 * Every applied event advances `stream.lastSeq`, even one that changes no part (a delta for
 * an unknown tool id), because the server counts it as delivered.
 *
 * Decisions worth knowing:
 * - `start` records `streamId`; its `messageId` is not adopted, so the message id (a React
 *   key) never changes mid-stream. Any applied event moves `submitted`/`reconnecting` to
 *   `streaming`.
 * - Reasoning stays open until a part of another kind is appended after it (text, tool call,
 *   status, error) or the stream ends; deltas to earlier tool calls do not close it.
 * - Consecutive `status` events replace the last status part instead of piling up, so the
 *   message shows the current progress line; a status after other content starts a new one.
 * - Tool calls only move forward (`input-streaming → input-available → [approval-requested →
 *   approval-responded] → output-*`); events that would move one back, and deltas or ends for
 *   unknown ids, are ignored. A `tool_result` for a call never started creates the part (with
 *   `name: ''`); one for a call still streaming its input completes the input first (AI SDK
 *   streams may skip the input-available step). `tool_approval_request` moves a call whose
 *   input is complete to `approval-requested`.
 * - `tool_result` with `isError` keeps the raw `result` and adds a readable `errorText`
 *   (`output-denied` when the user denied that call). A `preliminary` result is progress: the
 *   call shows it as `output-available` with `preliminary: true` until a later result
 *   replaces it; the first result without the flag is final.
 * - `step_start` appends a `step-start` marker (not twice in a row); `step_finish` closes
 *   open reasoning; `step_reset` removes everything after the last marker (the whole message
 *   when it has none), so a retried step does not leave its first attempt behind.
 * - `done` without a `finishReason` records `'stop'`: the stream ended cleanly.
 * - `metadata` on `start`, `metadata` and `done` events is merged key by key into
 *   `message.metadata`.
 * - `data` with an `id` replaces the part with the same `name` and `id` in place; `transient`
 *   data is never stored (the client passes it to `onData`). `source` keeps one part per id
 *   (http(s) URLs only); sources do not interrupt the text, so text after one continues the
 *   text part before it. `citation` marks the current text run (see `addCitation`). `file`
 *   appends the assistant's file.
 * - `error` is resumable only when the stream has a `streamId` and the code is `network` (or the server marked it `resumable`).
 *
 * @example
 * let state = beginTurn(initialChatState, { userMessage, assistantId: 'a1' })
 * state = chatReducer(state, { type: 'start', seq: 0, streamId: 's1' })
 * state = chatReducer(state, { type: 'token', seq: 1, content: 'Hel' })
 * state = chatReducer(state, { type: 'token', seq: 2, content: 'lo' })
 * state = chatReducer(state, { type: 'done', seq: 3, finishReason: 'stop' })
 * // state.messages.at(-1).parts → [{ type: 'text', text: 'Hello' }], state.status → 'ready'
 */
export function chatReducer(state: ChatState, event: ChatEvent, now?: number): ChatState {
  const cursor = state.stream
  if (cursor === undefined || !isTurnActive(state.status) || event.seq <= cursor.lastSeq) return state

  const id = cursor.messageId
  let next: ChatState
  switch (event.type) {
    case 'start': {
      const withMetadata = event.metadata === undefined ? state : updateMessage(state, id, (message) => mergeMetadata(message, event.metadata))
      next = { ...withMetadata, stream: { ...cursor, streamId: event.streamId } }
      break
    }
    case 'metadata':
      next = updateMessage(state, id, (message) => mergeMetadata(message, event.metadata))
      break
    case 'data':
      next = updateParts(state, id, (parts) => applyData(parts, event, now))
      break
    case 'source':
      next = updateParts(state, id, (parts) => addSource(parts, event, now))
      break
    case 'citation':
      next = updateParts(state, id, (parts) => addCitation(parts, event))
      break
    case 'file':
      next = updateParts(state, id, (parts) => appendFile(parts, event, now))
      break
    case 'token':
      next = event.content === '' ? state : updateParts(state, id, (parts) => appendText(parts, event.content, now))
      break
    case 'reasoning':
      next = event.content === '' && !hasReasoningHandles(event) ? state : updateParts(state, id, (parts) => appendReasoning(parts, event, now))
      break
    case 'status':
      next = updateParts(state, id, (parts) => setStatusLine(parts, event.message, now))
      break
    case 'tool_call_start':
      next = updateParts(state, id, (parts) => startToolCall(parts, event, now))
      break
    case 'tool_call_delta':
      next = updateParts(state, id, (parts) => appendToolArgs(parts, event))
      break
    case 'tool_call_end':
      next = updateParts(state, id, (parts) => endToolInput(parts, event))
      break
    case 'tool_result':
      next = updateParts(state, id, (parts) => applyToolResult(parts, event, now))
      break
    case 'tool_approval_request':
      next = updateParts(state, id, (parts) => requestToolApproval(parts, event))
      break
    case 'step_start':
      next = updateParts(state, id, (parts) => startStep(parts, now))
      break
    case 'step_finish':
      next = updateParts(state, id, (parts) => finishStep(parts, now))
      break
    case 'step_reset':
      next = updateParts(state, id, resetStep)
      break
    case 'error':
      return applyError(state, event, now)
    case 'done':
      return applyDone(state, event, now)
    default:
      // Unknown event types (a newer protocol) are ignored, never thrown.
      return state
  }

  return {
    ...next,
    status: 'streaming',
    stream: { ...(next.stream ?? cursor), lastSeq: event.seq },
  }
}

function updateParts(state: ChatState, messageId: string, update: (parts: MessagePart[]) => MessagePart[]): ChatState {
  return updateMessage(state, messageId, (message) => {
    const parts = update(message.parts)
    return parts === message.parts ? message : { ...message, parts }
  })
}

function appendText(parts: MessagePart[], content: string, now: number | undefined): MessagePart[] {
  const index = currentTextIndex(parts)
  const current = parts[index]
  if (current?.type !== 'text') return appendPart(parts, { type: 'text', text: content }, now)
  const grown = { ...current, text: current.text + content }
  // Renderers read only the new text from the log: a read of the string would copy all of it.
  logAppended(grown, current, current.text, content)
  return replacePart(parts, index, grown)
}

/** The provider handles a reasoning event may carry (see `ReasoningEvent`). */
const REASONING_HANDLES = ['signature', 'redactedData', 'itemId', 'encryptedContent'] as const

function hasReasoningHandles(event: ReasoningEvent): boolean {
  return REASONING_HANDLES.some((key) => event[key] !== undefined)
}

/**
 * Text goes into the open reasoning part (else a new one); handles go into the last reasoning
 * part when it is the message's last part and does not hold a different value for them (a new
 * OpenAI item id starts a new part), and a redacted block is always a part of its own.
 */
function appendReasoning(parts: MessagePart[], event: ReasoningEvent, now: number | undefined): MessagePart[] {
  const { content } = event
  const handles: Partial<Record<(typeof REASONING_HANDLES)[number], string>> = {}
  for (const key of REASONING_HANDLES) if (event[key] !== undefined) handles[key] = event[key]
  const last = parts.at(-1)
  const conflicts = last?.type === 'reasoning' && REASONING_HANDLES.some((key) => handles[key] !== undefined && last[key] !== undefined && last[key] !== handles[key])
  const joinsLast = last?.type === 'reasoning' && handles.redactedData === undefined && !conflicts && (!last.done || content === '')
  if (joinsLast) return replacePart(parts, parts.length - 1, { ...last, text: last.text + content, ...handles })
  const part: ReasoningPart = { type: 'reasoning', text: content, done: handles.redactedData !== undefined, ...handles }
  if (now !== undefined) part.startedAt = now
  return closeOpenReasoning(parts, now).concat(part)
}

function setStatusLine(parts: MessagePart[], message: string, now: number | undefined): MessagePart[] {
  const last = parts.at(-1)
  if (last?.type === 'status') {
    return last.message === message ? parts : replacePart(parts, parts.length - 1, { type: 'status', message })
  }
  return appendPart(parts, { type: 'status', message }, now)
}

function applyError(state: ChatState, event: ErrorEvent, now: number | undefined): ChatState {
  const cursor = state.stream
  if (cursor === undefined) return state
  const resumable = cursor.streamId !== undefined && (event.code === 'network' || event.resumable === true)
  const part: ErrorPart = { type: 'error', code: event.code, message: event.message, resumable }
  if (event.retryAfter !== undefined) part.retryAfter = event.retryAfter
  // A failure the stream cannot come back from also ends the images it was still making.
  const next = updateParts(state, cursor.messageId, (parts) => {
    if (resumable) return appendPart(parts, part, now)
    // Failed for good: the texts stop growing (a resumable failure may still continue them).
    forgetTextLogs(parts)
    return appendPart(endGeneratingFiles(parts), part, now)
  })
  const error = { code: event.code, message: event.message, resumable, ...(event.retryAfter !== undefined && { retryAfter: event.retryAfter }) }
  return { ...next, status: 'error', error, stream: { ...cursor, lastSeq: event.seq } }
}

function applyDone(state: ChatState, event: DoneEvent, now: number | undefined): ChatState {
  const cursor = state.stream
  if (cursor === undefined) return state
  const next = updateMessage(state, cursor.messageId, (message) => finishMessage(message, event, now))
  return { ...next, status: 'ready', stream: { ...cursor, lastSeq: event.seq } }
}

function finishMessage(message: ChatMessage, event: DoneEvent, now: number | undefined): ChatMessage {
  // Its texts have stopped growing: their logs would hold a second copy for as long as the message lives.
  forgetTextLogs(message.parts)
  const parts = settleOpenParts(message.parts, now)
  const finished: ChatMessage = { ...mergeMetadata(message, event.metadata), parts, finishReason: event.finishReason ?? 'stop' }
  if (event.usage !== undefined) finished.usage = event.usage
  return finished
}
