/**
 * Old names kept so existing imports compile; each says what replaced it. They are removed in
 * the next major version.
 */
import { createOpenAIChatDecoder } from './decoders/openai-chat.ts'
import { createOpenAIResponsesDecoder } from './decoders/openai-responses.ts'
import { createOpenAIChatEncoder } from './encoders/openai-chat-encoder.ts'
import { createOpenAIResponsesEncoder } from './encoders/openai-responses-encoder.ts'

/**
 * @deprecated Renamed `createOpenAIChatDecoder`: one casing, "OpenAI", across the library (as in `fromOpenAIChat`).
 * @example
 * createOpenAiChatDecoder(onEvent) // same as createOpenAIChatDecoder(onEvent)
 */
export const createOpenAiChatDecoder: typeof createOpenAIChatDecoder = createOpenAIChatDecoder

/**
 * @deprecated Renamed `createOpenAIResponsesDecoder`: one casing, "OpenAI", across the library.
 * @example
 * createOpenAiResponsesDecoder(onEvent) // same as createOpenAIResponsesDecoder(onEvent)
 */
export const createOpenAiResponsesDecoder: typeof createOpenAIResponsesDecoder = createOpenAIResponsesDecoder

/**
 * @deprecated Renamed `createOpenAIChatEncoder`: one casing, "OpenAI", across the library.
 * @example
 * createOpenAiChatEncoder() // same as createOpenAIChatEncoder()
 */
export const createOpenAiChatEncoder: typeof createOpenAIChatEncoder = createOpenAIChatEncoder

/**
 * @deprecated Renamed `createOpenAIResponsesEncoder`: one casing, "OpenAI", across the library.
 * @example
 * createOpenAiResponsesEncoder() // same as createOpenAIResponsesEncoder()
 */
export const createOpenAiResponsesEncoder: typeof createOpenAIResponsesEncoder = createOpenAIResponsesEncoder
