import type { UnsequencedChatEvent } from '../../src/protocol/events.ts'

const encoder = new TextEncoder()

/**
 * The SSE handler from the common tutorials, written by hand as a baseline: a `ReadableStream`
 * whose `start` pumps the whole source into the queue with `enqueue` (nothing waits for the
 * client), `data:` lines only (no ids, so no resume), no keep-alive, no terminal event rules.
 */
export function naiveSseResponse(events: AsyncIterable<UnsequencedChatEvent>): Response {
  let seq = 0
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      void (async () => {
        try {
          for await (const event of events) controller.enqueue(encoder.encode(`data: ${JSON.stringify({ ...event, seq: seq++ })}\n\n`))
          controller.enqueue(encoder.encode(`data: ${JSON.stringify({ type: 'done', seq: seq++ })}\n\n`))
          controller.close()
        } catch {
          // the client went away: enqueue throws on a cancelled stream
        }
      })()
    },
  })
  return new Response(body, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' } })
}
