/**
 * Response headers for a Server-Sent Events stream that must reach the browser unbuffered:
 * `no-transform` stops compressing proxies from holding bytes back, `X-Accel-Buffering: no`
 * turns off nginx's response buffering, and `Connection: keep-alive` keeps HTTP/1.1 proxies
 * from closing an idle stream. Extra headers are applied last, so they can override any of
 * these (pass `connection: ''` to drop the hop-by-hop header where a runtime forbids it).
 *
 * @example
 * new Response(body, { headers: eventStreamHeaders({ 'x-request-id': id }) })
 */
export function eventStreamHeaders(extra?: HeadersInit): Headers {
  const headers = new Headers({
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  })
  if (extra) {
    new Headers(extra).forEach((value, name) => {
      if (value === '') headers.delete(name)
      else headers.set(name, value)
    })
  }
  return headers
}
