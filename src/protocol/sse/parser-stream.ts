import { createSseParser, type SseEvent, type SseParserOptions } from './parser.ts'
import type { ParseError } from './parse-error.ts'

export interface SseParserStreamOptions extends SseParserOptions {
  onComment?: (comment: string) => void
  onRetry?: (retryMs: number) => void
  /** Recoverable parse problems; by default they are dropped (the stream goes on). */
  onError?: (error: ParseError) => void
}

/**
 * A `TransformStream` from response bytes (or text) to {@link SseEvent}s.
 *
 * Bytes are decoded as UTF-8 in streaming mode, so a multi-byte character split across
 * chunks comes out whole. The decoder keeps the byte-order mark (`ignoreBOM: true`) so that
 * exactly one BOM is stripped, once, by the parser: `TextDecoderStream` would strip one more.
 *
 * @example
 * const events = response.body!.pipeThrough(new SseParserStream())
 * for await (const event of events) console.log(event.data)
 */
export class SseParserStream extends TransformStream<Uint8Array | string, SseEvent> {
  constructor(options: SseParserStreamOptions = {}) {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
    let parser: ReturnType<typeof createSseParser>
    super({
      start(controller) {
        parser = createSseParser(
          {
            onEvent: (event) => controller.enqueue(event),
            onComment: options.onComment,
            onRetry: options.onRetry,
            onError: options.onError,
          },
          options,
        )
      },
      transform(chunk) {
        parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }))
      },
      flush() {
        parser.feed(decoder.decode())
        parser.end()
      },
    })
  }
}
