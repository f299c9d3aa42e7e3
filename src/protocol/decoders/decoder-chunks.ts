import type { ChatEventListener, Decoder, DecoderOptions, StreamFormat } from './stream-format.ts'

/** The formats whose decoders live in chunks of their own, loaded when a stream needs one. */
export type ForeignFormat = Exclude<StreamFormat, 'rivulet'>

/** Makes one foreign format's decoder once its chunk is in. */
export type DecoderFactory = (onEvent: ChatEventListener, options: DecoderOptions) => Decoder

// One dynamic import per format: a bundler makes each a chunk of its own, so an app that only
// talks to its Rivulet backend never downloads a provider's decoder.
const chunks: Record<ForeignFormat, () => Promise<DecoderFactory>> = {
  'openai-chat': () => import('./openai-chat.ts').then((m) => m.createOpenAIChatDecoder),
  'openai-responses': () => import('./openai-responses.ts').then((m) => m.createOpenAIResponsesDecoder),
  anthropic: () => import('./anthropic.ts').then((m) => m.createAnthropicDecoder),
  'ai-sdk': () => import('./ai-sdk.ts').then((m) => m.createAiSdkDecoder),
}

const loaded = new Map<ForeignFormat, DecoderFactory>()
const pending = new Map<ForeignFormat, Promise<DecoderFactory>>()

/** The decoder factory of `format` if its chunk has loaded, so later streams start synchronously. */
export function loadedDecoder(format: ForeignFormat): DecoderFactory | undefined {
  return loaded.get(format)
}

/**
 * Loads the chunk of a foreign format's decoder, once: concurrent streams share the import, and
 * a failed load is forgotten so the next stream tries again (a deploy or a flaky network may
 * have caused it).
 */
export function loadDecoder(format: ForeignFormat): Promise<DecoderFactory> {
  const ready = loaded.get(format)
  if (ready) return Promise.resolve(ready)
  let load = pending.get(format)
  if (!load) {
    load = chunks[format]().then(
      (factory) => {
        loaded.set(format, factory)
        pending.delete(format)
        return factory
      },
      (error: unknown) => {
        pending.delete(format)
        throw error
      },
    )
    pending.set(format, load)
  }
  return load
}

/**
 * Starts loading the decoder of a format named up front (`format: 'anthropic'`), so the first
 * response does not wait for it. A failure is left for the stream that needs the decoder to
 * report.
 */
export function preloadDecoder(format: StreamFormat | 'auto' | undefined): void {
  if (format === undefined || format === 'auto' || format === 'rivulet') return
  loadDecoder(format).catch(() => {})
}
