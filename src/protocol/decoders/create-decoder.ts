import { createAiSdkDecoder } from './ai-sdk.ts'
import { createAnthropicDecoder } from './anthropic.ts'
import { createOpenAIChatDecoder } from './openai-chat.ts'
import { createOpenAIResponsesDecoder } from './openai-responses.ts'
import { createRivuletDecoder } from './rivulet.ts'
import type { ChatEventListener, Decoder, DecoderOptions, StreamFormat } from './stream-format.ts'

/**
 * Creates the decoder for one wire format. Feed it the SSE events of one response; it calls
 * `onEvent` with `ChatEvent`s: `start` first, `seq` 0, 1, 2…, and exactly one terminal event
 * (`done` or `error`) at the end, also when the body stops early (`end()` reports `network`).
 *
 * @example
 * const events: ChatEvent[] = []
 * const decoder = createDecoder('openai-chat', (event) => events.push(event))
 * const parser = createSseParser({ onEvent: (sse) => decoder.push(sse) })
 * parser.feed(body)
 * parser.end()
 * decoder.end()
 */
export function createDecoder(format: StreamFormat, onEvent: ChatEventListener, options: DecoderOptions = {}): Decoder {
  switch (format) {
    case 'rivulet':
      return createRivuletDecoder(onEvent)
    case 'openai-chat':
      return createOpenAIChatDecoder(onEvent, options)
    case 'openai-responses':
      return createOpenAIResponsesDecoder(onEvent, options)
    case 'anthropic':
      return createAnthropicDecoder(onEvent, options)
    case 'ai-sdk':
      return createAiSdkDecoder(onEvent, options)
    default:
      throw new TypeError(`unknown stream format: ${String(format satisfies never)}`)
  }
}
