import { createBodyDecoderWith, type BodyDecoder, type BodyDecoderOptions } from './body-decoder-core.ts'
import { createDecoder } from './create-decoder.ts'
import type { ChatEventListener } from './stream-format.ts'

export type { BodyDecoder, BodyDecoderOptions, BodyEnding } from './body-decoder-core.ts'

/**
 * Creates a {@link BodyDecoder} with every format's decoder built in, so it never waits:
 * what `decodeStream` and `decodeText` read bodies with.
 *
 * @example
 * const body = createBodyDecoder((event) => events.push(event), { format: 'auto', headers: response.headers })
 * for await (const chunk of response.body!) body.feed(chunk)
 * const ending = body.end()
 * if (ending.kind === 'ended-early') events.push(ending.event)
 */
export function createBodyDecoder(onEvent: ChatEventListener, options: BodyDecoderOptions): BodyDecoder {
  return createBodyDecoderWith(createDecoder, onEvent, options)
}
