import { createHttpTransport, type HttpTransportOptions } from '../transports/http-transport.ts'
import type { ResumeRequest, StopRequest } from '../transports/transport.ts'

/** What the object client asks a transport to send. */
export interface ObjectRequest {
  /** What `submit(input)` was given; the HTTP transport sends it as the JSON body. */
  input: unknown
  /** Aborted on stop(), clear(), unmount, a new submit, or a timeout. */
  signal: AbortSignal
}

/**
 * How the object client reaches a backend: a `Response` whose body is JSON text or an event
 * stream. `resume` picks up a broken Rivulet stream (`Last-Event-ID`); `stop` tells the server
 * to stop a stream it keeps alive (`stop()` calls it, as the chat client does).
 */
export interface ObjectTransport {
  send(request: ObjectRequest): Promise<Response>
  resume?(request: ResumeRequest): Promise<Response>
  stop?(request: StopRequest): Promise<void>
}

export type ObjectHttpTransportOptions = Omit<HttpTransportOptions, 'prepareBody'>

/**
 * POSTs the input as JSON (merged with `body` when both are objects) and resumes with a GET to
 * `${api}/${streamId}/resume`: the chat's HTTP transport, with the input as the body.
 *
 * @example
 * const transport = createObjectHttpTransport({ api: '/api/object', headers: { authorization } })
 */
export function createObjectHttpTransport(options: ObjectHttpTransportOptions): ObjectTransport {
  const base = createHttpTransport(options)
  return {
    send: ({ input, signal }) => createHttpTransport({ ...options, resumeUrl: false, prepareBody: () => input }).send({ messages: [], signal }),
    resume: base.resume,
    stop: base.stop,
  }
}
