/** One mount of a long answer, settled at `size` characters, then the probe passage appended token by token. */
export interface LongTokenRun {
  /** Characters of the answer shown (settled) before the probe. */
  size: number
  /** Untimed probe tokens first. */
  warmupTokens: number
  /** Timed probe tokens, at most (the probe has ~300). */
  tokens: number
}

export interface LongTokenResult {
  /** Per token, from its animation frame: flushSync of the new text + a forced layout, ms. */
  commitLayout: number[]
  /** Per token, from its animation frame to the first task after that frame (commit + layout + paint), ms. */
  toPixels: number[]
  /** Mounting the settled answer: render + layout, ms. */
  mountMs: number
  /** Top-level blocks rendered (markdown root's descendants that are blocks), for the record. */
  blocks: number
  /** The probe's last timed word is on screen at the end of the answer. */
  textOk: boolean
}

/** The last part of a long answer streamed at a fixed token rate after the rest was mounted settled. */
export interface LongStreamRun {
  /** Characters mounted settled before streaming starts. */
  settledChars: number
  /** Characters streamed after them. */
  streamedChars: number
  /** Tokens per second, released by a timer on an absolute schedule. */
  rate: number
}

export interface LongStreamResult {
  /** Tokens streamed. */
  tokens: number
  /** Frames that committed new text. */
  commits: number
  /** Longest commit (the store's update in the frame callback to React's commit done), ms. */
  maxCommitMs: number
  /** Each frame's commit, ms. */
  commitMs: number[]
  /** Characters each frame's commit added. */
  commitChars: number[]
  /** How long streaming took, ms (tokens / rate when nothing lagged). */
  streamMs: number
  /** From the first token to the last word on screen, ms (more than `streamMs` when the message fell behind). */
  caughtUpMs: number
  /** `longtask` entries (≥ 50 ms) in the window, ms. */
  longTasks: number[]
  /** The whole answer is on screen at the end. */
  textOk: boolean
}

/** A settled long answer mounted at once, as a restored thread shows it. */
export interface LongMountRun {
  /** Characters of the answer. */
  size: number
}

export interface LongMountResult {
  /** From `root.render` to the first frame painted with the answer's end on screen (the chat is kept at the bottom), ms. */
  firstScreenMs: number
  /** From `root.render` to the whole answer in the DOM (every section heading, in order), ms. */
  totalMs: number
  /** Section headings (`## N.`) rendered, and whether they are 1…N in order. */
  headings: number
  inOrder: boolean
  /** `longtask` entries (≥ 50 ms) in the window, ms. */
  longTasks: number[]
}
