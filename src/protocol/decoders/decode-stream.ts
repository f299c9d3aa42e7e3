import type { ChatEvent } from '../events.ts'
import { createSseParser, type SseEvent } from '../sse/parser.ts'
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
 * stops before its format's end or the connection breaks while reading —
 * `{ type: 'error', code: 'network', message: 'stream ended early' }`. Only an abort (an
 * `AbortError`, as from `stop()`) errors the returned stream instead: nobody is waiting then.
 *
 * @example
 * const response = await fetch('/api/chat', { method: 'POST', body })
 * const events = decodeStream(response.body!, { format: 'auto', headers: response.headers })
 * for await (const event of events) store.apply(event)
 */
export function decodeStream(body: ReadableStream<Uint8Array | string>, options: DecodeStreamOptions): ReadableStream<ChatEvent> {
  const reader = body.pipeThrough(new SseParserStream({ onComment: options.onComment, onRetry: options.onRetry })).getReader()
  const queue: ChatEvent[] = []
  const decoder = makeDecoder((event) => queue.push(event), options)
  let ended = false

  return new ReadableStream<ChatEvent>({
    async pull(controller) {
      // Read until there is something to hand out, so each pull makes progress.
      while (queue.length === 0 && !ended) {
        let result: ReadableStreamReadResult<SseEvent>
        try {
          result = await reader.read()
        } catch (error) {
          if (isAbort(error)) throw error
          result = { done: true, value: undefined }
        }
        if (result.done) {
          ended = true
          decoder.end()
        } else decoder.push(result.value)
      }
      for (const event of queue.splice(0)) controller.enqueue(event)
      if (ended) controller.close()
    },
    cancel(reason) {
      return reader.cancel(reason)
    },
  })
}

function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError'
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
