import type { ChatEvent } from '../events.ts'

/**
 * Turns one stream of `ChatEvent`s into the wire text of one format. Encoders are stateful
 * (they track open blocks, tool call indexes, sequence numbers), so make one per response.
 *
 * @example
 * const encoder: Encoder = createEncoder('openai-chat')
 * const body = events.map((event) => encoder.encode(event)).join('') + encoder.end()
 */
export interface Encoder {
  /** Zero or more complete SSE frames for `event` (events the format cannot express give `''`). */
  encode(event: ChatEvent): string
  /**
   * Text the format writes when the body closes, whatever came before (the AI SDK's
   * `data: [DONE]`); `''` for formats whose ending belongs to their final event. Call it only
   * when the body closes normally: a dropped connection writes nothing.
   */
  end(): string
}

/**
 * Cosmetic fields that real providers send and decoders ignore.
 *
 * @example
 * createEncoder('anthropic', { model: 'claude-sonnet-4-5', created: 1_760_000_000 })
 */
export interface EncoderOptions {
  /** The `model` field of provider envelopes. @default 'rivulet-mock' */
  model?: string
  /** Unix seconds for `created`/`created_at` fields; encoders are pure, so no clock is read. @default 0 */
  created?: number
}

/** @example createEncoder('openai-chat').encode(token) // …"model":"rivulet-mock"… */
export const DEFAULT_MODEL = 'rivulet-mock'
/**
 * The stream id used when a script has no `start` event (providers always name their stream).
 *
 * @example
 * createEncoder('anthropic').encode(token) // message_start with "id":"stream"
 */
export const DEFAULT_STREAM_ID = 'stream'
