import type { StreamFormat } from '../protocol/decoders/stream-format.ts'
import type { UnsequencedChatEvent } from '../protocol/events.ts'
import { createJsonTextPicker } from '../protocol/pick-json-text.ts'
import { createEventStreamResponse, type EventStreamResponseOptions } from './event-stream-response.ts'
import { fromProviderStream, type ProviderStreamInput } from './provider-source.ts'

/**
 * Where a streamed JSON document comes from: any async iterable of text deltas (the AI SDK's
 * `streamObject(...).textStream`, your own generator), an object with a `textStream`, a
 * `ReadableStream` of text or bytes, or an OpenAI/Anthropic SDK stream (chunk objects: JSON mode
 * content or a forced tool call's arguments).
 */
export type ObjectStreamSource =
  | AsyncIterable<string | Uint8Array>
  | AsyncIterable<unknown>
  | ReadableStream<string | Uint8Array>
  | { textStream: AsyncIterable<string> }
  | Response

export interface ObjectStreamResponseOptions extends EventStreamResponseOptions {
  /**
   * `'text'` (default): the JSON text itself, `text/plain` — what `toTextStreamResponse()` sends.
   * `'rivulet'`: `object_delta` events with `seq`, keep-alives and, with `store`, resume.
   */
  format?: 'text' | 'rivulet'
  /**
   * The provider of an SDK stream or a provider `Response`; SDK chunk objects are recognised by
   * their shape when it is omitted (`choices` → OpenAI Chat, `response.*` → Responses, else Anthropic).
   */
  provider?: Exclude<StreamFormat, 'rivulet' | 'ai-sdk'>
}

/**
 * Streams a JSON document to `useObject` / `createObjectClient` from a model's stream. Text
 * sources pass through; provider streams go through the protocol decoders and the document is
 * picked from JSON-mode text or a forced tool call's argument deltas (reasoning is dropped).
 * A client that goes away stops the source (its iterator's `return()`). With `format: 'text'`
 * a failing source ends the body with an error (the client reports a dropped connection);
 * with `'rivulet'` it becomes an `error` event with a safe message, as in chat.
 *
 * @example
 * const result = streamObject({ model, schema, prompt }) // AI SDK
 * return createObjectStreamResponse(result.textStream)
 *
 * @example
 * const stream = await openai.chat.completions.create({ model, messages, stream: true, response_format: { type: 'json_object' } })
 * return createObjectStreamResponse(stream, { format: 'rivulet', signal: request.signal })
 */
export function createObjectStreamResponse(source: ObjectStreamSource, options: ObjectStreamResponseOptions = {}): Response {
  const { format = 'text', provider, ...rest } = options
  if (format === 'rivulet') return createEventStreamResponse(objectEvents(source, provider), rest)
  return textResponse(objectEvents(source, provider), rest)
}

/**
 * The document of any {@link ObjectStreamSource} as `object_delta` events (and a provider's
 * `error`), to hand to `startEventStream` or `createEventStreamResponse` yourself — for owner
 * cookies, stop requests and resume from a shared store.
 *
 * @example
 * return startEventStream(request, (signal) => fromObjectSource(fakeObjectModel(signal)), { store, api: '/api/object' })
 */
export function fromObjectSource(source: ObjectStreamSource, options: Pick<ObjectStreamResponseOptions, 'provider'> = {}): AsyncGenerator<UnsequencedChatEvent> {
  return objectEvents(source, options.provider)
}

async function* objectEvents(source: ObjectStreamSource, provider: ObjectStreamResponseOptions['provider']): AsyncGenerator<UnsequencedChatEvent> {
  if (source instanceof Response) {
    yield* providerDeltas(fromProviderStream(provider ?? 'openai-chat', source))
    return
  }
  const items: AsyncIterable<unknown> = isReadableStream(source)
    ? iterateReadable(source)
    : 'textStream' in source && !(Symbol.asyncIterator in source)
      ? source.textStream
      : (source as AsyncIterable<unknown>)
  const iterator = items[Symbol.asyncIterator]()
  try {
    const first = await iterator.next()
    if (first.done) return
    // `ArrayBuffer.isView`, not `instanceof Uint8Array`: bytes may come from another realm (a worker, jsdom).
    if (typeof first.value === 'string' || ArrayBuffer.isView(first.value)) {
      const decoder = new TextDecoder()
      let item: IteratorResult<unknown> = first
      for (; !item.done; item = await iterator.next()) {
        const text = typeof item.value === 'string' ? item.value : decoder.decode(item.value as Uint8Array, { stream: true })
        if (text !== '') yield { type: 'object_delta', delta: text }
      }
      const rest = decoder.decode()
      if (rest !== '') yield { type: 'object_delta', delta: rest }
      return
    }
    const chunks = prepend(first.value, iterator)
    yield* providerDeltas(fromProviderStream(provider ?? detectProvider(first.value), chunks as ProviderStreamInput))
  } finally {
    await iterator.return?.()
  }
}

async function* providerDeltas(events: AsyncIterable<UnsequencedChatEvent>): AsyncGenerator<UnsequencedChatEvent> {
  const pick = createJsonTextPicker()
  for await (const event of events) {
    if (event.type === 'error') {
      yield event
      return
    }
    const text = pick({ ...event, seq: 0 } as Parameters<typeof pick>[0])
    if (text) yield { type: 'object_delta', delta: text }
  }
}

function detectProvider(chunk: unknown): NonNullable<ObjectStreamResponseOptions['provider']> {
  const value = (chunk ?? {}) as { choices?: unknown; type?: unknown }
  if (Array.isArray(value.choices)) return 'openai-chat'
  if (typeof value.type === 'string' && value.type.startsWith('response.')) return 'openai-responses'
  return 'anthropic'
}

function textResponse(events: AsyncGenerator<UnsequencedChatEvent>, options: EventStreamResponseOptions): Response {
  const encoder = new TextEncoder()
  const stop = () => void events.return(undefined).catch(() => {})
  options.signal?.addEventListener('abort', stop, { once: true })
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          for (;;) {
            const next = await events.next()
            if (next.done) {
              options.signal?.removeEventListener('abort', stop)
              return controller.close()
            }
            const event = next.value
            if (event.type === 'object_delta') return controller.enqueue(encoder.encode(event.delta))
            if (event.type === 'error') throw new Error(event.message)
          }
        } catch (error) {
          options.onError?.(error)
          controller.error(new Error('The object stream failed'))
        }
      },
      cancel: stop,
    },
    { highWaterMark: 1 },
  )
  const headers = new Headers({ 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' })
  for (const [key, value] of new Headers(options.headers)) {
    if (value === '') headers.delete(key)
    else headers.set(key, value)
  }
  return new Response(body, { status: options.status ?? 200, headers })
}

function isReadableStream(value: unknown): value is ReadableStream<string | Uint8Array> {
  return typeof ReadableStream !== 'undefined' && value instanceof ReadableStream
}

async function* iterateReadable(stream: ReadableStream<string | Uint8Array>): AsyncGenerator<string | Uint8Array> {
  const reader = stream.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      yield value
    }
  } finally {
    await reader.cancel().catch(() => {})
    reader.releaseLock()
  }
}

async function* prepend<T>(first: T, rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield first
  for (let item = await rest.next(); !item.done; item = await rest.next()) yield item.value
}
