import { createBodyDecoderWith } from '../../protocol/decoders/body-decoder-core.ts'
import { readBodyWith, type BodyOutcome, type ReadBodyOptions } from './read-body-core.ts'

export type { BodyOutcome, ReadBodyOptions } from './read-body-core.ts'

/**
 * Reads one response body to its end: `readBodyWith` (see there) with the protocol's body
 * decoder imported directly, for callers already in a chunk of their own (the object engine)
 * and tests.
 *
 * @example
 * const outcome = await readBody(response.body, { format: 'auto', headers: response.headers, onEvent })
 */
export function readBody(body: ReadableStream<Uint8Array>, options: ReadBodyOptions): Promise<BodyOutcome> {
  return readBodyWith(createBodyDecoderWith, body, options)
}
