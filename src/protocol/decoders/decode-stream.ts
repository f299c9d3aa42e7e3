import type { ChatEvent } from '../events.ts'
import { createBodyDecoder, type BodyDecoderOptions } from './body-decoder.ts'
import type { StreamFormat } from './stream-format.ts'

/** Options of {@link decodeStream}: the format, the headers for `'auto'`, decoder choices and SSE hooks. */
export type DecodeStreamOptions = BodyDecoderOptions

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
  const reader = body.getReader()
  const queue: ChatEvent[] = []
  const decoder = createBodyDecoder((event) => queue.push(event), options)
  let ended = false

  return new ReadableStream<ChatEvent>({
    async pull(controller) {
      // Read until there is something to hand out, so each pull makes progress.
      while (queue.length === 0 && !ended) {
        let result: ReadableStreamReadResult<Uint8Array | string>
        let broken = false
        try {
          result = await reader.read()
        } catch (error) {
          if (isAbort(error)) throw error
          broken = true
          result = { done: true, value: undefined }
        }
        if (result.done) {
          ended = true
          const ending = decoder.end(broken)
          if (ending.kind === 'ended-early') queue.push(ending.event)
        } else decoder.feed(result.value)
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
  const decoder = createBodyDecoder((event) => out.push(event), { ...options, format })
  decoder.feed(text)
  const ending = decoder.end()
  if (ending.kind === 'ended-early') out.push(ending.event)
  return out
}
