import type { ChatEventListener, Decoder, DecoderOptions, StreamFormat } from './stream-format.ts'

/**
 * Makes the decoder of one format. The protocol entry passes `createDecoder` (every format,
 * synchronous); the chat client passes `createLazyDecoder`, which keeps the foreign formats in
 * chunks of their own so the main entry carries only Rivulet's decoder.
 */
export type DecoderCreator = (format: StreamFormat, onEvent: ChatEventListener, options: DecoderOptions) => Decoder

/**
 * A decoder whose format's code is still loading: it holds what it is fed and decodes it once
 * `loading` settles. Readers await `loading` before `end()`, so a body's ending is judged on
 * every event it produced.
 */
export interface LoadingDecoder extends Decoder {
  readonly loading: Promise<void> | undefined
}

/** The pending load of a decoder made by a {@link DecoderCreator}, if any. */
export function decoderLoading(decoder: Decoder | undefined): Promise<void> | undefined {
  return (decoder as Partial<LoadingDecoder> | undefined)?.loading
}
