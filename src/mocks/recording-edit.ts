import type { RecordedChunk, Recording } from '../protocol/recording/recording.ts'
import { recordingBody } from '../protocol/recording/recording.ts'
import { frameSeq, splitSseFrames, type SseFrame } from '../protocol/recording/sse-frames.ts'

/**
 * Edits of a recording's body by text offset that keep every chunk boundary and arrival time
 * outside the edited range, so a fault applied after `rechunk('byte')` still arrives byte by
 * byte. Internal to the fault transforms.
 */

/** When the character at `offset` arrived (the first chunk's time before the body, the last's after it). */
export function timeAt(recording: Recording, offset: number): number {
  return arrivalTimes(recording)(offset)
}

/** `timeAt` for many offsets of one recording: chunk ends indexed once, then a binary search each. */
export function arrivalTimes(recording: Recording): (offset: number) => number {
  const ends: number[] = []
  let end = 0
  for (const { chunk } of recording.chunks) ends.push((end += chunk.length))
  const last = recording.chunks.at(-1)?.t ?? 0
  return (offset) => {
    let low = 0
    let high = ends.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (ends[mid]! > offset) high = mid
      else low = mid + 1
    }
    return recording.chunks[low]?.t ?? last
  }
}

/**
 * Replaces `body[start, end)` with `insert`, as one chunk arriving at `t` (default: when the
 * last replaced character arrived, or the character before an insertion).
 */
export function spliceBody(recording: Recording, start: number, end: number, insert = '', t?: number): Recording {
  const at = t ?? (end > start ? timeAt(recording, end - 1) : start > 0 ? timeAt(recording, start - 1) : timeAt(recording, 0))
  const before: RecordedChunk[] = []
  const after: RecordedChunk[] = []
  let chunkStart = 0
  for (const { t: chunkT, chunk } of recording.chunks) {
    const chunkEnd = chunkStart + chunk.length
    if (chunkStart < start) before.push({ t: chunkT, chunk: chunk.slice(0, Math.min(chunk.length, start - chunkStart)) })
    if (chunkEnd > end) after.push({ t: chunkT, chunk: chunk.slice(Math.max(0, end - chunkStart)) })
    chunkStart = chunkEnd
  }
  const inserted = insert === '' ? [] : [{ t: at, chunk: insert }]
  return { header: { ...recording.header }, chunks: [...before, ...inserted, ...after].filter((c) => c.chunk !== '') }
}

/** Every character from `offset` on arrives `ms` later. */
export function delayFrom(recording: Recording, offset: number, ms: number): Recording {
  const chunks: RecordedChunk[] = []
  let chunkStart = 0
  for (const { t, chunk } of recording.chunks) {
    const split = offset - chunkStart
    if (split <= 0) chunks.push({ t: t + ms, chunk })
    else if (split >= chunk.length) chunks.push({ t, chunk })
    else chunks.push({ t, chunk: chunk.slice(0, split) }, { t: t + ms, chunk: chunk.slice(split) })
    chunkStart += chunk.length
  }
  return { header: { ...recording.header }, chunks }
}

/** The frames of the body that dispatch an event (comments and `retry:`-only frames are not events). */
export function eventFrames(recording: Recording): SseFrame[] {
  return splitSseFrames(recordingBody(recording)).filter((frame) => frame.event !== undefined)
}

/**
 * The frame a `seq` names: in Rivulet recordings the frame carrying that `seq`; foreign formats
 * carry none, so there the `seq`-th event frame (0-based).
 */
export function frameOfSeq(recording: Recording, seq: number): SseFrame | undefined {
  const frames = eventFrames(recording)
  if (recording.header.format !== 'rivulet') return frames[seq]
  return frames.find((frame) => frameSeq(frame) === seq)
}

/** The text offset of the first character after `bytes` UTF-8 bytes (a character is never split). */
export function offsetOfByte(body: string, bytes: number): number {
  let used = 0
  let offset = 0
  for (const char of body) {
    const code = char.codePointAt(0)!
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
    if (used + size > bytes) break
    used += size
    offset += char.length
  }
  return offset
}
