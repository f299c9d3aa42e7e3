/** One streamed fence: `lines` lines of TypeScript, `tokensPerFrame` word-sized tokens applied per animation frame. */
export interface StreamHighlightRun {
  lines: number
  tokensPerFrame: number
}

/** One fence streamed, closed and coloured. */
export interface FenceRun {
  /** flushSync + forced layout of each frame's tokens, ms. */
  updates: number[]
  /** Per finished line: frames from the frame its newline arrived to the first frame it showed colours. */
  framesToColour: number[]
  /** Index of the first line finished after line 0 was coloured: lines before it waited for the highlighter to load. */
  firstColouredLine: number
  /** Frames where the fence's height was not exactly its line count times the line height. */
  heightJumps: number
  /** Lines coloured when the stream ended (before the fence closed), and lines finished by then. */
  colouredAtEnd: number
  finishedAtEnd: number
  /** Frames from the fence's close to every line coloured (`data-state="highlighted"`); -1 if it never was. */
  closeFrames: number
  /** Lines coloured when the fence closed, and its line count. */
  colouredAtClose: number
  linesAtClose: number
  /** Per line finished while streaming: when it passed each stage on its way to colours. */
  stages: LineStages
  /** Milliseconds from the stream's start to the worker's creation and its first message of each kind (themes, grammar, open, lines, reply); the page's first ones. */
  milestones: Record<string, number>
}

/** The page's first fence (traced, the highlighter loading with it), then the same fence on the warm page. */
export interface StreamHighlightResult extends FenceRun {
  /** `longtask` durations while the first fence streamed and closed, ms. */
  longTasks: number[]
  /** The highlight worker's counters after the first fence (lines it coloured; fences it handed back to the page). */
  worker: { started: number; lines: number; failures: number }
  /** The same fence streamed again after a pause: the worker started, the grammar loaded. */
  later: FenceRun
}

/** One line's way to its colours, `performance.now()` ms; NaN for a stage it did not pass (no worker). */
export interface LineStage {
  /** Its newline was applied (flushSync of that frame's tokens). */
  newline: number
  /** The worker client posted it to the worker. */
  posted: number
  /** The worker's reply with its tokens reached the page. */
  replied: number
  /** React committed its coloured spans. */
  committed: number
}

export type LineStages = LineStage[]
