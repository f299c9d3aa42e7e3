import type { ChatErrorCode, FinishReason, MessageMetadata, Usage } from './events.ts'

/**
 * The Rivulet message format, version 1: what the client sends as `{ messages }` in every
 * request body, so a backend sees the whole history, tool calls with their arguments and
 * results included. Plain JSON. Servers read it directly or convert it with
 * `toOpenAIChatMessages`, `toOpenAIResponsesInput` or `toAnthropicMessages`.
 *
 * Rules a reader can rely on:
 * - `v` is the format version (1). Readers ignore fields and part types they do not know, so
 *   later versions add, never rename.
 * - `content` is the message's plain text (its text parts joined), for backends that want
 *   only text; `parts` is everything, in order.
 * - The steps of one agent turn are one assistant message; `step-start` parts separate them.
 *   Each `tool-call` part carries its arguments (`args`, and the raw `argsText`) and, once it
 *   has one, its outcome: `result` (`output-available`), `errorText` (`output-error`), or the
 *   user's denial (`output-denied` with `approval.reason`). `approval-responded` with
 *   `approval.approved: true` is a call the user approved that the server should now run.
 */
export interface RivuletMessage {
  /** The message format version. */
  v: typeof MESSAGE_FORMAT_VERSION
  id: string
  role: 'user' | 'assistant' | 'system'
  /** The text parts joined: the message for backends that only want text. */
  content: string
  parts: RivuletMessagePart[]
  finishReason?: FinishReason
  usage?: Usage
  /** What the server said about the message (`start`/`metadata`/`done` events), merged. */
  metadata?: MessageMetadata
}

/** The current message format version (sent as `v`). */
export const MESSAGE_FORMAT_VERSION = 1

/** One part of a message in the wire format; the client's state parts, as they are. */
export type RivuletMessagePart = RivuletTextPart | RivuletReasoningPart | RivuletToolCallPart | RivuletStepStartPart | RivuletStatusPart | RivuletErrorPart | RivuletFilePart | RivuletDataPart | RivuletSourcePart

/** Text of the answer (or of a user prompt). */
export interface RivuletTextPart {
  type: 'text'
  text: string
  /** Inline citations: `text.slice(start, end)` is drawn from the source part `sourceId`. */
  citations?: Array<{ sourceId: string; start: number; end: number }>
}

/**
 * The model's reasoning as streamed. Providers take reasoning back only with their own handles:
 * `toAnthropicMessages` sends it as a `thinking` block when it has a `signature` (a
 * `redacted_thinking` block for `redactedData`), `toOpenAIResponsesInput` as a `reasoning` item
 * when it has an `itemId`; otherwise converters drop it.
 */
export interface RivuletReasoningPart {
  type: 'reasoning'
  text: string
  done: boolean
  startedAt?: number
  endedAt?: number
  /** Anthropic: the thinking block's signature. */
  signature?: string
  /** Anthropic: a redacted thinking block's opaque data. */
  redactedData?: string
  /** OpenAI Responses: the reasoning item's id (`rs_…`). */
  itemId?: string
  /** OpenAI Responses: the item's encrypted content. */
  encryptedContent?: string
}

/** Where the tool call is in its lifecycle (the AI SDK's names). */
export type RivuletToolCallState =
  | 'input-streaming'
  | 'input-available'
  | 'approval-requested'
  | 'approval-responded'
  | 'output-available'
  | 'output-error'
  | 'output-denied'

/** A tool call, with its outcome once there is one. */
export interface RivuletToolCallPart {
  type: 'tool-call'
  /** The provider's call id (`call_…`, `toolu_…`): tool results are matched by it. */
  id: string
  name: string
  state: RivuletToolCallState
  /** The arguments as the model wrote them (JSON text). */
  argsText: string
  /** The arguments parsed; a string for free-form (custom) tools. */
  args: unknown
  result?: unknown
  errorText?: string
  preliminary?: true
  approval?: { approved: boolean; reason?: string }
}

/** Where a step of an agent turn begins. */
export interface RivuletStepStartPart {
  type: 'step-start'
}

/** A progress line shown while the turn ran; not part of the conversation for the model. */
export interface RivuletStatusPart {
  type: 'status'
  message: string
}

/** Where the stream broke; not part of the conversation for the model. */
export interface RivuletErrorPart {
  type: 'error'
  code: ChatErrorCode
  message: string
  retryAfter?: number
  status?: number
  resumable: boolean
}

/**
 * A file on a message: a user attachment or a file the assistant produced. `url` is a `data:`
 * URL (`data:image/png;base64,…`) or an http(s) URL where the app stored it (`uploadFile`).
 * Converters pass user files to providers as image or file content.
 */
export interface RivuletFilePart {
  type: 'file'
  /** The IANA media type, e.g. `image/png`, `application/pdf`. */
  mediaType: string
  url: string
  name?: string
  size?: number
  /** Names a generated image while it is made: its final version replaces the part in place. */
  id?: string
  /** `generating`: a partial preview of an image still being made. */
  state?: 'generating'
}

/** Custom data an app rendered in the message (its `name` picks the renderer); not sent to models by the converters. */
export interface RivuletDataPart {
  type: 'data'
  name: string
  id?: string
  data: unknown
}

/** A source the answer cited (one per `id`); `url` is http(s) when present. */
export interface RivuletSourcePart {
  type: 'source'
  id: string
  url?: string
  title?: string
  mediaType?: string
  snippet?: string
}
