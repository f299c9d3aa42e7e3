import { createDecoder } from './create-decoder.ts'
import { createFormatProbe, type AutoDecoder, type AutoDecoderOptions } from './format-probe.ts'
import type { ChatEventListener } from './stream-format.ts'

export type { AutoDecoder, AutoDecoderOptions } from './format-probe.ts'

/**
 * A decoder for `format: 'auto'`: holds the first SSE events until {@link detectFormat} can
 * tell the format, then replays them into the right decoder. Nothing is emitted while probing,
 * and probing costs no latency for any recorded provider: each is recognised on its first event.
 *
 * @example
 * const decoder = createAutoDecoder((event) => events.push(event), { headers: response.headers })
 * for (const sse of sseEvents) decoder.push(sse)
 * decoder.end()
 * decoder.format // 'anthropic'
 */
export function createAutoDecoder(onEvent: ChatEventListener, options: AutoDecoderOptions = {}): AutoDecoder {
  return createFormatProbe(createDecoder, onEvent, options)
}
