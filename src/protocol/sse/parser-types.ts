import type { ParseError } from './parse-error.ts'

/** One dispatched server-sent event, as the WHATWG `MessageEvent` would carry it. */
export interface SseEvent {
  /** The `event:` field, or `message` when the block had none. */
  type: string
  /** The `data:` lines of the block joined with `\n`. */
  data: string
  /** The last `id:` seen on this stream so far (it persists across events). */
  lastEventId: string
}

/** What {@link createSseParser} reports to. */
export interface SseParserCallbacks {
  /** Called once per dispatched event. */
  onEvent: (event: SseEvent) => void
  /** A `:` comment line (keep-alives such as `: ping`), text after the colon and one optional space. */
  onComment?: (comment: string) => void
  /** A valid `retry:` field (ASCII digits only), in milliseconds. */
  onRetry?: (retryMs: number) => void
  /** Recoverable problems; the parser keeps going after reporting. */
  onError?: (error: ParseError) => void
}

/** Limits of {@link createSseParser}. */
export interface SseParserOptions {
  /**
   * Largest line or event data (in UTF-16 code units) held while waiting for its end.
   * Past it the line is discarded up to its terminator and `onError` gets a `ParseError`.
   * @default 16 MiB
   */
  maxBufferSize?: number
}

/** A streaming `text/event-stream` parser made by {@link createSseParser}. */
export interface SseParser {
  /** Feeds the next piece of decoded text; pieces may split lines, CRLF pairs or fields anywhere. */
  feed(chunk: string): void
  /** The stream ended: an event not closed by a blank line is discarded, per the spec. */
  end(): void
  /** Forgets everything, including the last event id and the byte-order mark check. */
  reset(): void
}
