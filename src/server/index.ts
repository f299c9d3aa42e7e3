/**
 * `rivulet-ui/server` — the backend half, on any runtime with Web Streams (Node 20, edge
 * workers, Deno, Bun): stream `ChatEvent`s as a Rivulet SSE `Response` with back-pressure,
 * keep-alives, safe errors and cancellation; record streams for resume and replay them; turn
 * OpenAI and Anthropic streams into `ChatEvent`s; adapt Node's `http` module to Web
 * `Request`/`Response`. No React, no DOM.
 */
export { createEventStreamResponse, SAFE_ERROR_MESSAGE } from './event-stream-response.ts'
export type { EventStreamResponseOptions, SafeError } from './event-stream-response.ts'
export { eventStreamHeaders } from './event-stream-headers.ts'
export { DEFAULT_KEEP_ALIVE_MS } from './keep-alive.ts'
export type { Awaitable, ResumeListener, ResumeRead, ResumeStore } from './resume-store.ts'
export { createMemoryResumeStore } from './memory-resume-store.ts'
export type { MemoryResumeStoreOptions } from './memory-resume-store.ts'
export { resumeEventStream } from './resume-event-stream.ts'
export type { ResumeEventStreamOptions } from './resume-event-stream.ts'
export { fromProviderStream } from './provider-source.ts'
export type { ProviderSourceOptions, ProviderStreamInput } from './provider-source.ts'
export { fromOpenAIChat } from './from-openai-chat.ts'
export { fromAnthropic } from './from-anthropic.ts'
export { toOpenAIChatMessages } from './history/to-openai-chat.ts'
export type { OpenAIChatMessage, OpenAIChatToolCall } from './history/to-openai-chat.ts'
export { toOpenAIResponsesInput } from './history/to-openai-responses.ts'
export type { OpenAIResponsesInputItem } from './history/to-openai-responses.ts'
export { toAnthropicMessages } from './history/to-anthropic.ts'
export type { AnthropicContentBlock, AnthropicMessage, AnthropicRequestMessages } from './history/to-anthropic.ts'
export type { RivuletMessage, RivuletMessagePart, RivuletToolCallPart } from '../protocol/message-format.ts'
export { sendWebResponse, toWebRequest } from './node-http.ts'
export type { NodeRequestLike, NodeResponseLike } from './node-http.ts'
