import type { ChatEvent } from '../../protocol/events.ts'
import { encodeEvent } from '../../protocol/encode.ts'
import type { ChatTransport, ResumeRequest, SendRequest } from './transport.ts'

/**
 * What an in-memory backend answers: events (sent as Rivulet frames, one read each), raw
 * event-stream text, a body stream, or a whole `Response` (to test statuses and headers).
 */
export type MemoryReply = ChatEvent[] | string | ReadableStream<Uint8Array> | Response

export interface MemoryTransportOptions {
  respond: (request: SendRequest) => MemoryReply | Promise<MemoryReply>
  /** Answers a resume; without it the transport cannot resume. */
  resume?: (request: ResumeRequest) => MemoryReply | Promise<MemoryReply>
}

const sseHeaders = { 'content-type': 'text/event-stream' }

function chunksToStream(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let index = 0
  return new ReadableStream({
    pull(controller) {
      const chunk = chunks[index++]
      if (chunk === undefined) controller.close()
      else controller.enqueue(encoder.encode(chunk))
    },
  })
}

/** Turns any reply into the `Response` the client reads. */
export function toResponse(reply: MemoryReply): Response {
  if (reply instanceof Response) return reply
  if (typeof reply === 'string') return new Response(chunksToStream([reply]), { headers: sseHeaders })
  if (Array.isArray(reply)) return new Response(chunksToStream(reply.map(encodeEvent)), { headers: sseHeaders })
  return new Response(reply, { headers: sseHeaders })
}

/**
 * A transport with no network: each turn is answered by a function, so stories and tests
 * run the whole client (decoding, retries, resume, metrics) without a server or MSW.
 *
 * @example
 * const transport = createMemoryTransport({
 *   respond: () => [
 *     { type: 'start', seq: 0, streamId: 's1' },
 *     { type: 'token', seq: 1, content: 'Hi!' },
 *     { type: 'done', seq: 2 },
 *   ],
 * })
 */
export function createMemoryTransport(options: MemoryTransportOptions): ChatTransport {
  const transport: ChatTransport = {
    async send(request) {
      request.signal.throwIfAborted()
      return toResponse(await options.respond(request))
    },
  }
  const resume = options.resume
  if (resume) {
    transport.resume = async (request) => {
      request.signal.throwIfAborted()
      return toResponse(await resume(request))
    }
  }
  return transport
}
