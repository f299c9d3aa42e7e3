import type { ChatEvent, ErrorEvent } from '../../protocol/events.ts'
import type { createBodyDecoderWith } from '../../protocol/decoders/body-decoder-core.ts'
import { createLazyDecoder } from '../../protocol/decoders/lazy-decoder.ts'
import type { DecoderOptions, StreamFormat } from '../../protocol/decoders/stream-format.ts'

export interface ReadBodyOptions {
  format: StreamFormat | 'auto'
  headers: Headers
  decoder?: DecoderOptions
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

/** How reading a body ended, when it did not throw. */
export type BodyOutcome =
  | { type: 'terminated' }
  /** The body stopped before a terminal event; `cause` is set when the connection broke. */
  | { type: 'ended-early'; cause?: unknown; event: ErrorEvent }

/**
 * Reads one response body to its end through the protocol's body decoder (the same path as
 * `decodeStream`): bytes → SSE → `ChatEvent`s. Unlike `decodeStream` it hands a body that
 * stopped early back to the caller (`ended-early`) instead of emitting the `network` error, so
 * the client can choose between resuming and failing. Rejects only when `signal` aborts.
 * A foreign format's decoder is loaded on demand: the first read that needs it waits for the
 * chunk once per stream (later streams find it loaded); Rivulet bodies never wait.
 * `createBodyDecoder` is the protocol's body decoder (the SSE parser and format detection),
 * passed in because the chat client loads it as a chunk of its own (`body-reader-chunk.ts`).
 */
export async function readBodyWith(
  createBodyDecoder: typeof createBodyDecoderWith,
  body: ReadableStream<Uint8Array>,
  options: ReadBodyOptions,
): Promise<BodyOutcome> {
  const { signal } = options
  let finished = false
  const onEvent: typeof options.onEvent = (event) => {
    finished = event.type === 'done'
    options.onEvent(event)
  }
  const decoder = createBodyDecoder(createLazyDecoder, onEvent, {
    ...options.decoder,
    format: options.format,
    headers: options.headers,
    onComment: options.onComment,
    onRetry: options.onRetry,
  })
  const reader = body.getReader()
  const cancel = () => void reader.cancel(signal?.reason).catch(() => {})
  signal?.addEventListener('abort', cancel, { once: true })
  let reported: StreamFormat | undefined
  const reportFormat = () => {
    if (reported === undefined && decoder.format !== undefined) options.onFormat?.((reported = decoder.format))
  }
  reportFormat()
  let cause: unknown
  let broken = false
  let handedOver = false
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason
      let result: ReadableStreamReadResult<Uint8Array>
      try {
        result = await reader.read()
      } catch (error) {
        if (signal?.aborted) throw signal.reason
        broken = true
        cause = error
        break
      }
      if (signal?.aborted) throw signal.reason
      if (result.done) break
      const text = decoder.text(result.value)
      options.onChunk?.(result.value.byteLength, text)
      decoder.feed(text)
      if (decoder.loading) await settled(decoder.loading, signal)
      reportFormat()
      if (decoder.terminated) {
        // Nothing after `done`/`error` matters. After `done` the body's end is normally on its
        // way: read it briefly, so the request completes instead of showing as cancelled in the
        // browser's network panel. Otherwise free the connection now, without waiting on a body
        // whose cancel never settles (some stream sources do not answer cancel promptly).
        if (finished) {
          handedOver = true
          readEndBriefly(reader)
        } else void reader.cancel().catch(() => {})
        return { type: 'terminated' }
      }
    }
    if (!broken) decoder.flush()
    if (decoder.loading) await settled(decoder.loading, signal)
    const ending = decoder.end(broken)
    reportFormat()
    if (ending.kind === 'terminated') return { type: 'terminated' }
    return broken
      ? { type: 'ended-early', cause, event: ending.event }
      : { type: 'ended-early', event: ending.event }
  } finally {
    signal?.removeEventListener('abort', cancel)
    if (!handedOver) reader.releaseLock()
  }
}

/** How long a body may stay open after `done` before it is cancelled. */
const END_GRACE_MS = 500

/**
 * Reads what follows `done` (a `[DONE]` frame, the end of the body) and ignores it; a body
 * still open after {@link END_GRACE_MS} is cancelled, which ends the pending read. The turn
 * does not wait for any of this.
 */
function readEndBriefly(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  const timer = setTimeout(() => void reader.cancel().catch(() => {}), END_GRACE_MS)
  void (async () => {
    try {
      while (!(await reader.read()).done);
    } catch {
      // A body that breaks after `done` changes nothing.
    } finally {
      clearTimeout(timer)
    }
  })()
}

/** Waits for a decoder chunk, or rejects with the abort reason if the reader is stopped first. */
function settled(loading: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return loading
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<void>((resolve, reject) => {
    const abort = () => reject(signal.reason)
    signal.addEventListener('abort', abort, { once: true })
    void loading.then(() => {
      signal.removeEventListener('abort', abort)
      resolve()
    })
  })
}
