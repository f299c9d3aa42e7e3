/**
 * What a client asks a transport to send: one request of a turn.
 *
 * @example
 * const request: SendRequest<{ role: string; content: string }> = { messages: [{ role: 'user', content: 'Hi' }], signal }
 */
export interface SendRequest<TMessage = unknown> {
  /** The whole conversation so far, ending with the new user message. */
  messages: TMessage[]
  /** Aborted on stop(), unmount, a new send, or a timeout. */
  signal: AbortSignal
}

/**
 * A request to pick up a broken stream where it stopped.
 *
 * @example
 * const request: ResumeRequest = { streamId: 's1', lastEventId: '41', signal }
 */
export interface ResumeRequest {
  streamId: string
  /** The last `seq` applied; sent as `Last-Event-ID` so the server replays only what came after. */
  lastEventId: string
  signal: AbortSignal
}

/**
 * A request to stop a stream the server may keep running after the client went away.
 *
 * @example
 * const request: StopRequest = { streamId: 's1' }
 */
export interface StopRequest {
  streamId: string
}

/**
 * How a client reaches a backend. Every transport answers with a standard `Response` whose
 * body is an event stream, so HTTP, in-memory scripts and recorded replays share one path
 * (status checks, retries, decoding, metrics) in the client. It lives in the protocol layer
 * so mocks and replays implement it too; `rivulet-ui/core` re-exports it with its
 * `ChatMessage` as the message type.
 *
 * @example
 * const transport: ChatTransport = {
 *   send: ({ messages, signal }) => fetch('/api/chat', { method: 'POST', body: JSON.stringify({ messages }), signal }),
 * }
 */
export interface ChatTransport<TMessage = unknown> {
  send(request: SendRequest<TMessage>): Promise<Response>
  /** Absent when the backend cannot resume: a dropped stream then ends the turn with an error. */
  resume?(request: ResumeRequest): Promise<Response>
  /**
   * Tells the server to stop producing `streamId` (a stream kept alive for resume then stops
   * costing tokens). Called by `stop()`, fire and forget; absent when the backend has no such route.
   */
  stop?(request: StopRequest): Promise<void>
}
