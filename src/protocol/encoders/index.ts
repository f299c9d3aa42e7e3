/**
 * Encoders from `ChatEvent`s to each wire format, the mirror of `../decoders`.
 * Used by the mocks to serve any format and by tests to make round trips.
 */
export { createEncoder, encodeEvents } from './create-encoder.ts'
export type { Encoder, EncoderOptions } from './encoder.ts'
export { formatHeaders } from './format-headers.ts'
export { createRivuletEncoder } from './rivulet-encoder.ts'
export { createOpenAIChatEncoder } from './openai-chat-encoder.ts'
export { createOpenAIResponsesEncoder } from './openai-responses-encoder.ts'
export { createAnthropicEncoder } from './anthropic-encoder.ts'
export { createAiSdkEncoder } from './ai-sdk-encoder.ts'
