/** Frame-rate figures over one window of `requestAnimationFrame` timestamps. */
export interface FrameRateFigures {
  frames: number
  windowMs: number
  /** Median of 1000 ÷ interval between consecutive frames. */
  medianFps: number
  /** Frames ÷ seconds over the window. */
  meanFps: number
  /** Fewest frames beginning in any 1-second span inside the window. */
  worstSecondFps: number
  /** Start of that span, ms after `from`. */
  worstSecondAt: number
  longestIntervalMs: number
  /** Intervals longer than 50 ms: frames that missed three vsyncs or more. */
  longIntervals: number
}

/** Half-open window `[from, to)` in `performance.now()` milliseconds. */
export interface FrameWindow {
  from: number
  to: number
}

function median(values: readonly number[]): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * Frame rate over a window from the timestamps a rAF loop saw. The worst second slides over
 * every frame start, so one bad second is found wherever it falls; a window shorter than a
 * second is judged as a whole, scaled to frames per second. Intervals count when both frames
 * lie in the window; a stall that spans the window's end is caught by the longest interval
 * of the frame that ends it, which is the first frame at or after `to`.
 *
 * @example
 * frameRate([0, 16.7, 33.3, 50, 66.7], { from: 0, to: 66.7 }).medianFps // ≈ 60
 */
export function frameRate(timestamps: readonly number[], window: FrameWindow): FrameRateFigures {
  const inside = timestamps.filter((t) => t >= window.from && t < window.to)
  // The frame that closes the window bounds the last interval, so a long final frame is seen.
  const closing = timestamps.find((t) => t >= window.to)
  const bounded = closing === undefined ? inside : [...inside, closing]
  const intervals = bounded.slice(1).map((t, i) => t - bounded[i]!)
  const windowMs = window.to - window.from
  let worstSecondFps = windowMs > 0 ? (inside.length * 1000) / windowMs : 0
  let worstSecondAt = 0
  if (windowMs >= 1000) {
    worstSecondFps = Infinity
    let end = 0
    for (let start = 0; start < inside.length; start++) {
      const from = inside[start]!
      if (from + 1000 > window.to) break
      while (end < inside.length && inside[end]! < from + 1000) end++
      const count = end - start
      if (count < worstSecondFps) {
        worstSecondFps = count
        worstSecondAt = from - window.from
      }
    }
    // Every frame start may sit in the last second; the window's own first second still counts.
    if (worstSecondFps === Infinity) worstSecondFps = inside.filter((t) => t < window.from + 1000).length
  }
  return {
    frames: inside.length,
    windowMs,
    medianFps: 1000 / median(intervals),
    meanFps: windowMs > 0 ? (inside.length * 1000) / windowMs : 0,
    worstSecondFps,
    worstSecondAt,
    longestIntervalMs: Math.max(0, ...intervals),
    longIntervals: intervals.filter((ms) => ms > 50).length,
  }
}
