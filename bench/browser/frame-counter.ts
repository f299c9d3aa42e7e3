/** Counts animation frames while running. */
export interface FrameCounter {
  /** Frames begun since `start` (the current frame's index). */
  readonly frame: number
  /** Milliseconds between consecutive frames, as observed. */
  readonly intervals: readonly number[]
  stop(): void
}

/**
 * Counts animation frames with a `requestAnimationFrame` loop. Started before anything else
 * asks for a frame, its callback runs first in every frame, so work done in a frame's
 * callbacks (and the microtasks after them) sees that frame's index.
 *
 * @example
 * const frames = startFrameCounter()
 * // … later: work happened in frame frames.frame
 * frames.stop()
 */
export function startFrameCounter(): FrameCounter {
  let frame = 0
  let last: number | undefined
  const intervals: number[] = []
  let handle = requestAnimationFrame(function tick(now) {
    frame++
    if (last !== undefined) intervals.push(now - last)
    last = now
    handle = requestAnimationFrame(tick)
  })
  return {
    get frame() {
      return frame
    },
    intervals,
    stop: () => cancelAnimationFrame(handle),
  }
}
