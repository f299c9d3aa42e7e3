import type { ChatEvent } from '../protocol/events.ts'
import { createSseParser } from '../protocol/sse/parser.ts'
import { createAutoDecoder, createDecoder } from '../protocol/decoders/index.ts'
import type { StreamFormat } from '../protocol/decoders/index.ts'

export interface ReadEventStreamOptions {
  format: StreamFormat | 'auto'
  headers: Headers
  onEvent: (event: ChatEvent) => void
  /** Every network read, before decoding (metrics: bytes, chunks, buffering). */
  onChunk?: (byteLength: number, text: string) => void
  /** `: ping` keep-alives; they prove the connection lives but are not content. */
  onComment?: (comment: string) => void
  /** The server's `retry:` advice for reconnecting, in ms. */
  onRetry?: (ms: number) => void
  /** The format in use, once known (at once unless `auto`). */
  onFormat?: (format: StreamFormat) => void
  /**
   * Stops reading when aborted, and rejects with the abort reason, even if the transport's
   * body ignores the signal (in-memory bodies, custom transports).
   */
  signal?: AbortSignal
}

/**
 * Reads one response body to its end: bytes → SSE events → `ChatEvent`s.
 *
 * Unlike `decodeStream`, it does not turn a body that stopped early into an error event: it
 * reports `'ended-early'` and lets the client choose between resuming and failing. A read
 * that fails (a dropped connection) rejects.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  options: ReadEventStreamOptions,
): Promise<'terminated' | 'ended-early'> {
  const { format, onFormat } = options
  const auto = format === 'auto' ? createAutoDecoder(options.onEvent, { headers: options.headers }) : undefined
  const decoder = auto ?? createDecoder(format as StreamFormat, options.onEvent)
  let reported: StreamFormat | undefined = format === 'auto' ? undefined : format
  if (reported) onFormat?.(reported)

  const parser = createSseParser({
    onEvent(sse) {
      decoder.push(sse)
      if (!reported && auto?.format) {
        reported = auto.format
        onFormat?.(reported)
      }
    },
    onComment: options.onComment,
    onRetry: options.onRetry,
  })

  const text = new TextDecoder('utf-8', { ignoreBOM: true })
  const reader = body.getReader()
  const { signal } = options
  const cancel = () => void reader.cancel(signal?.reason).catch(() => {})
  signal?.addEventListener('abort', cancel, { once: true })
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason
      const { done, value } = await reader.read()
      if (signal?.aborted) throw signal.reason
      if (done) break
      const decoded = text.decode(value, { stream: true })
      options.onChunk?.(value.byteLength, decoded)
      parser.feed(decoded)
      if (decoder.terminated) {
        // Nothing after `done`/`error` matters: free the connection now, without waiting on a
        // body whose cancel never settles (some stream sources do not answer cancel promptly).
        void reader.cancel().catch(() => {})
        return 'terminated'
      }
    }
    parser.feed(text.decode())
    parser.end()
    return decoder.terminated ? 'terminated' : 'ended-early'
  } finally {
    signal?.removeEventListener('abort', cancel)
    reader.releaseLock()
  }
}
