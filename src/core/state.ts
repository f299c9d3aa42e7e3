import type { ChatErrorCode, FinishReason, MessageMetadata, Usage } from '../protocol/events.ts'
import type { BranchTree } from './branches/branch-tree.ts'

/** Where a chat is in its turn. `reconnecting` means a dropped stream is being resumed. */
export type ChatStatus = 'idle' | 'submitted' | 'streaming' | 'reconnecting' | 'ready' | 'error'

/**
 * Whether a status means a turn is in flight (submitted, streaming or reconnecting): it takes
 * stream events, can be stopped, and the composer offers Stop. The one definition of "active".
 *
 * @example
 * isTurnActive('reconnecting') // true
 * isTurnActive('error') // false
 */
export function isTurnActive(status: ChatStatus | undefined): boolean {
  return status === 'submitted' || status === 'streaming' || status === 'reconnecting'
}

/**
 * Tool call lifecycle (the AI SDK's names); it only ever moves forward:
 * `input-streaming → input-available → [approval-requested → approval-responded] →
 * output-available | output-error | output-denied`. A preliminary `output-available` (progress
 * of a generator tool, `preliminary: true`) may still be replaced by the final result.
 */
export type ToolCallState =
  | 'input-streaming'
  | 'input-available'
  | 'approval-requested'
  | 'approval-responded'
  | 'output-available'
  | 'output-error'
  | 'output-denied'

/** The user's answer to an approval request. */
export interface ToolApproval {
  approved: boolean
  /** Why the user denied it (told to the model). */
  reason?: string
}

export interface TextPart {
  type: 'text'
  text: string
  /** Inline citation markers in this text, in arrival order (see {@link TextCitation}). */
  citations?: TextCitation[]
}

/**
 * A passage of a text part drawn from a source: `text.slice(start, end)` is the cited passage
 * (empty when the provider cited a point), and the marker goes at `end`. Offsets are UTF-16
 * code units into the part's `text` (the raw markdown), `0 ≤ start ≤ end ≤ text.length`.
 */
export interface TextCitation {
  /** The `id` of a `source` part of the same message. */
  sourceId: string
  start: number
  end: number
}

export interface ReasoningPart {
  type: 'reasoning'
  text: string
  /** True once later content (or the end of the stream) closed the reasoning. */
  done: boolean
  /** Client clock (ms) of the first reasoning delta and of the content that closed it. */
  startedAt?: number
  endedAt?: number
  /** Anthropic: the thinking block's signature; with it the block can go back to the model. */
  signature?: string
  /** Anthropic: a redacted thinking block's opaque data (the part has no text). */
  redactedData?: string
  /** OpenAI Responses: the reasoning item's id. */
  itemId?: string
  /** OpenAI Responses: the reasoning item's encrypted content. */
  encryptedContent?: string
}

export interface ToolCallPart {
  type: 'tool-call'
  id: string
  name: string
  state: ToolCallState
  /** The raw JSON text of the arguments as received so far. */
  argsText: string
  /** `argsText` parsed leniently (partial JSON); refreshed at flush time, not per delta. */
  args: unknown
  result?: unknown
  /** Set when `state` is `output-error` or `output-denied`. */
  errorText?: string
  /** `result` is progress (a generator tool): a later result replaces it. */
  preliminary?: true
  /** Set once the user answered an approval request (`approval-responded` and after). */
  approval?: ToolApproval
}

/**
 * Where a step of an agent turn begins (one model request). Steps of one turn are one
 * assistant message; the marker lets a UI separate them and a `step_reset` find its start.
 */
export interface StepStartPart {
  type: 'step-start'
}

export interface StatusPart {
  type: 'status'
  message: string
}

/** An error recorded at the place in the message where the stream broke. */
export interface ErrorPart {
  type: 'error'
  code: ChatErrorCode
  message: string
  retryAfter?: number
  /** HTTP status, for `http` errors. */
  status?: number
  /** The stream can be continued from where it broke (it has a `streamId` and a resume URL). */
  resumable: boolean
  /** `resume`: picking the stream up after a reload failed (it expired); the partial answer stays. */
  phase?: 'resume'
}

/**
 * A file on a message: an attachment the user sent, or a file the assistant produced (an
 * image it made). `url` is a `data:` URL or where the app stored the file; renderers show
 * it only when it passes the safe-URL rules (raster `data:` images, allowed image origins).
 */
export interface FilePart {
  type: 'file'
  /** The IANA media type, e.g. `image/png`, `application/pdf`. */
  mediaType: string
  /** A `data:` URL, or an http(s) URL to the stored file. */
  url: string
  /** The file name, when known (shown on download chips). */
  name?: string
  /** Size in bytes, when known. */
  size?: number
  /** Names a file still being made, so its final version replaces this part in place (generated images). */
  id?: string
  /** `generating`: a partial preview of an image the assistant is still making; absent once final. */
  state?: 'generating'
}

/**
 * Custom data for the app to render (`dataRenderers` pick by `name`). A part with an `id` is
 * replaced in place by a later `data` event with the same `name` and `id`.
 */
export interface DataPart {
  type: 'data'
  name: string
  id?: string
  /** Any JSON value. */
  data: unknown
}

/**
 * A source the answer draws on; one per `id` in a message. `url` is always `http:`/`https:`
 * when present (other schemes are dropped on the way in). Sources do not interrupt the text:
 * text arriving after one continues the text part before it.
 */
export interface SourcePart {
  type: 'source'
  id: string
  url?: string
  title?: string
  mediaType?: string
  snippet?: string
}

export type MessagePart = TextPart | ReasoningPart | ToolCallPart | StatusPart | ErrorPart | StepStartPart | FilePart | DataPart | SourcePart

export type MessageRole = 'user' | 'assistant' | 'system'

/**
 * One message. `Metadata` types `metadata` for apps that know what their server sends:
 * `ChatMessage<{ model: string; totalTokens?: number }>`.
 */
export interface ChatMessage<Metadata extends MessageMetadata = MessageMetadata> {
  id: string
  role: MessageRole
  parts: MessagePart[]
  /** Set on assistant messages once the stream ended cleanly. */
  finishReason?: FinishReason
  usage?: Usage
  /** What `start`, `metadata` and `done` events said about the message, merged key by key. */
  metadata?: Metadata
}

/** The error that ended the last turn, if it did not end cleanly. */
export interface ChatError {
  code: ChatErrorCode
  message: string
  retryAfter?: number
  status?: number
  resumable: boolean
  /** `resume`: picking the stream up after a reload failed (it expired). */
  phase?: 'resume'
}

export interface ChatState {
  messages: ChatMessage[]
  status: ChatStatus
  error: ChatError | undefined
  /** The stream being applied: its id (for resume) and the last `seq` applied (-1 before any). */
  stream: StreamCursor | undefined
  /**
   * Every branch of the thread (regenerated answers, edited prompts) when the client keeps
   * them. `messages` is the active path; the tree catches up with it when a turn settles or
   * a branch operation runs, never per token.
   */
  tree?: BranchTree
}

export interface StreamCursor {
  streamId: string | undefined
  messageId: string
  lastSeq: number
}

export const initialChatState: ChatState = {
  messages: [],
  status: 'idle',
  error: undefined,
  stream: undefined,
}
