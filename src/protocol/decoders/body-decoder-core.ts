import type { ChatEvent, ErrorEvent } from '../events.ts'
import { createSseParser } from '../sse/parser.ts'
import { decoderLoading, type DecoderCreator } from './decoder-creator.ts'
import { createFormatProbe } from './format-probe.ts'
import type { ChatEventListener, DecoderOptions, StreamFormat } from './stream-format.ts'

export interface BodyDecoderOptions extends DecoderOptions {
  /** The body's wire format, or `'auto'` to detect it from `headers` and the first events. */
  format: StreamFormat | 'auto'
  /** Response headers, used by `'auto'`. */
  headers?: Headers | Record<string, string>
  /** `:` comment lines, the keep-alives; useful to feed a stall detector. */
  onComment?: (comment: string) => void
  /** The server's `retry:` advice, in milliseconds. */
  onRetry?: (retryMs: number) => void
}

/**
 * How a body ended. `ended-early` holds back the `network` error the decoder reported for a
 * body that stopped before its format's end, so the reader decides: `decodeStream` emits it,
 * the chat client resumes the stream instead when it can.
 */
export type BodyEnding = { kind: 'terminated' } | { kind: 'ended-early'; event: ErrorEvent }

/**
 * One response body being decoded: text → SSE events → `ChatEvent`s. The one place where the
 * parser and the decoder are put together; `decodeStream`, `decodeText` and the chat client
 * all read bodies through it.
 */
export interface BodyDecoder {
  /** Feeds one read of the body (bytes, or text from {@link BodyDecoder.text}). */
  feed(chunk: Uint8Array | string): void
  /**
   * Decodes one read as UTF-8 without parsing it yet, for a reader that looks at the text
   * first (the client counts a read before its events); pass the result to `feed`. A
   * character split across reads comes out whole in the later one.
   */
  text(chunk: Uint8Array): string
  /**
   * Set while the decoder of the body's format is loading (the chat client loads foreign
   * formats on demand). Feeding may go on meanwhile, events are held; await it before `end`.
   */
  readonly loading: Promise<void> | undefined
  /**
   * A clean end of the text: decodes what the UTF-8 decoder and the SSE parser still hold.
   * `end()` does it too; a reader that loads decoders on demand calls it first, so a format
   * detected from the last frame can load before `end` judges the ending. Idempotent.
   */
  flush(): void
  /**
   * The body is over. A clean end (`broken` false) first flushes what the parser still holds;
   * both then call the decoder's `end()`, so a format that may finish without a terminal frame
   * (OpenAI-compatible `finish_reason` without `[DONE]`) ends with `done` wherever it is read.
   */
  end(broken?: boolean): BodyEnding
  /** True once a `done` or `error` event went out; nothing after it matters. */
  readonly terminated: boolean
  /** The format in use; `undefined` while `'auto'` is still probing. */
  readonly format: StreamFormat | undefined
}

/**
 * Creates a {@link BodyDecoder} whose format decoders come from `create` (see
 * `createBodyDecoder` for the one with every format built in).
 *
 * @example
 * const body = createBodyDecoderWith(createLazyDecoder, (event) => events.push(event), { format: 'auto' })
 * body.feed(chunk)
 * if (body.loading) await body.loading
 */
export function createBodyDecoderWith(create: DecoderCreator, onEvent: ChatEventListener, options: BodyDecoderOptions): BodyDecoder {
  const { format, headers, generateId, thinkTags, reasoningHandles } = options
  const decoderOptions: DecoderOptions = { generateId, thinkTags, reasoningHandles }
  // While `end()` runs, events are held so the early-end error can be told apart from the rest.
  let held: ChatEvent[] | undefined
  const emit = (event: ChatEvent) => (held ? held.push(event) : onEvent(event))
  const auto = format === 'auto' ? createFormatProbe(create, emit, { ...decoderOptions, headers }) : undefined
  const decoder = auto ?? create(format as StreamFormat, emit, decoderOptions)
  const parser = createSseParser({ onEvent: (sse) => decoder.push(sse), onComment: options.onComment, onRetry: options.onRetry })
  const text = new TextDecoder('utf-8', { ignoreBOM: true })
  let ended = false
  let flushed = false

  function flush() {
    if (flushed) return
    flushed = true
    parser.feed(text.decode())
    parser.end()
  }

  return {
    feed(chunk) {
      parser.feed(typeof chunk === 'string' ? chunk : text.decode(chunk, { stream: true }))
    },
    text: (chunk) => text.decode(chunk, { stream: true }),
    end(broken = false) {
      if (ended) return { kind: 'terminated' }
      ended = true
      if (!broken) flush()
      const wasTerminated = decoder.terminated
      held = []
      decoder.end()
      const tail = held
      held = undefined
      const last = tail.at(-1)
      const early = !wasTerminated && last?.type === 'error' && last.code === 'network' ? last : undefined
      for (const event of early ? tail.slice(0, -1) : tail) onEvent(event)
      return early ? { kind: 'ended-early', event: early } : { kind: 'terminated' }
    },
    flush,
    get loading() {
      return decoderLoading(decoder)
    },
    get terminated() {
      return decoder.terminated
    },
    get format() {
      return auto ? auto.format : (format as StreamFormat)
    },
  }
}
