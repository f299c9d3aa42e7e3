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

export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other'

export interface Usage {
  inputTokens?: number
  outputTokens?: number
}

interface Sequenced {
  /** 0, 1, 2, … in stream order; also sent as the SSE `id:` so `Last-Event-ID` works. */
  seq: number
}

export interface StartEvent extends Sequenced {
  type: 'start'
  /** Names the stream for resume. */
  streamId: string
  messageId?: string
}
export interface TokenEvent extends Sequenced {
  type: 'token'
  content: string
}
export interface ReasoningEvent extends Sequenced {
  type: 'reasoning'
  content: string
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
}
export interface DoneEvent extends Sequenced {
  type: 'done'
  finishReason?: FinishReason
  usage?: Usage
}

export type ChatEvent =
  | StartEvent
  | TokenEvent
  | ReasoningEvent
  | ToolCallStartEvent
  | ToolCallDeltaEvent
  | ToolCallEndEvent
  | ToolResultEvent
  | ObjectDeltaEvent
  | StatusEvent
  | ErrorEvent
  | DoneEvent

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
