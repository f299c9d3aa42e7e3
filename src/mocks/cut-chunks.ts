import type { Chunking } from './pace.ts'
import { createPrng } from './prng.ts'

/**
 * Bytes that become ready at `time` (milliseconds from the start).
 *
 * @example
 * const piece: TimedBytes = { time: 40, bytes: new TextEncoder().encode('data: a\n\n') }
 */
export interface TimedBytes {
  time: number
  bytes: Uint8Array
}

/**
 * @example
 * cutChunks(pieces, 'random', { seed: 7, maxChunkBytes: 16 })
 */
export interface CutOptions {
  /** Seed for `random` sizes; the same seed gives the same cuts. @default 1 */
  seed?: number
  /** Largest chunk with `random` chunking, in bytes. @default 32 */
  maxChunkBytes?: number
}

/**
 * Cuts timed pieces of a body into network chunks: one per piece (`event`), one for all
 * (`whole`), one byte each, or seeded random sizes. A chunk leaves when the piece holding its
 * last byte is ready, so cutting never makes a byte early. Empty pieces give no chunk.
 * Shared by the mock pacing and the recording `rechunk` fault, so both cut alike.
 *
 * @example
 * cutChunks([{ time: 0, bytes: ab }, { time: 50, bytes: cd }], 'byte')
 * // [{ time: 0, chunk: a }, { time: 0, chunk: b }, { time: 50, chunk: c }, { time: 50, chunk: d }]
 */
export function cutChunks(pieces: readonly TimedBytes[], chunking: Chunking, options: CutOptions = {}): Array<{ time: number; chunk: Uint8Array }> {
  const out: Array<{ time: number; chunk: Uint8Array }> = []
  if (chunking === 'event') {
    for (const piece of pieces) if (piece.bytes.length > 0) out.push({ time: piece.time, chunk: piece.bytes })
    return out
  }
  const total = pieces.reduce((sum, piece) => sum + piece.bytes.length, 0)
  if (total === 0) return out
  const all = new Uint8Array(total)
  // readyAt[i]: when byte i may leave, i.e. when its piece is ready.
  const readyAt = new Float64Array(total)
  let offset = 0
  for (const piece of pieces) {
    all.set(piece.bytes, offset)
    readyAt.fill(piece.time, offset, offset + piece.bytes.length)
    offset += piece.bytes.length
  }
  if (chunking === 'whole') return [{ time: readyAt[total - 1]!, chunk: all }]
  const random = createPrng((options.seed ?? 1) ^ 0x5bd1e995)
  const max = Math.max(1, Math.floor(options.maxChunkBytes ?? 32))
  for (let start = 0; start < total; ) {
    const size = chunking === 'byte' ? 1 : 1 + Math.floor(random() * max)
    const end = Math.min(total, start + size)
    out.push({ time: readyAt[end - 1]!, chunk: all.subarray(start, end) })
    start = end
  }
  return out
}
