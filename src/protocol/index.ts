/**
 * `rivulet-ui/protocol` — pure: no React, no DOM, no timers.
 * SSE parsing, the `ChatEvent` union, encoders and provider decoders.
 */
export { createSseParser } from './sse/parser.ts'
export type { SseEvent, SseParser, SseParserCallbacks, SseParserOptions } from './sse/parser.ts'
export { SseParserStream } from './sse/parser-stream.ts'
export type { SseParserStreamOptions } from './sse/parser-stream.ts'
export { ParseError } from './sse/parse-error.ts'
export type { ParseErrorType } from './sse/parse-error.ts'
export { isContentEvent, isTerminalEvent } from './events.ts'
export type * from './events.ts'
export { encodeComment, encodeEvent } from './encode.ts'
export type { ChatTransport, ResumeRequest, SendRequest } from './transport.ts'
export { MESSAGE_FORMAT_VERSION } from './message-format.ts'
export type * from './message-format.ts'
export { createJsonTextPicker } from './pick-json-text.ts'
export { createThinkTagSplitter } from './think-tags.ts'
export type { ThinkSegment, ThinkTagSplitter } from './think-tags.ts'
export * from './decoders/index.ts'
export * from './encoders/index.ts'
export * from './recording/index.ts'
export { matchStreamUrl, parseLastEventId, streamActionUrl, streamResumeUrl, streamRoutePattern, streamStopUrl } from './stream-urls.ts'
export type { StreamAction } from './stream-urls.ts'
