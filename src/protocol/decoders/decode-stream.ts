import type { ChatEvent } from '../events.ts'
import { createSseParser } from '../sse/parser.ts'
import { SseParserStream } from '../sse/parser-stream.ts'
import { createAutoDecoder } from './auto-decoder.ts'
import { createDecoder } from './create-decoder.ts'
import type { Decoder, DecoderOptions, StreamFormat } from './stream-format.ts'

export interface DecodeStreamOptions extends DecoderOptions {
  /** The body's wire format, or `'auto'` to detect it from `headers` and the first events. */
  format: StreamFormat | 'auto'
  /** Response headers, used by `'auto'`. */
  headers?: Headers | Record<string, string>
  /** `:` comment lines, the keep-alives; useful to feed a stall detector. */
  onComment?: (comment: string) => void
  /** The server's `retry:` advice, in milliseconds. */
  onRetry?: (retryMs: number) => void
}

function makeDecoder(onEvent: (event: ChatEvent) => void, options: DecodeStreamOptions): Decoder {
  const { format, headers, generateId, thinkTags } = options
  const decoderOptions: DecoderOptions = { generateId, thinkTags }
  return format === 'auto' ? createAutoDecoder(onEvent, { ...decoderOptions, headers }) : createDecoder(format, onEvent, decoderOptions)
}

/**
 * Turns a response body into a stream of `ChatEvent`s, whatever the backend speaks. The
 * output always ends with one terminal event: `done`, a provider `error`, or — when the body
 * stops before its format's end — `{ type: 'error', code: 'network', message: 'stream ended early' }`.
 *
 * @example
 * const response = await fetch('/api/chat', { method: 'POST', body })
 * const events = decodeStream(response.body!, { format: 'auto', headers: response.headers })
 * for await (const event of events) store.apply(event)
 */
export function decodeStream(body: ReadableStream<Uint8Array | string>, options: DecodeStreamOptions): ReadableStream<ChatEvent> {
  let decoder: Decoder
  const events = body.pipeThrough(new SseParserStream({ onComment: options.onComment, onRetry: options.onRetry }))
  return events.pipeThrough(
    new TransformStream({
      start(controller) {
        decoder = makeDecoder((event) => controller.enqueue(event), options)
      },
      transform(sse) {
        decoder.push(sse)
      },
      flush() {
        decoder.end()
      },
    }),
  )
}

/**
 * Decodes a whole SSE body held in memory, synchronously: for tests, docs and recorded fixtures.
 *
 * @example
 * decodeText('data: {"type":"start","seq":0,"streamId":"s"}\n\ndata: {"type":"done","seq":1}\n\n', 'rivulet')
 * // [{ type: 'start', seq: 0, streamId: 's' }, { type: 'done', seq: 1 }]
 */
export function decodeText(text: string, format: StreamFormat | 'auto', options: Omit<DecodeStreamOptions, 'format'> = {}): ChatEvent[] {
  const out: ChatEvent[] = []
  const decoder = makeDecoder((event) => out.push(event), { ...options, format })
  const parser = createSseParser({ onEvent: (sse) => decoder.push(sse), onComment: options.onComment, onRetry: options.onRetry })
  parser.feed(text)
  parser.end()
  decoder.end()
  return out
}
