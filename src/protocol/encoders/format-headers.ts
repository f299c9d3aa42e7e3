import type { StreamFormat } from '../decoders/stream-format.ts'

/**
 * The response headers a server of `format` sends with its stream: the SSE content type,
 * `cache-control: no-cache` and `x-accel-buffering: no` (so nginx-style proxies do not buffer
 * the whole answer), plus `x-vercel-ai-ui-message-stream: v1` for the AI SDK, which its
 * client and `format: 'auto'` detection look for. `connection: keep-alive` is left out: it is
 * a hop-by-hop header that HTTP/2 forbids and `fetch` implementations may reject.
 * Returns a fresh object each call.
 *
 * @example
 * new Response(body, { headers: formatHeaders('ai-sdk') })
 */
export function formatHeaders(format: StreamFormat): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': format === 'ai-sdk' ? 'text/event-stream' : 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  }
  if (format === 'ai-sdk') headers['x-vercel-ai-ui-message-stream'] = 'v1'
  return headers
}
