/** A Stream Lab replay speed the frame-rate suite measures (the lab's own speed values). */
export type LabFpsSpeed = '1' | '10' | 'instant'

/**
 * What is mounted: the Stream Lab itself, or one half of it (`<Chat>` or the `StreamInspector`
 * on a client built the way the lab builds it, in the same column width) to see which costs what.
 */
export type LabFpsView = 'lab' | 'chat' | 'inspector'

/** One replay of the largest fixture in the Stream Lab, mounted fresh. */
export interface LabFpsRun {
  speed: LabFpsSpeed
  /** @default 'lab' */
  view?: LabFpsView
  /** Unmount the lab this long after streaming began, finished or not (the 1× context run). */
  stopAfterMs?: number
  /** Give up waiting for the end of the stream after this long. */
  maxMs: number
}

/** Where a long animation frame's time went, summed over the frames > 50 ms in the window. */
export interface LongFrameBreakdown {
  /** Script time inside those frames (LoAF `scripts`), ms. */
  scriptMs: number
  /** From `renderStart` to the end of the frame: rAF callbacks, style, layout, paint, ms. */
  renderMs: number
  /** Of `renderMs`, style and layout, ms. */
  styleLayoutMs: number
  /** The costliest script entry points, `invoker (type) 123.4 ms ×n`, costliest first. */
  topInvokers: string[]
}

/** What one run measured, timed inside the page with a `requestAnimationFrame` loop. */
export interface LabFpsResult {
  run: LabFpsRun
  /** The chat's status when measuring stopped (`ready` for a finished stream). */
  finalState: string
  /**
   * The stream's end is on screen (checked only when it finished): the answer's last
   * paragraph in the chat, or the inspector showing the turn `done` when only it is mounted.
   */
  answerOk: boolean
  /** Length of the window measured: from the first frame showing `streaming` to the frame showing the end. */
  windowMs: number
  /** Frames that began inside the window. */
  frames: number
  /** Median of 1000 ÷ frame interval over the window. */
  medianFps: number
  /** Frames ÷ seconds over the whole window. */
  meanFps: number
  /** Fewest frames in any 1-second span inside the window (the whole window, scaled, if shorter). */
  worstSecondFps: number
  /** Where that second starts, ms from the window start. */
  worstSecondAt: number
  /** Longest interval between two frames in the window, ms. */
  longestIntervalMs: number
  /** Longest `long-animation-frame` entry overlapping the window, ms (0 when none). */
  longestLoafMs: number
  /** `long-animation-frame` entries (all > 50 ms) overlapping the window. */
  longFrames: number
  /** `longtask` entries (tasks > 50 ms) overlapping the window. */
  longTasks: number
  /** Frame intervals > 50 ms seen by the rAF loop (a frame that never came counts here too). */
  longIntervals: number
  breakdown: LongFrameBreakdown
  /** The long-animation-frame API is available in this browser. */
  loafSupported: boolean
}

declare module './bench-window.ts' {
  interface BenchApi {
    labFps?: (run: LabFpsRun) => Promise<LabFpsResult>
  }
}
