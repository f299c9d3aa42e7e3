import type { ChatMessage } from '../state.ts'
import { streamResumeUrl, streamStopUrl } from '../../protocol/stream-urls.ts'
import { toRequestMessage } from '../request-messages.ts'
import type { ChatTransport, ResumeRequest, SendRequest, StopRequest } from './transport.ts'

export interface HttpTransportOptions {
  /** The chat endpoint that answers a POST with an event stream. */
  api: string
  /** Extra headers on every request (auth, tenant…); a function is called per request. */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>)
  /** Extra fields merged into the JSON body (model, temperature…). */
  body?: Record<string, unknown> | (() => Record<string, unknown>)
  credentials?: RequestCredentials
  /**
   * Shapes the JSON body; the default sends `{ messages, ...body }` with each message in the
   * Rivulet message format (`{ v: 1, id, role, content, parts }`, see `toRequestMessage`).
   */
  prepareBody?: (messages: ChatMessage[]) => unknown
  /**
   * Where to GET a broken stream again. Default: `${api}/${streamId}/resume`.
   * Set to `false` when the backend cannot resume.
   */
  resumeUrl?: ((streamId: string) => string) | false
  /**
   * Where to POST when the user stops a stream, so the server stops it too (it may keep
   * streams running for resume). Default: `${api}/${streamId}/stop`, sent with the same
   * headers and credentials as the resume GET. Set to `false` to never tell the server.
   */
  stopUrl?: ((streamId: string) => string) | false
  /** The fetch to use (tests, proxies); defaults to the global one at call time. */
  fetch?: typeof fetch
}


function defaultBody(messages: ChatMessage[]) {
  return { messages: messages.map(toRequestMessage) }
}

/**
 * Sends each turn as a `fetch` POST with the conversation as JSON, and resumes a broken stream
 * with a GET carrying `Last-Event-ID`.
 *
 * @example
 * const transport = createHttpTransport({ api: '/api/chat', headers: { authorization: `Bearer ${token}` } })
 */
export function createHttpTransport(options: HttpTransportOptions): ChatTransport {
  const { api, credentials, prepareBody = defaultBody } = options
  const doFetch: typeof fetch = (input, init) => (options.fetch ?? globalThis.fetch)(input, init)

  async function headers(extra: Record<string, string>): Promise<Headers> {
    const base = typeof options.headers === 'function' ? await options.headers() : options.headers
    const result = new Headers(base)
    for (const [key, value] of Object.entries(extra)) result.set(key, value)
    return result
  }

  const transport: ChatTransport = {
    async send({ messages, signal }: SendRequest) {
      const extra = typeof options.body === 'function' ? options.body() : options.body
      const prepared = prepareBody(messages)
      const body = extra && typeof prepared === 'object' && prepared !== null ? { ...prepared, ...extra } : prepared
      return doFetch(api, {
        method: 'POST',
        headers: await headers({ 'content-type': 'application/json', accept: 'text/event-stream' }),
        body: JSON.stringify(body),
        credentials,
        signal,
      })
    },
  }
  if (options.resumeUrl !== false) {
    const resumeUrl = options.resumeUrl ?? ((streamId: string) => streamResumeUrl(api, streamId))
    transport.resume = async ({ streamId, lastEventId, signal }: ResumeRequest) =>
      doFetch(resumeUrl(streamId), {
        method: 'GET',
        headers: await headers({ accept: 'text/event-stream', 'last-event-id': lastEventId }),
        credentials,
        signal,
      })
  }
  if (options.stopUrl !== false) {
    const stopUrl = options.stopUrl ?? ((streamId: string) => streamStopUrl(api, streamId))
    transport.stop = async ({ streamId }: StopRequest) => {
      // keepalive: a stop sent while the page unloads still reaches the server.
      const response = await doFetch(stopUrl(streamId), { method: 'POST', headers: await headers({}), credentials, keepalive: true })
      void response.body?.cancel().catch(() => {})
    }
  }
  return transport
}
