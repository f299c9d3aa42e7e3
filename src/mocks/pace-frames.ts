import { cutChunks } from './cut-chunks.ts'
import { createPrng } from './prng.ts'

/**
 * How a body is cut into network chunks: one per event (what a well-behaved server and proxy
 * give), seeded random sizes that split lines and UTF-8 characters anywhere, one byte at a
 * time (the worst case), or the whole body at once (a buffering proxy).
 *
 * @example
 * mockChatStream({ script, chunking: 'random', seed: 42 })
 */
export type Chunking = 'event' | 'random' | 'byte' | 'whole'

/**
 * When frames leave and how they are cut.
 *
 * @example
 * const realistic: PaceOptions = { ttft: 600, tokensPerSecond: 40, jitter: 0.4, keepAliveIntervalMs: 15_000 }
 */
export interface PaceOptions {
  /** Milliseconds before the first frame (time to first token). @default 0 */
  ttft?: number
  /** Frames per second after the first; each event counts as one token. `Infinity` for no wait. @default Infinity */
  tokensPerSecond?: number
  /** Random spread of each gap, 0..1: a gap becomes `gap × (1 ± jitter)`. @default 0 */
  jitter?: number
  /** @default 'event' */
  chunking?: Chunking
  /** Seed for jitter and random chunk sizes; the same seed gives the same chunks. @default 1 */
  seed?: number
  /** Largest chunk with `random` chunking, in bytes. @default 32 */
  maxChunkBytes?: number
  /** Sends a `: ping` comment whenever this many milliseconds pass without a frame. */
  keepAliveIntervalMs?: number
  /** Extra silence before frame `beforeFrame` (0-based), as when an upstream model stalls. */
  stalls?: ReadonlyArray<{ beforeFrame: number; ms: number }>
}

/**
 * One network write: wait `delayMs` after the previous write, then send `chunk`.
 *
 * @example
 * for (const { delayMs, chunk } of paceFrames(frames)) await sleep(delayMs).then(() => write(chunk))
 */
export interface PacedChunk {
  delayMs: number
  chunk: Uint8Array
}

/**
 * The keep-alive comment, a frame of its own so it never lands inside another frame.
 *
 * @example
 * KEEP_ALIVE_FRAME // ': ping\n\n'
 */
export const KEEP_ALIVE_FRAME = ': ping\n\n'

const encoder = new TextEncoder()

/**
 * Plans when and in which pieces a list of frames goes over the wire, without timers, so an
 * MSW handler, an in-memory transport or a test can replay the same plan. Frame `i` is ready
 * at `ttft + i gaps` (plus stalls); keep-alive frames fill silences; then the bytes are cut
 * by `chunking` and each chunk leaves when the frame holding its last byte is ready.
 * Concatenating the chunks always gives the frames (plus keep-alives) back, byte for byte.
 *
 * @example
 * const plan = paceFrames(['data: a\n\n', 'data: b\n\n'], { ttft: 300, tokensPerSecond: 20 })
 * // [{ delayMs: 300, chunk: <data: a> }, { delayMs: 50, chunk: <data: b> }]
 */
export function paceFrames(frames: readonly string[], options: PaceOptions = {}): PacedChunk[] {
  const timed = timeFrames(frames, options)
  const pieces = timed.map(({ time, text }) => ({ time, bytes: encoder.encode(text) }))
  const plan: PacedChunk[] = []
  let last = 0
  for (const { time, chunk } of cutChunks(pieces, options.chunking ?? 'event', options)) {
    plan.push({ delayMs: time - last, chunk })
    last = time
  }
  return plan
}

/** Ready times of the frames, with keep-alive frames inserted into long silences. */
function timeFrames(frames: readonly string[], options: PaceOptions): Array<{ time: number; text: string }> {
  const ttft = Math.max(0, options.ttft ?? 0)
  const tokensPerSecond = options.tokensPerSecond ?? Infinity
  const gap = tokensPerSecond > 0 && Number.isFinite(tokensPerSecond) ? 1000 / tokensPerSecond : 0
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0))
  const random = createPrng(options.seed ?? 1)
  const keepAlive = options.keepAliveIntervalMs
  const stalls = new Map<number, number>()
  for (const stall of options.stalls ?? []) stalls.set(stall.beforeFrame, (stalls.get(stall.beforeFrame) ?? 0) + Math.max(0, stall.ms))

  const timed: Array<{ time: number; text: string }> = []
  let previous = 0
  let time = 0
  for (let i = 0; i < frames.length; i++) {
    const wait = i === 0 ? ttft : gap * (1 + jitter * (2 * random() - 1))
    time += wait + (stalls.get(i) ?? 0)
    if (keepAlive !== undefined && keepAlive > 0) {
      for (; previous + keepAlive < time; previous += keepAlive) timed.push({ time: previous + keepAlive, text: KEEP_ALIVE_FRAME })
    }
    const text = frames[i]!
    timed.push({ time, text })
    // An event the format cannot express sends nothing, so it does not break a silence.
    if (text.length > 0) previous = time
  }
  return timed
}
