import type { ChatEvent } from '../protocol/events.ts'
import { fromProviderStream, type ProviderSourceOptions, type ProviderStreamInput } from './provider-source.ts'

/**
 * Anthropic Messages streams as `ChatEvent`s: text, thinking, tool use (client and server
 * tools), usage, and `error` events such as `overloaded_error`. Accepts the `Response` of a
 * `fetch` with `stream: true`, its body, or the official SDK's stream of events.
 *
 * @example
 * const stream = await anthropic.messages.create({ model, max_tokens, messages, stream: true }, { signal: request.signal })
 * return createEventStreamResponse(fromAnthropic(stream), { signal: request.signal })
 */
export function fromAnthropic(stream: ProviderStreamInput, options: ProviderSourceOptions = {}): AsyncIterableIterator<ChatEvent> {
  return fromProviderStream('anthropic', stream, options)
}
