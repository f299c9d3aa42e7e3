import { createDecoder } from '../protocol/decoders/create-decoder.ts'
import { decodeStream } from '../protocol/decoders/decode-stream.ts'
import { toProviderError } from '../protocol/decoders/provider-error.ts'
import type { DecoderOptions, StreamFormat } from '../protocol/decoders/stream-format.ts'
import type { ChatEvent } from '../protocol/events.ts'

/**
 * What a provider source accepts: the `Response` of a streaming `fetch` to the provider, its
 * raw SSE body, or the official SDK's stream (an async iterable of chunk objects).
 */
export type ProviderStreamInput = Response | ReadableStream<Uint8Array | string> | AsyncIterable<unknown>

/**
 * A function that makes the provider call: given a signal (aborted when the client goes
 * away), it returns the stream, the `Response`, or a promise of either — what
 * `client.chat.completions.create(…, { signal })` returns. Passing the call instead of its
 * result lets the source turn an error thrown before streaming (a 429) into an `error` event.
 */
export type ProviderCall = (signal: AbortSignal) => ProviderStreamInput | PromiseLike<ProviderStreamInput>

export type ProviderSourceOptions = DecoderOptions

/**
 * Turns a provider's stream into `ChatEvent`s with the protocol layer's decoder for `format`,
 * so each wire format is mapped in exactly one place. SDK chunk objects are handed to the same
 * decoder as the SSE frames they came from (`event:` = the chunk's `type`, `data:` = its JSON).
 *
 * - A non-2xx `Response` becomes one `error` event with the provider's message (`429` →
 *   `rate_limited` with `Retry-After`).
 * - An SDK API error thrown mid-stream (an object with the provider's `error` body) becomes an
 *   `error` event the same way; anything else thrown is rethrown, for
 *   `createEventStreamResponse` to report safely.
 * - `return()` on the iterator cancels the body or the SDK stream at once, even while a read
 *   is pending, so a client disconnect stops the provider call. For SDK streams that means
 *   aborting the stream's own `controller` (an SDK stream's iterator cannot be returned while
 *   a read is pending: it would wait for the provider's next chunk), so this holds even when
 *   no signal was passed to the SDK call.
 * - Given a {@link ProviderCall} instead of its result, the call is made on the first read
 *   with a signal that `return()` aborts; an SDK API error it throws (a 429 before streaming)
 *   becomes an `error` event (`rate_limited` with the provider's `Retry-After`).
 *
 * @example
 * const upstream = await fetch(url, { method: 'POST', headers, body, signal: request.signal })
 * for await (const event of fromProviderStream('openai-chat', upstream)) console.log(event.type)
 * // or let the source make the call and classify what it throws:
 * fromProviderStream('openai-chat', (signal) => openai.chat.completions.create({ model, messages, stream: true }, { signal }))
 */
export function fromProviderStream(format: StreamFormat, input: ProviderStreamInput | ProviderCall, given: ProviderSourceOptions = {}): AsyncIterableIterator<ChatEvent> {
  // The server's events go to the client and come back in the history: keep what lets reasoning go back to the model.
  const options: ProviderSourceOptions = { reasoningHandles: true, ...given }
  if (typeof input === 'function') return fromCall(format, input, options)
  if (isReadableStream(input)) return iterateStream(decodeStream(input, { ...options, format }))
  if (isResponse(input)) return fromResponse(format, input, options)
  return fromChunks(format, input, options)
}

function fromResponse(format: StreamFormat, response: Response, options: ProviderSourceOptions): AsyncIterableIterator<ChatEvent> {
  if (response.ok && response.body) return iterateStream(decodeStream(response.body, { ...options, format, headers: response.headers }))
  let cancelled = false
  const events = (async () => {
    const text = response.body ? await response.text().catch(() => '') : ''
    return errorEvents(format, errorBody(parseJson(text) ?? text, response.status, response.headers), options)
  })()
  let index = 0
  const iterator: AsyncIterableIterator<ChatEvent> = {
    async next() {
      const list = await events
      const value = cancelled ? undefined : list[index++]
      return value === undefined ? { done: true, value: undefined } : { done: false, value }
    },
    async return() {
      cancelled = true
      await response.body?.cancel().catch(() => {})
      return { done: true, value: undefined }
    },
    [Symbol.asyncIterator]() {
      return iterator
    },
  }
  return iterator
}

/** Makes the provider call on the first read; see {@link fromProviderStream}. */
function fromCall(format: StreamFormat, call: ProviderCall, options: ProviderSourceOptions): AsyncIterableIterator<ChatEvent> {
  const controller = new AbortController()
  let inner: AsyncIterableIterator<ChatEvent> | undefined
  let opening: Promise<AsyncIterableIterator<ChatEvent> | undefined> | undefined
  let closed = false

  async function open(): Promise<AsyncIterableIterator<ChatEvent> | undefined> {
    let input: ProviderStreamInput
    try {
      input = await call(controller.signal)
    } catch (error) {
      if (closed || isAbort(error)) return undefined
      if (!isApiError(error)) throw error
      return iterateList(errorEvents(format, errorBody(apiErrorBody(error), error.status, error.headers), options))
    }
    const source = fromProviderStream(format, input, options)
    // The client left while the call was being made: release what it returned.
    if (closed) {
      await source.return?.()
      return undefined
    }
    return source
  }

  const iterator: AsyncIterableIterator<ChatEvent> = {
    async next() {
      if (closed) return { done: true, value: undefined }
      opening ??= open()
      inner ??= await opening
      if (inner === undefined || closed) return { done: true, value: undefined }
      return inner.next()
    },
    async return() {
      if (!closed) {
        closed = true
        controller.abort()
        await inner?.return?.()
      }
      return { done: true, value: undefined }
    },
    [Symbol.asyncIterator]() {
      return iterator
    },
  }
  return iterator
}

function iterateList<T>(list: T[]): AsyncIterableIterator<T> {
  let index = 0
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      return index < list.length ? { done: false, value: list[index++]! } : { done: true, value: undefined }
    },
    async return() {
      index = list.length
      return { done: true, value: undefined }
    },
    [Symbol.asyncIterator]() {
      return iterator
    },
  }
  return iterator
}

/**
 * Aborts an SDK stream's request through the stream's own handle: `controller.abort()` on the
 * OpenAI and Anthropic `Stream`s, `abort()` on Anthropic's `MessageStream`. Returns whether
 * there was one.
 */
function abortSdkStream(chunks: unknown): boolean {
  if (!isObject(chunks)) return false
  const controller = chunks['controller']
  if (isObject(controller) && typeof controller['abort'] === 'function') {
    ;(controller as unknown as AbortController).abort()
    return true
  }
  if (typeof chunks['abort'] === 'function') {
    ;(chunks as { abort: () => void }).abort()
    return true
  }
  return false
}

function fromChunks(format: StreamFormat, chunks: AsyncIterable<unknown>, options: ProviderSourceOptions): AsyncIterableIterator<ChatEvent> {
  const queue: ChatEvent[] = []
  const decoder = createDecoder(format, (event) => queue.push(event), options)
  const source = chunks[Symbol.asyncIterator]()
  let ended = false

  const iterator: AsyncIterableIterator<ChatEvent> = {
    async next() {
      while (queue.length === 0 && !ended) {
        let result: IteratorResult<unknown>
        try {
          result = await source.next()
        } catch (error) {
          if (ended || isAbort(error) || !isApiError(error)) throw error
          decoder.push(errorFrame(errorBody(apiErrorBody(error), error.status, error.headers)))
          ended = true
          break
        }
        if (ended) break
        if (result.done) {
          ended = true
          decoder.end()
        } else {
          const chunk = result.value
          const type = isObject(chunk) && typeof chunk['type'] === 'string' ? chunk['type'] : 'message'
          decoder.push({ type, data: typeof chunk === 'string' ? chunk : JSON.stringify(chunk), lastEventId: '' })
          if (decoder.terminated) {
            ended = true
            void Promise.resolve(source.return?.()).catch(() => {})
          }
        }
      }
      const value = queue.shift()
      return value === undefined ? { done: true, value: undefined } : { done: false, value }
    },
    async return() {
      if (!ended) {
        ended = true
        queue.length = 0
        // First the request itself: a pending read would keep `source.return()` waiting.
        abortSdkStream(chunks)
        await Promise.resolve(source.return?.()).catch(() => {})
      }
      queue.length = 0
      return { done: true, value: undefined }
    },
    [Symbol.asyncIterator]() {
      return iterator
    },
  }
  return iterator
}

/** A reader as an async iterator whose `return()` cancels the stream even mid-read. */
function iterateStream<T>(stream: ReadableStream<T>): AsyncIterableIterator<T> {
  const reader = stream.getReader()
  let done = false
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      if (done) return { done: true, value: undefined }
      const result = await reader.read()
      if (result.done) done = true
      return result.done ? { done: true, value: undefined } : { done: false, value: result.value }
    },
    async return() {
      if (!done) {
        done = true
        await reader.cancel().catch(() => {})
      }
      return { done: true, value: undefined }
    },
    [Symbol.asyncIterator]() {
      return iterator
    },
  }
  return iterator
}

/** Runs an in-band provider error through the format's own decoder, like a streamed `event: error`. */
function errorEvents(format: StreamFormat, body: Record<string, unknown>, options: ProviderSourceOptions): ChatEvent[] {
  const events: ChatEvent[] = []
  const decoder = createDecoder(format, (event) => events.push(event), options)
  decoder.push(errorFrame(body))
  decoder.end()
  return events
}

function errorFrame(body: Record<string, unknown>) {
  return { type: 'error', data: JSON.stringify({ type: 'error', error: body }), lastEventId: '' }
}

/**
 * The provider's error object with the HTTP status and `Retry-After` folded in, which is what
 * `toProviderError` reads to tell a rate limit from the rest.
 */
function errorBody(body: unknown, status: number | undefined, headers: unknown): Record<string, unknown> {
  const inner = isObject(body) && isObject(body['error']) ? body['error'] : body
  const error: Record<string, unknown> = isObject(inner) ? { ...inner } : { message: typeof inner === 'string' && inner.trim() ? inner.trim().slice(0, 500) : '' }
  if (!error['message']) error['message'] = status ? `the provider answered HTTP ${status}` : toProviderError(undefined).message
  if (status !== undefined && error['status'] === undefined) error['status'] = status
  const retryAfter = readHeader(headers, 'retry-after')
  if (retryAfter !== undefined && /^\d+(\.\d+)?$/.test(retryAfter.trim())) error['retry_after'] = Number(retryAfter)
  return error
}

interface ApiError {
  status?: number
  error: unknown
  headers?: unknown
}

/** The official SDKs throw errors carrying the provider's JSON body as `error` (and `status`, `headers`). */
function isApiError(error: unknown): error is ApiError {
  return isObject(error) && isObject(error['error']) && (error['status'] === undefined || typeof error['status'] === 'number')
}

function apiErrorBody(error: ApiError): unknown {
  return error.error
}

function readHeader(headers: unknown, name: string): string | undefined {
  if (!isObject(headers)) return undefined
  if (typeof headers['get'] === 'function') return (headers as unknown as Headers).get(name) ?? undefined
  const value = headers[name]
  return typeof value === 'string' ? value : undefined
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

function isReadableStream(value: unknown): value is ReadableStream<Uint8Array | string> {
  return isObject(value) && typeof value['getReader'] === 'function'
}

function isResponse(value: unknown): value is Response {
  return isObject(value) && 'body' in value && typeof value['ok'] === 'boolean' && isObject(value['headers'])
}

function isAbort(error: unknown): boolean {
  return isObject(error) && error['name'] === 'AbortError'
}
