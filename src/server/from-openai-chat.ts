import type { ChatEvent } from '../protocol/events.ts'
import { fromProviderStream, type ProviderCall, type ProviderSourceOptions, type ProviderStreamInput } from './provider-source.ts'

/**
 * OpenAI Chat Completions (and compatible servers: Groq, OpenRouter, vLLM…) as `ChatEvent`s:
 * text, reasoning, tool calls by index, usage, and in-band errors. Accepts the `Response` of a
 * `fetch` with `stream: true`, its body, the official SDK's stream of chunks, or — best — a
 * function that makes the SDK call, so a 429 thrown before streaming becomes a `rate_limited`
 * error with the provider's `Retry-After`, and a client disconnect aborts the call.
 *
 * @example
 * const events = fromOpenAIChat((signal) => openai.chat.completions.create({ model, messages, stream: true }, { signal }))
 * return createEventStreamResponse(events, { signal: request.signal })
 */
export function fromOpenAIChat(stream: ProviderStreamInput | ProviderCall, options: ProviderSourceOptions = {}): AsyncIterableIterator<ChatEvent> {
  return fromProviderStream('openai-chat', stream, options)
}
