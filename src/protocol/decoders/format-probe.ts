import type { SseEvent } from '../sse/parser.ts'
import { decoderLoading, type DecoderCreator, type LoadingDecoder } from './decoder-creator.ts'
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
 * The probing behind `createAutoDecoder`, with the decoder maker passed in: the protocol entry
 * gives it every format at once, the chat client a maker that loads foreign formats on demand
 * (whose pending load `loading` then exposes).
 */
export function createFormatProbe(create: DecoderCreator, onEvent: ChatEventListener, options: AutoDecoderOptions = {}): AutoDecoder & LoadingDecoder {
  const { headers, maxProbeEvents = 8, ...decoderOptions } = options
  let format: StreamFormat | undefined
  let inner: Decoder | undefined
  let held: SseEvent[] = []

  function choose(chosen: StreamFormat) {
    format = chosen
    inner = create(chosen, onEvent, decoderOptions)
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
    get loading() {
      return decoderLoading(inner)
    },
  }
}
