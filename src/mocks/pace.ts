import type { Recording, RecordingHeader } from '../protocol/recording/recording.ts'
import { recordingBody } from '../protocol/recording/recording.ts'
import { splitSseFrames } from '../protocol/recording/sse-frames.ts'
import { cutChunks } from './cut-chunks.ts'
import { createPrng } from './prng.ts'
import { arrivalTimes } from './recording-edit.ts'

/**
 * How a body is cut into network chunks: one per SSE frame (what a well-behaved server and
 * proxy give), seeded random sizes that split lines and UTF-8 characters anywhere, one byte at
 * a time (the worst case), or the whole body at once (a buffering proxy).
 *
 * @example
 * mockChatStream({ script, chunking: 'random', seed: 42 })
 */
export type Chunking = 'event' | 'random' | 'byte' | 'whole'

/**
 * The one pace model of the mocks: when events leave and how the bytes are cut, for a scripted
 * stream (`mockChatStream`) and a recording (`replayRecording`, `createReplayTransport`, the
 * Stream Lab) alike. Timing: with `tokensPerSecond`, event `i` leaves at `ttft + i` token
 * intervals (± `jitter`); without it a recording keeps its recorded times; either way `speed`
 * then scales them. Wire: `chunking` re-cuts the bytes (a recording keeps its recorded cuts
 * when unset), and `keepAliveIntervalMs` fills silences with `: ping` comments.
 *
 * @example
 * const realistic: Pace = { ttft: 600, tokensPerSecond: 40, jitter: 0.4, keepAliveIntervalMs: 15_000 }
 * const fastReplay: Pace = { speed: 4, chunking: 'byte' }
 */
export interface Pace {
  /** 1 keeps the timing, 2 plays twice as fast, 0.5 at half speed; `'instant'` sends everything at once. @default 1 */
  speed?: number | 'instant'
  /** Milliseconds before the first event, with `tokensPerSecond`. @default 0 */
  ttft?: number
  /** Events per second after the first (each SSE event counts as a token); `Infinity` for no wait. A script without it sends everything at once. */
  tokensPerSecond?: number
  /** Random spread of each gap, 0..1: a gap becomes `gap × (1 ± jitter)`. @default 0 */
  jitter?: number
  /** @default 'event' for a script; a recording's own cuts for a recording */
  chunking?: Chunking
  /** Seed for jitter and random chunk sizes; the same seed gives the same chunks. @default 1 */
  seed?: number
  /** Largest chunk with `random` chunking, in bytes. @default 32 */
  maxChunkBytes?: number
  /** Sends a `: ping` comment whenever this many milliseconds pass without a frame. */
  keepAliveIntervalMs?: number
}

/**
 * @deprecated Use {@link Pace}; a stall is the `stallAt` fault.
 * @example
 * const pace: PaceOptions = { ttft: 300 }
 */
export type PaceOptions = Pace & {
  /** Extra silence before frame `beforeFrame` (0-based), as when an upstream model stalls. */
  stalls?: ReadonlyArray<{ beforeFrame: number; ms: number }>
}

/**
 * @deprecated Use {@link Pace}.
 * @example
 * const pace: ReplayPace = { speed: 4 }
 */
export type ReplayPace = Pace

/**
 * One network write: wait `delayMs` after the previous write, then send `chunk`.
 *
 * @example
 * for (const { delayMs, chunk } of plan) await sleep(delayMs).then(() => write(chunk))
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
 * A scripted stream's encoded frames as a recording: one chunk per frame, frame `i` at
 * `ttft + i` token intervals (± jitter, plus `stalls`). A frame the format cannot express (an
 * empty string) sends nothing but still takes its turn.
 */
export function recordFrames(frames: readonly string[], header: RecordingHeader, pace: PaceOptions = {}): Recording {
  const ttft = Math.max(0, pace.ttft ?? 0)
  const tokensPerSecond = pace.tokensPerSecond ?? Infinity
  const gap = tokensPerSecond > 0 && Number.isFinite(tokensPerSecond) ? 1000 / tokensPerSecond : 0
  const jitter = Math.min(1, Math.max(0, pace.jitter ?? 0))
  const random = createPrng(pace.seed ?? 1)
  const stalls = new Map<number, number>()
  for (const stall of pace.stalls ?? []) stalls.set(stall.beforeFrame, (stalls.get(stall.beforeFrame) ?? 0) + Math.max(0, stall.ms))
  const chunks = []
  let time = 0
  for (let i = 0; i < frames.length; i++) {
    time += (i === 0 ? ttft : gap * (1 + jitter * (2 * random() - 1))) + (stalls.get(i) ?? 0)
    if (frames[i] !== '') chunks.push({ t: time, chunk: frames[i]! })
  }
  return { header, chunks }
}

/**
 * A recording at the pace's timing: with `tokensPerSecond`, each chunk leaves when the latest
 * event ending in it is due (a comment goes with the event before it); otherwise at its recorded
 * time. Cuts and text stay as recorded; `speed` applies later, after faults (see {@link atSpeed}).
 */
export function retime(recording: Recording, pace: Pace = {}): Recording {
  if (pace.tokensPerSecond === undefined) return recording
  const tokensPerSecond = pace.tokensPerSecond
  if (!(tokensPerSecond > 0)) throw new RangeError(`tokensPerSecond must be above 0; got ${tokensPerSecond}`)
  const gap = Number.isFinite(tokensPerSecond) ? 1000 / tokensPerSecond : 0
  const jitter = Math.min(1, Math.max(0, pace.jitter ?? 0))
  const random = createPrng(pace.seed ?? 1)
  const frames = splitSseFrames(recordingBody(recording))
  // readyAt[f]: when frame f may leave: its own event's turn, or the previous event's for a comment.
  const readyAt: number[] = []
  let due = Math.max(0, pace.ttft ?? 0)
  let events = 0
  for (const frame of frames) {
    if (frame.event && events++ > 0) due += gap * (1 + jitter * (2 * random() - 1))
    readyAt.push(due)
  }
  const chunks = []
  let end = 0
  let f = 0
  for (const { chunk } of recording.chunks) {
    end += chunk.length
    while (f < frames.length - 1 && frames[f]!.end < end) f++
    chunks.push({ t: readyAt[f] ?? 0, chunk })
  }
  return { header: recording.header, chunks }
}

/**
 * Every time divided by `speed` (`'instant'`: all at 0). Applied after faults, so a fault's
 * milliseconds play at the same speed as the stream ("a 3 s stall at 4× lasts 750 ms").
 */
export function atSpeed(recording: Recording, speed: number | 'instant' = 1): Recording {
  if (speed === 1) return recording
  if (speed !== 'instant' && speed !== Infinity && !(speed > 0)) throw new RangeError(`replay speed must be above 0 or 'instant'; got ${speed}`)
  const scale = (t: number) => (speed === 'instant' || speed === Infinity ? 0 : t / speed)
  return { header: recording.header, chunks: recording.chunks.map(({ t, chunk }) => ({ t: scale(t), chunk })) }
}

/**
 * The timer-free plan that plays a recording on the wire: keep-alive comments fill silences
 * (only between frames, so a ping never lands inside one), then the bytes are cut by
 * `chunking` (the recorded cuts when unset), each chunk leaving when its last byte is due.
 * Concatenating the chunks gives the body (plus keep-alives) back, byte for byte.
 *
 * @example
 * createPacedBody(playPlan(retime(recording, { speed: 2 }), { chunking: 'byte' }))
 */
export function playPlan(recording: Recording, pace: Pace = {}): PacedChunk[] {
  const body = recordingBody(recording)
  const frames = splitSseFrames(body)
  const frameEnds = new Set(frames.map((frame) => frame.end))
  let pieces: Array<{ time: number; text: string }>
  if (pace.chunking === 'event') {
    const arrival = arrivalTimes(recording)
    pieces = frames.map((frame) => ({ time: arrival(frame.end - 1), text: frame.text }))
  } else {
    pieces = recording.chunks.map(({ t, chunk }) => ({ time: t, text: chunk }))
  }
  const filled = withKeepAlives(pieces, frameEnds, pace.keepAliveIntervalMs)
  const plan: PacedChunk[] = []
  let last = 0
  const timed = filled.map(({ time, text }) => ({ time, bytes: encoder.encode(text) }))
  for (const { time, chunk } of cutChunks(timed, pace.chunking ?? 'event', pace)) {
    const at = Math.max(last, time)
    plan.push({ delayMs: at - last, chunk })
    last = at
  }
  return plan
}

/**
 * @deprecated Internal: the plan of a script's frames, now {@link recordFrames} then {@link playPlan}.
 * @example
 * paceFrames(['data: a\n\n'], { ttft: 300 })
 */
export function paceFrames(frames: readonly string[], options: PaceOptions = {}): PacedChunk[] {
  const header: RecordingHeader = { rivulet: 'recording', version: 1, format: 'rivulet', status: 200, headers: {} }
  return playPlan(atSpeed(recordFrames(frames, header, options), options.speed), { ...options, chunking: options.chunking === 'event' ? undefined : options.chunking })
}

/**
 * @deprecated Internal: the plan of a recording, now {@link retime} then {@link playPlan}.
 * @example
 * replayPlan(recording, { speed: 2 })
 */
export function replayPlan(recording: Recording, pace: Pace = {}): PacedChunk[] {
  return playPlan(atSpeed(retime(recording, pace), pace.speed), pace)
}

/** Inserts `: ping` pieces into silences longer than `interval`, at frame boundaries only. */
function withKeepAlives(pieces: Array<{ time: number; text: string }>, frameEnds: ReadonlySet<number>, interval: number | undefined) {
  if (interval === undefined || !(interval > 0)) return pieces
  const out: Array<{ time: number; text: string }> = []
  let previous = 0
  let offset = 0
  for (const piece of pieces) {
    if (offset === 0 || frameEnds.has(offset)) {
      for (; previous + interval < piece.time; previous += interval) out.push({ time: previous + interval, text: KEEP_ALIVE_FRAME })
    }
    out.push(piece)
    offset += piece.text.length
    if (piece.text.length > 0) previous = piece.time
  }
  return out
}
