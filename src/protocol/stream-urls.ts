/**
 * The URL convention of a running stream, written once for the client transport, the mocks
 * and the server: a chat endpoint `api` answers the POST; the stream it started (named by the
 * `streamId` of its `start` event) is resumed with `GET ${api}/${streamId}/resume` carrying
 * `Last-Event-ID`, and stopped with `POST ${api}/${streamId}/stop`.
 */

/**
 * What can be done to a running stream through its own URL.
 *
 * @example
 * const action: StreamAction = 'resume'
 */
export type StreamAction = 'resume' | 'stop'

/**
 * The URL of an action on a stream under the chat endpoint `api` (trailing slashes ignored, the
 * id URL-encoded).
 *
 * @example
 * streamActionUrl('/api/chat/', 'stream 1', 'resume') // '/api/chat/stream%201/resume'
 */
export function streamActionUrl(api: string, streamId: string, action: StreamAction): string {
  return `${trimSlashes(api)}/${encodeURIComponent(streamId)}/${action}`
}

/**
 * Where a client GETs a broken stream again, with `Last-Event-ID`: `${api}/${streamId}/resume`.
 *
 * @example
 * streamResumeUrl('/api/chat', 'stream-1') // '/api/chat/stream-1/resume'
 */
export function streamResumeUrl(api: string, streamId: string): string {
  return streamActionUrl(api, streamId, 'resume')
}

/**
 * Where a client POSTs to stop a stream kept alive server-side: `${api}/${streamId}/stop`.
 *
 * @example
 * streamStopUrl('/api/chat', 'stream-1') // '/api/chat/stream-1/stop'
 */
export function streamStopUrl(api: string, streamId: string): string {
  return streamActionUrl(api, streamId, 'stop')
}

/**
 * The route pattern of an action, with `:streamId` as the path parameter (the syntax of MSW,
 * Express and most routers).
 *
 * @example
 * http.get(streamRoutePattern('/api/chat', 'resume'), handler) // '/api/chat/:streamId/resume'
 */
export function streamRoutePattern(api: string, action: StreamAction): string {
  return `${trimSlashes(api)}/:streamId/${action}`
}

/**
 * Reads a request path as a stream action under `api`: the decoded `streamId` and the action,
 * or `undefined` when the path is not one.
 *
 * @example
 * matchStreamUrl('/api/chat', '/api/chat/stream%201/resume') // { streamId: 'stream 1', action: 'resume' }
 */
export function matchStreamUrl(api: string, pathname: string): { streamId: string; action: StreamAction } | undefined {
  const base = trimSlashes(api)
  if (!pathname.startsWith(`${base}/`)) return undefined
  const match = /^([^/]+)\/(resume|stop)\/?$/.exec(pathname.slice(base.length + 1))
  if (!match) return undefined
  try {
    return { streamId: decodeURIComponent(match[1]!), action: match[2] as StreamAction }
  } catch {
    return undefined // a malformed %-escape names no stream
  }
}

/**
 * The `seq` a `Last-Event-ID` names: -1 when absent or blank (replay everything), `undefined`
 * when it is not a whole number (answer 400 rather than guess).
 *
 * @example
 * parseLastEventId(request.headers.get('last-event-id')) // '12' → 12, null → -1, 'abc' → undefined
 */
export function parseLastEventId(value: string | null | undefined): number | undefined {
  const trimmed = value?.trim() ?? ''
  if (trimmed === '') return -1
  return /^\d+$/.test(trimmed) ? Number(trimmed) : undefined
}

function trimSlashes(api: string): string {
  return api.replace(/\/+$/, '')
}
