import type { SseEvent } from '../sse/parser.ts'
import { loadDecoder, loadedDecoder, type ForeignFormat } from './decoder-chunks.ts'
import type { LoadingDecoder } from './decoder-creator.ts'
import { createRivuletDecoder } from './rivulet.ts'
import type { ChatEventListener, Decoder, DecoderOptions, StreamFormat } from './stream-format.ts'

/**
 * A `DecoderCreator` that keeps the foreign formats out of the main bundle: Rivulet's decoder is
 * built in and synchronous; another format's decoder is used at once when its chunk has loaded
 * before, else loaded now (one dynamic import, shared by every stream) while what arrives is
 * held, then replayed into it. A chunk that fails to load ends the stream with a `protocol`
 * error naming the format, never a silent hang.
 *
 * @example
 * const decoder = createLazyDecoder('anthropic', (event) => events.push(event), {})
 * decoder.push(sse) // held while the chunk loads
 * await decoder.loading // then decoded
 */
export function createLazyDecoder(format: StreamFormat, onEvent: ChatEventListener, options: DecoderOptions): Decoder | LoadingDecoder {
  if (format === 'rivulet') return createRivuletDecoder(onEvent)
  const factory = loadedDecoder(format)
  return factory ? factory(onEvent, options) : createHoldingDecoder(format, onEvent, options)
}

function createHoldingDecoder(format: ForeignFormat, onEvent: ChatEventListener, options: DecoderOptions): LoadingDecoder {
  let inner: Decoder | undefined
  let failed = false
  let held: SseEvent[] = []
  let endRequested = false
  let loading: Promise<void> | undefined = loadDecoder(format).then(
    (factory) => {
      loading = undefined
      inner = factory(onEvent, options)
      const replay = held
      held = []
      for (const sse of replay) inner.push(sse)
      if (endRequested) inner.end()
    },
    (error: unknown) => {
      loading = undefined
      failed = true
      held = []
      const reason = error instanceof Error ? error.message : String(error)
      onEvent({ type: 'error', seq: 0, code: 'protocol', message: `could not load the ${format} decoder: ${reason}` })
    },
  )

  return {
    push(sse) {
      if (inner) inner.push(sse)
      else if (!failed) held.push(sse)
    },
    end() {
      if (inner) inner.end()
      else endRequested = true
    },
    get terminated() {
      return failed || (inner?.terminated ?? false)
    },
    get loading() {
      return loading
    },
  }
}
