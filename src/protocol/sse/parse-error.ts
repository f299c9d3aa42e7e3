/** What went wrong while parsing an event stream. */
export type ParseErrorType = 'buffer-overflow'

/**
 * A recoverable problem found by the SSE parser, reported through `onError`.
 * The parser never throws out of `feed`; it reports and keeps going.
 */
export class ParseError extends Error {
  override readonly name = 'ParseError'
  constructor(
    readonly type: ParseErrorType,
    message: string,
  ) {
    super(message)
  }
}
