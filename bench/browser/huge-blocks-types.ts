/** Who renders the block in a huge-blocks run. */
export type HugeContender = 'rivulet' | 'react-markdown' | 'streamdown'
/** Which huge block streams. */
export type HugeKind = 'table' | 'fence'

/** Step cost: mount at `startFraction` of the block, then time `steps` appends of 1/`of` of it each. */
export interface HugeStepRun {
  contender: HugeContender
  kind: HugeKind
  startFraction: number
  steps: number
  of: number
}

/** A whole stream of the block in `of` steps, for the longest main-thread task. */
export interface HugeStreamRun {
  kind: HugeKind
  of: number
}

export interface HugeStepResult {
  /** flushSync + forced layout per timed step, ms. */
  samples: number[]
  /** The block is still a table / a code block at the end (not plain text). */
  structureOk: boolean
  /** Code blocks with coloured tokens once the mount settled, before the timed steps. */
  colouredBlocks: number
}

export interface HugeStreamResult {
  /** `longtask` durations while streaming, ms. */
  longTasks: number[]
  /** flushSync + forced layout of the slowest step, ms. */
  maxStepMs: number
  structureOk: boolean
}

/** One render of a denial-of-service input, finished. */
export interface DosResult {
  /** flushSync + forced layout of the first render, ms. */
  renderMs: number
  /** `longtask` durations from the render until 200 ms after the whole text was in the DOM. */
  longTasks: number[]
  /** From the render until the whole input is in the DOM (nothing `aria-busy` left), ms. */
  completeMs: number
  /** The rendered text is exactly the input's (lines: every line, in order). */
  textOk: boolean
}
