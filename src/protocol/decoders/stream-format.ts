import type { ChatEvent } from '../events.ts'
import type { SseEvent } from '../sse/parser.ts'

/** The wire formats Rivulet can decode into `ChatEvent`s. */
export type StreamFormat = 'rivulet' | 'openai-chat' | 'openai-responses' | 'anthropic' | 'ai-sdk'

/**
 * Every supported format, in a stable order (useful for pickers and table tests).
 *
 * @example
 * for (const format of STREAM_FORMATS) console.log(format) // 'rivulet', 'openai-chat', …
 */
export const STREAM_FORMATS: readonly StreamFormat[] = ['rivulet', 'openai-chat', 'openai-responses', 'anthropic', 'ai-sdk']

/**
 * Turns the SSE events of one response into `ChatEvent`s, pushed to the `onEvent` callback
 * given when it was created. A decoder never throws on bad input: it reports an `error` event.
 *
 * @example
 * const decoder = createDecoder('anthropic', (event) => events.push(event))
 * for (const sse of sseEvents) decoder.push(sse)
 * decoder.end() // emits a `network` error if the stream stopped before its end
 */
export interface Decoder {
  /** Feeds one dispatched SSE event. Ignored once the stream has terminated. */
  push(sse: SseEvent): void
  /** The body ended. Emits `{ type: 'error', code: 'network' }` unless a `done` or `error` came. */
  end(): void
  /** True once a `done` or `error` event has been emitted; everything after it is dropped. */
  readonly terminated: boolean
}

/** Receives decoded events in order. */
export type ChatEventListener = (event: ChatEvent) => void

export interface DecoderOptions {
  /**
   * Makes the `streamId` of `start` when the provider does not name its response.
   * @default `crypto.randomUUID()` where available, else a random base-36 string
   */
  generateId?: () => string
  /**
   * `openai-chat` only: split a leading `<think>…</think>` in the content into `reasoning`
   * events (DeepSeek-R1 and other open models served through OpenAI-compatible routers).
   * @default true
   */
  thinkTags?: boolean
  /**
   * `anthropic` and `openai-responses`: keep the provider's handles on reasoning (Anthropic's
   * thinking `signature` and `redacted_thinking` data, OpenAI's reasoning item `id` and
   * `encrypted_content`) as fields of `reasoning` events, so the history can give the reasoning
   * back to the model (see `toAnthropicMessages`, `toOpenAIResponsesInput`). On by default in
   * `rivulet-ui/server`'s provider sources, whose events go on to the client in the Rivulet format.
   * @default false
   */
  reasoningHandles?: boolean
}
