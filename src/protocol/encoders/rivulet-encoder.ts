import { encodeEvent } from '../encode.ts'
import type { Encoder } from './encoder.ts'

/**
 * Rivulet's own format: one `id: <seq>` + `data: <json>` frame per event, nothing at the end
 * (a stream that stops without `done` or `error` is an interrupted one).
 *
 * @example
 * const encoder = createRivuletEncoder()
 * encoder.encode({ type: 'token', seq: 1, content: 'Hi' }) // 'id: 1\ndata: {"type":"token",...}\n\n'
 */
export function createRivuletEncoder(): Encoder {
  return { encode: encodeEvent, end: () => '' }
}
