import type { ChatEvent, ErrorEvent } from '../events.ts'
import { createSseParser } from '../sse/parser.ts'
import { createAutoDecoder } from './auto-decoder.ts'
import { createDecoder } from './create-decoder.ts'
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
 * Creates a {@link BodyDecoder}.
 *
 * @example
 * const body = createBodyDecoder((event) => events.push(event), { format: 'auto', headers: response.headers })
 * for await (const chunk of response.body!) body.feed(chunk)
 * const ending = body.end()
 * if (ending.kind === 'ended-early') events.push(ending.event)
 */
export function createBodyDecoder(onEvent: ChatEventListener, options: BodyDecoderOptions): BodyDecoder {
  const { format, headers, generateId, thinkTags, reasoningHandles } = options
  const decoderOptions: DecoderOptions = { generateId, thinkTags, reasoningHandles }
  // While `end()` runs, events are held so the early-end error can be told apart from the rest.
  let held: ChatEvent[] | undefined
  const emit = (event: ChatEvent) => (held ? held.push(event) : onEvent(event))
  const auto = format === 'auto' ? createAutoDecoder(emit, { ...decoderOptions, headers }) : undefined
  const decoder = auto ?? createDecoder(format as StreamFormat, emit, decoderOptions)
  const parser = createSseParser({ onEvent: (sse) => decoder.push(sse), onComment: options.onComment, onRetry: options.onRetry })
  const text = new TextDecoder('utf-8', { ignoreBOM: true })
  let ended = false

  return {
    feed(chunk) {
      parser.feed(typeof chunk === 'string' ? chunk : text.decode(chunk, { stream: true }))
    },
    text: (chunk) => text.decode(chunk, { stream: true }),
    end(broken = false) {
      if (ended) return { kind: 'terminated' }
      ended = true
      if (!broken) {
        parser.feed(text.decode())
        parser.end()
      }
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
    get terminated() {
      return decoder.terminated
    },
    get format() {
      return auto ? auto.format : (format as StreamFormat)
    },
  }
}
