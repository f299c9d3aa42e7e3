/**
 * The Rivulet protocol v1 event union. Every wire format (Rivulet's own, OpenAI, Anthropic,
 * the AI SDK) decodes into these, so everything above the protocol layer speaks one language.
 */

/** Error codes a stream or the client can report. */
export type ChatErrorCode =
  /** The provider refused for now; `retryAfter` says how many seconds to wait. */
  | 'rate_limited'
  | 'context_length'
  | 'content_filter'
  | 'upstream_error'
  | 'timeout'
  /** Added by the client: the connection broke, or the stream ended without `done`. */
  | 'network'
  /** Added by the client: a frame could not be understood. */
  | 'protocol'
  /** Added by the client: a non-2xx response before streaming began. */
  | 'http'

/**
 * Why the model stopped. `tool-calls` means it is waiting for tool results (the agent loop
 * continues on it); `interrupted` is the AI SDK's reason for a turn cut short on the server.
 */
export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'interrupted' | 'other'

export interface Usage {
  inputTokens?: number
  outputTokens?: number
}

interface Sequenced {
  /** 0, 1, 2, … in stream order; also sent as the SSE `id:` so `Last-Event-ID` works. */
  seq: number
}

/**
 * Facts about a message that are not its content (model name, token counts, timings): a JSON
 * object. Each `metadata` an event carries is merged key by key into `message.metadata`.
 */
export type MessageMetadata = Record<string, unknown>

export interface StartEvent extends Sequenced {
  type: 'start'
  /** Names the stream for resume. */
  streamId: string
  messageId?: string
  /** Merged into the message's `metadata` (e.g. `{ model: 'gpt-5' }`). */
  metadata?: MessageMetadata
}
export interface TokenEvent extends Sequenced {
  type: 'token'
  content: string
}
/**
 * A reasoning delta. The optional fields are the provider's handles on that reasoning, which a
 * server needs to pass it back on the next request (`content` may then be empty): they are
 * merged into the reasoning part being written, except `redactedData`, which is a part of its own.
 */
export interface ReasoningEvent extends Sequenced {
  type: 'reasoning'
  content: string
  /** Anthropic: the thinking block's signature. */
  signature?: string
  /** Anthropic: a `redacted_thinking` block's opaque `data` (no readable text). */
  redactedData?: string
  /** OpenAI Responses: the reasoning item's id (`rs_…`). */
  itemId?: string
  /** OpenAI Responses: the item's `encrypted_content` (requested with `include: ['reasoning.encrypted_content']`). */
  encryptedContent?: string
}
export interface ToolCallStartEvent extends Sequenced {
  type: 'tool_call_start'
  id: string
  name: string
}
export interface ToolCallDeltaEvent extends Sequenced {
  type: 'tool_call_delta'
  id: string
  /** A raw fragment of the JSON arguments text. */
  argsDelta: string
}
export interface ToolCallEndEvent extends Sequenced {
  type: 'tool_call_end'
  id: string
}
export interface ToolResultEvent extends Sequenced {
  type: 'tool_result'
  id: string
  result: unknown
  isError?: boolean
  /**
   * A progress result (a generator tool yielding): it replaces the previous preliminary one
   * and is itself replaced by the final result (the first result without this flag).
   */
  preliminary?: true
}
/** The server asks the user to approve a tool call before it runs (`id` is the call's id). */
export interface ToolApprovalRequestEvent extends Sequenced {
  type: 'tool_approval_request'
  id: string
}
/** A step of an agent turn begins (one model request; several make one assistant message). */
export interface StepStartEvent extends Sequenced {
  type: 'step_start'
}
/** The current step ended (its tool calls may still be waiting for results). */
export interface StepFinishEvent extends Sequenced {
  type: 'step_finish'
}
/** The server retries the current step: everything it produced since `step_start` is retracted. */
export interface StepResetEvent extends Sequenced {
  type: 'step_reset'
}
/**
 * A raw fragment of a streamed JSON document (structured output: `useObject`). The fragments
 * of one stream concatenated are the document's text; like tokens they may split anywhere.
 */
export interface ObjectDeltaEvent extends Sequenced {
  type: 'object_delta'
  delta: string
}
export interface StatusEvent extends Sequenced {
  type: 'status'
  message: string
}
export interface ErrorEvent extends Sequenced {
  type: 'error'
  code: ChatErrorCode
  message: string
  /** Seconds to wait before retrying (with `rate_limited`). */
  retryAfter?: number
  /**
   * The server still holds the stream and a resume may continue it (e.g. a resume whose
   * shared store dropped for a moment). Without it only `network` errors are resumable.
   */
  resumable?: boolean
}
export interface DoneEvent extends Sequenced {
  type: 'done'
  finishReason?: FinishReason
  usage?: Usage
  /** Merged into the message's `metadata` (e.g. timings, the final token counts). */
  metadata?: MessageMetadata
}
/** Metadata that arrives mid-stream (AI SDK `message-metadata`): merged into the message's `metadata`. */
export interface MetadataEvent extends Sequenced {
  type: 'metadata'
  metadata: MessageMetadata
}
/**
 * Custom data for the app to render (a progress card, a chart, a weather widget). `name` picks
 * the renderer. With an `id`, a later `data` event with the same `name` and `id` replaces that
 * part in place, so a card can update. `transient` data is never stored in the message: it goes
 * to the client's `onData` callback only (notifications, live counters).
 */
export interface DataEvent extends Sequenced {
  type: 'data'
  name: string
  id?: string
  /** Any JSON value. */
  data: unknown
  transient?: true
}
/**
 * A source the answer draws on (a web page, a document). Sources are deduplicated by `id`
 * within a message; a later event for a known id only fills the fields it lacked. A `url` that
 * is not `http:`/`https:` is dropped (the source is kept, without a link).
 */
export interface SourceEvent extends Sequenced {
  type: 'source'
  id: string
  url?: string
  title?: string
  /** For documents: their media type (`application/pdf`). */
  mediaType?: string
  /** The passage quoted from the source, when the provider gives one. */
  snippet?: string
}
/**
 * Marks a passage of the answer text as drawn from a source: an inline citation marker. The
 * positions count back from the end of the answer text received so far (UTF-16 code units),
 * so a decoder can cite what it has just streamed without knowing how the client splits the
 * text: `end` is where the marker goes (default 0: right here), `length` how many characters
 * before it the cited passage spans (default 0).
 */
export interface CitationEvent extends Sequenced {
  type: 'citation'
  /** The `id` of a `source` event of this message. */
  sourceId: string
  end?: number
  length?: number
}
/**
 * A file the assistant produced (a generated image, a document): a `data:` URL or a link.
 * What may be displayed is decided when rendering (`fileDisplay`): SVG and HTML never render.
 */
export interface FileEvent extends Sequenced {
  type: 'file'
  mediaType: string
  url: string
  name?: string
  /** Bytes. */
  size?: number
  /**
   * Names the file while it is being made: a later `file` event with the same `id` replaces it
   * in place (a generated image's partial previews, then the final image).
   */
  id?: string
  /** A preview of a file still being made (an image's partial); the final one comes with the same `id`. */
  partial?: boolean
}

export type ChatEvent =
  | StartEvent
  | TokenEvent
  | ReasoningEvent
  | ToolCallStartEvent
  | ToolCallDeltaEvent
  | ToolCallEndEvent
  | ToolResultEvent
  | ToolApprovalRequestEvent
  | StepStartEvent
  | StepFinishEvent
  | StepResetEvent
  | ObjectDeltaEvent
  | StatusEvent
  | ErrorEvent
  | DoneEvent
  | MetadataEvent
  | DataEvent
  | SourceEvent
  | CitationEvent
  | FileEvent

export type ChatEventType = ChatEvent['type']

/** A `ChatEvent` before it has a place in a stream: decoders and servers assign `seq`. */
export type UnsequencedChatEvent = ChatEvent extends infer E ? (E extends ChatEvent ? Omit<E, 'seq'> : never) : never

/** Events that end a stream. */
export function isTerminalEvent(event: ChatEvent): event is DoneEvent | ErrorEvent {
  return event.type === 'done' || event.type === 'error'
}

/** Events that carry content, the ones that reset idle timers (keep-alives and `start` do not). */
export function isContentEvent(event: ChatEvent): boolean {
  return event.type !== 'start'
}
