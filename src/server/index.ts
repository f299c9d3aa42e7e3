/**
 * `rivulet-ui/server` — the backend half, on any runtime with Web Streams (Node 20, edge
 * workers, Deno, Bun): stream `ChatEvent`s as a Rivulet SSE `Response` with back-pressure,
 * keep-alives, safe errors and cancellation; record streams for resume and replay them; turn
 * OpenAI and Anthropic streams into `ChatEvent`s; adapt Node's `http` module to Web
 * `Request`/`Response`; stream ownership, stop across instances and per-owner limits over a
 * shared store (Redis: `rivulet-ui/server/redis`). No React, no DOM.
 */
export { createEventStreamResponse, DEFAULT_MAX_DURATION_MS, SAFE_ERROR_MESSAGE } from './event-stream-response.ts'
export type { EventSourceInput, EventStreamResponseOptions, SafeError, StreamFinish } from './event-stream-response.ts'
export { startEventStream } from './start-event-stream.ts'
export type { StartEventStreamOptions } from './start-event-stream.ts'
export { createStopRoute, handleStopRequest } from './stop-request.ts'
export type { StopRequestOptions } from './stop-request.ts'
export { hashOwnerToken, OWNER_COOKIE, ownerCookie, ownerCookieAuthorize, readOwnerToken } from './owner-cookie.ts'
export type { Authorize } from './owner-cookie.ts'
export { newStreamId } from './stream-id.ts'
export { eventStreamHeaders } from './event-stream-headers.ts'
export { DEFAULT_KEEP_ALIVE_MS } from './keep-alive.ts'
export type { Awaitable, ResumeErrorListener, ResumeListener, ResumeRead, ResumeStore, SharedResumeStore, SlotResult, StreamControl } from './resume-store.ts'
export { createMemoryResumeStore } from './memory-resume-store.ts'
export type { MemoryResumeStoreOptions } from './memory-resume-store.ts'
export { resumeEventStream } from './resume-event-stream.ts'
export type { ResumeEventStreamOptions } from './resume-event-stream.ts'
export { fromProviderStream } from './provider-source.ts'
export type { ProviderCall, ProviderSourceOptions, ProviderStreamInput } from './provider-source.ts'
export { fromOpenAIChat } from './from-openai-chat.ts'
export { fromAnthropic } from './from-anthropic.ts'
export { toOpenAIChatMessages } from './history/to-openai-chat.ts'
export type { OpenAIChatMessage, OpenAIChatToolCall, OpenAIChatUserContent } from './history/to-openai-chat.ts'
export { toOpenAIResponsesInput } from './history/to-openai-responses.ts'
export type { OpenAIResponsesInputItem, OpenAIResponsesReasoningItem, OpenAIResponsesUserContent } from './history/to-openai-responses.ts'
export { UnansweredToolCallError } from './history/history-groups.ts'
export type { HistoryConversionOptions } from './history/history-groups.ts'
export { toAnthropicMessages } from './history/to-anthropic.ts'
export type { AnthropicContentBlock, AnthropicMessage, AnthropicRequestMessages } from './history/to-anthropic.ts'
export type { RivuletFilePart, RivuletMessage, RivuletMessagePart, RivuletToolCallPart } from '../protocol/message-format.ts'
export { sendWebResponse, toWebRequest } from './node-http.ts'
export type { NodeRequestLike, NodeResponseLike } from './node-http.ts'
export { createObjectStreamResponse, fromObjectSource } from './object-stream-response.ts'
export type { ObjectStreamResponseOptions, ObjectStreamSource } from './object-stream-response.ts'
