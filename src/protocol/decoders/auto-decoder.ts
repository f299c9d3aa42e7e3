import type { SseEvent } from '../sse/parser.ts'
import { createDecoder } from './create-decoder.ts'
import { detectFormat } from './detect-format.ts'
import type { ChatEventListener, Decoder, DecoderOptions, StreamFormat } from './stream-format.ts'

export interface AutoDecoderOptions extends DecoderOptions {
  /** Response headers, checked before any event arrives. */
  headers?: Headers | Record<string, string>
  /**
   * How many SSE events to hold while the format is unclear; then Rivulet is assumed, so a
   * stream nobody understands ends in a `protocol` error instead of silence.
   * @default 8
   */
  maxProbeEvents?: number
}

export interface AutoDecoder extends Decoder {
  /** The format chosen so far, `undefined` while still probing. */
  readonly format: StreamFormat | undefined
}

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
  const { headers, maxProbeEvents = 8, ...decoderOptions } = options
  let format: StreamFormat | undefined
  let inner: Decoder | undefined
  let held: SseEvent[] = []

  function choose(chosen: StreamFormat) {
    format = chosen
    inner = createDecoder(chosen, onEvent, decoderOptions)
    const replay = held
    held = []
    for (const event of replay) inner.push(event)
  }

  const fromHeaders = detectFormat({ headers, events: [] })
  if (fromHeaders) choose(fromHeaders)

  return {
    push(sse: SseEvent) {
      if (inner) {
        inner.push(sse)
        return
      }
      held.push(sse)
      const detected = detectFormat({ events: [sse] })
      if (detected) choose(detected)
      else if (held.length >= maxProbeEvents) choose('rivulet')
    },
    end() {
      if (!inner) choose('rivulet')
      inner?.end()
    },
    get terminated() {
      return inner?.terminated ?? false
    },
    get format() {
      return format
    },
  }
}
