import { matchStreamUrl } from '../protocol/stream-urls.ts'
import { defaultAuthorize, type Authorize } from './owner-cookie.ts'
import type { ResumeStore, StreamControl } from './resume-store.ts'
import { isValidStreamId } from './stream-id.ts'
import { notFound, storeUnavailable } from './stream-responses.ts'

export interface StopRequestOptions {
  /** The stream to stop, usually from the URL (`/api/chat/:streamId/stop`). */
  streamId: string
  /** Who may stop it; `false` answers 404. @default the owner cookie (see `ownerCookieAuthorize`) */
  authorize?: Authorize
}

/**
 * Answers `POST ${api}/${streamId}/stop`, the client's `stop()` for a stream kept alive on the
 * server: on any instance, it tells the producer (wherever it runs: Redis pub/sub, or in this
 * process for the memory store) to end the stream and abort its provider call. 204 when the stop
 * was sent (also for a stream that already ended); 404 for an unknown stream or a request
 * without the owner's cookie; 405 for other methods; 503 when the store is unreachable.
 *
 * @example
 * const match = /^\/api\/chat\/([^/]+)\/stop$/.exec(url.pathname)
 * if (match) return handleStopRequest(request, store, { streamId: match[1] })
 */
export async function handleStopRequest(request: Request, store: ResumeStore & StreamControl, options: StopRequestOptions): Promise<Response> {
  if (request.method !== 'POST') return new Response('Use POST', { status: 405, headers: { allow: 'POST' } })
  const { streamId } = options
  if (!isValidStreamId(streamId)) return notFound()
  try {
    if (!(await (options.authorize ?? defaultAuthorize(store))(request, streamId))) return notFound()
    if ((await store.read(streamId, Number.MAX_SAFE_INTEGER - 1)) === undefined) return notFound()
    await store.requestStop(streamId)
  } catch {
    return storeUnavailable()
  }
  return new Response(null, { status: 204 })
}

/**
 * A route for `POST ${api}/:streamId/stop`: returns the answer for a matching request and
 * `undefined` for any other, so it chains with an app's other routes.
 *
 * @example
 * const stopRoute = createStopRoute(store, { api: '/api/chat' })
 * const response = (await stopRoute(request)) ?? (await otherRoutes(request))
 */
export function createStopRoute(store: ResumeStore & StreamControl, options: { api: string; authorize?: Authorize }) {
  return async (request: Request): Promise<Response | undefined> => {
    const route = matchStreamUrl(options.api, new URL(request.url).pathname)
    if (route?.action !== 'stop') return undefined
    return handleStopRequest(request, store, { streamId: route.streamId, ...(options.authorize && { authorize: options.authorize }) })
  }
}
