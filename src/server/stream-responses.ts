/** Answers shared by the resume and stop routes. */
import { parseLastEventId } from '../protocol/stream-urls.ts'

/** The one answer for unknown, expired, foreign and unauthorized streams alike, so nothing leaks about which exist. */
export function notFound(): Response {
  return new Response('Unknown or expired stream.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } })
}

/** The shared store could not be reached: try again shortly. */
export function storeUnavailable(): Response {
  return new Response('The stream store is unavailable. Try again shortly.', {
    status: 503,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '2' },
  })
}

/**
 * The `seq` the client last applied: `Last-Event-ID`, else a `lastEventId` query parameter
 * (EventSource cannot set headers); -1 when absent; `undefined` when malformed or absurdly large
 * (a 400, rather than silently replaying everything).
 */
export function lastEventSeq(request: Request): number | undefined {
  const raw = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId')
  if (raw !== null && raw.length > 64) return undefined
  const seq = parseLastEventId(raw)
  return seq !== undefined && Number.isSafeInteger(seq) ? seq : undefined
}
