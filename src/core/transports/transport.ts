import type { ChatMessage } from '../state.ts'

/** What the client asks a transport to send: one turn of the conversation. */
export interface SendRequest {
  /** The whole conversation so far, ending with the new user message. */
  messages: ChatMessage[]
  /** Aborted on stop(), unmount, a new send, or a timeout. */
  signal: AbortSignal
}

/** A request to pick up a broken stream where it stopped. */
export interface ResumeRequest {
  streamId: string
  /** The last `seq` applied; sent as `Last-Event-ID` so the server replays only what came after. */
  lastEventId: string
  signal: AbortSignal
}

/** A request to stop a stream the server may keep running after the client went away. */
export interface StopRequest {
  streamId: string
}

/**
 * How the client reaches a backend. Every transport answers with a standard `Response`
 * whose body is an event stream, so HTTP, in-memory scripts and recordings share one path
 * (status checks, retries, decoding, metrics) in the client.
 */
export interface ChatTransport {
  send(request: SendRequest): Promise<Response>
  /** Absent when the backend cannot resume: a dropped stream then ends the turn with an error. */
  resume?(request: ResumeRequest): Promise<Response>
  /**
   * Tells the server to stop producing `streamId` (so a stream kept alive for resume stops
   * costing tokens). Called by `stop()`, fire and forget; absent when the backend has no such route.
   */
  stop?(request: StopRequest): Promise<void>
}
