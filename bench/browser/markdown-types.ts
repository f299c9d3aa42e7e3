/** Who renders the markdown in a token-cost run. */
export type MarkdownContender = 'rivulet' | 'react-markdown' | 'streamdown'

/** One mount of a contender at a given length, then the same tokens appended one per frame. */
export interface TokenCostRun {
  contender: MarkdownContender
  /** Characters of markdown already shown before the first token. */
  size: number
  /** Untimed tokens after mounting. */
  warmupTokens: number
  /** Timed tokens: every contender of a round times exactly these. */
  tokens: number
}

export interface TokenCostResult {
  run: TokenCostRun
  /** Milliseconds per token from the frame's start: `flushSync` of the new text plus a forced layout. */
  samples: number[]
  /** The forced layout's share of each sample (style + layout after React committed). */
  layoutSamples: number[]
  /** Milliseconds per token to pixels: from the frame's start to a task after the frame that showed it. */
  toPixels: number[]
  /** Time to mount at `size` (render + layout), for the record. */
  mountMs: number
  /** Code blocks with colours (inline styles) once the mount settled: contenders that colour do. */
  colouredBlocks: number
  /** The last word appended is on screen near the end of the rendered text. */
  textOk: boolean
}

/** A 200-line TypeScript fence streamed into `StreamingMarkdown`, then closed and highlighted. */
export interface HighlightRun {
  lines: number
}

export interface HighlightResult {
  /** Longest per-token update (flushSync + layout) while the fence streamed, in ms. */
  streamingMaxUpdateMs: number
  /** Median per-token update while the fence streamed, in ms. */
  streamingMedianUpdateMs: number
  /** Tokens streamed into the fence. */
  streamingTokens: number
  /** The three slowest token updates: which token (0 = first) and how long. */
  slowestUpdates: { index: number; ms: number }[]
  /** The update that closed the fence, in ms. */
  closeUpdateMs: number
  /** From closing the fence to the block showing `data-state="highlighted"`, in ms. */
  highlightMs: number
  /** `longtask` entries (≥ 50 ms) from the fence closing to highlighted, in ms. */
  longTasks: number[]
  /** `long-animation-frame` scripts over 5 ms in that span: where the time went, by the browser's own attribution. */
  loafScripts: { duration: number; sourceURL: string; sourceFunctionName: string; invoker: string }[]
  /** Lines rendered as highlighted code lines at the end. */
  highlightedLines: number
}
