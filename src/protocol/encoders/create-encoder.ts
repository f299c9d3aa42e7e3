import type { ChatEvent } from '../events.ts'
import type { StreamFormat } from '../decoders/stream-format.ts'
import { createAiSdkEncoder } from './ai-sdk-encoder.ts'
import { createAnthropicEncoder } from './anthropic-encoder.ts'
import type { Encoder, EncoderOptions } from './encoder.ts'
import { createOpenAIChatEncoder } from './openai-chat-encoder.ts'
import { createOpenAIResponsesEncoder } from './openai-responses-encoder.ts'
import { createRivuletEncoder } from './rivulet-encoder.ts'

/**
 * Makes an encoder from `ChatEvent`s to the wire text of `format`, the mirror of
 * `createDecoder(format)`: what one encodes, the other decodes to the same content (text,
 * reasoning, tool calls and arguments, results and error codes where the format can say them).
 * Make one encoder per response; it remembers open blocks.
 *
 * @example
 * const encoder = createEncoder('anthropic')
 * let body = ''
 * for (const event of events) body += encoder.encode(event)
 * body += encoder.end()
 */
export function createEncoder(format: StreamFormat, options: EncoderOptions = {}): Encoder {
  switch (format) {
    case 'rivulet':
      return createRivuletEncoder()
    case 'openai-chat':
      return createOpenAIChatEncoder(options)
    case 'openai-responses':
      return createOpenAIResponsesEncoder(options)
    case 'anthropic':
      return createAnthropicEncoder(options)
    case 'ai-sdk':
      return createAiSdkEncoder()
  }
}

/**
 * Encodes a whole list of events into one body, `end()` included.
 *
 * @example
 * const body = encodeEvents('openai-chat', createScript().text('Hi').done())
 */
export function encodeEvents(format: StreamFormat, events: Iterable<ChatEvent>, options: EncoderOptions = {}): string {
  const encoder = createEncoder(format, options)
  let body = ''
  for (const event of events) body += encoder.encode(event)
  return body + encoder.end()
}
