import type { Recording } from '../protocol/recording/recording.ts'
import { recordingBody } from '../protocol/recording/recording.ts'
import { splitSseFrames } from '../protocol/recording/sse-frames.ts'
import type { PacedChunk } from './pace-frames.ts'

/**
 * How fast a recording replays.
 *
 * @example
 * const pace: ReplayPace = { speed: 4 } // four times as fast as recorded
 */
export interface ReplayPace {
  /** 1 plays the recorded timing, 2 twice as fast, 0.5 at half speed; `'instant'` sends everything at once. @default 1 */
  speed?: number | 'instant'
  /** Ignores the recorded times: event `i` arrives at `i / tokensPerSecond` seconds (each SSE event counts as a token). */
  tokensPerSecond?: number
}

const encoder = new TextEncoder()

/**
 * The timer-free plan that replays a recording's chunks, exactly as recorded (same text, same
 * cuts), at the chosen pace; `createPacedBody` plays it.
 *
 * @example
 * replayPlan(recording, { speed: 2 }) // every gap halved
 */
export function replayPlan(recording: Recording, pace: ReplayPace = {}): PacedChunk[] {
  const times = pace.tokensPerSecond !== undefined ? eventTimes(recording, pace.tokensPerSecond) : scaled(recording, pace.speed ?? 1)
  const plan: PacedChunk[] = []
  let last = 0
  recording.chunks.forEach(({ chunk }, i) => {
    const time = Math.max(last, times[i]!)
    plan.push({ delayMs: time - last, chunk: encoder.encode(chunk) })
    last = time
  })
  return plan
}

function scaled(recording: Recording, speed: number | 'instant'): number[] {
  if (speed === 'instant' || speed === Infinity) return recording.chunks.map(() => 0)
  if (!(speed > 0)) throw new RangeError(`replay speed must be above 0 or 'instant'; got ${speed}`)
  return recording.chunks.map(({ t }) => t / speed)
}

/** Each chunk leaves when the latest event that ends in it is due, one event per token interval. */
function eventTimes(recording: Recording, tokensPerSecond: number): number[] {
  if (!(tokensPerSecond > 0)) throw new RangeError(`tokensPerSecond must be above 0; got ${tokensPerSecond}`)
  const gap = Number.isFinite(tokensPerSecond) ? 1000 / tokensPerSecond : 0
  const frames = splitSseFrames(recordingBody(recording))
  // readyAt[f]: when frame f may leave: its own event's turn, or the previous event's for a comment.
  const readyAt: number[] = []
  let events = 0
  for (const frame of frames) {
    if (frame.event) events++
    readyAt.push(Math.max(0, events - 1) * gap)
  }
  const times: number[] = []
  let end = 0
  let f = 0
  for (const { chunk } of recording.chunks) {
    end += chunk.length
    while (f < frames.length - 1 && frames[f]!.end < end) f++
    times.push(readyAt[f] ?? 0)
  }
  return times
}
