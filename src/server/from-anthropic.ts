import type { ChatEvent } from '../protocol/events.ts'
import { fromProviderStream, type ProviderCall, type ProviderSourceOptions, type ProviderStreamInput } from './provider-source.ts'

/**
 * Anthropic Messages streams as `ChatEvent`s: text, thinking, tool use (client and server
 * tools), usage, and `error` events such as `overloaded_error`. Accepts the `Response` of a
 * `fetch` with `stream: true`, its body, the official SDK's stream of events, or — best — a
 * function that makes the SDK call, so a 429 thrown before streaming becomes a `rate_limited`
 * error with the provider's `Retry-After`, and a client disconnect aborts the call.
 *
 * @example
 * const events = fromAnthropic((signal) => anthropic.messages.create({ model, max_tokens, messages, stream: true }, { signal }))
 * return createEventStreamResponse(events, { signal: request.signal })
 */
export function fromAnthropic(stream: ProviderStreamInput | ProviderCall, options: ProviderSourceOptions = {}): AsyncIterableIterator<ChatEvent> {
  return fromProviderStream('anthropic', stream, options)
}
