import type { ChatEvent } from '../protocol/events.ts'
import { fromProviderStream, type ProviderSourceOptions, type ProviderStreamInput } from './provider-source.ts'

/**
 * OpenAI Chat Completions (and compatible servers: Groq, OpenRouter, vLLM…) as `ChatEvent`s:
 * text, reasoning, tool calls by index, usage, and in-band errors. Accepts the `Response` of a
 * `fetch` with `stream: true`, its body, or the official SDK's stream of chunks.
 *
 * @example
 * const stream = await openai.chat.completions.create({ model, messages, stream: true }, { signal: request.signal })
 * return createEventStreamResponse(fromOpenAIChat(stream), { signal: request.signal })
 */
export function fromOpenAIChat(stream: ProviderStreamInput, options: ProviderSourceOptions = {}): AsyncIterableIterator<ChatEvent> {
  return fromProviderStream('openai-chat', stream, options)
}
