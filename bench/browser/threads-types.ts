/** Who renders the thread: Rivulet's `<Chat>`, or a plain list of a peer renderer in the same shell. */
export type ThreadContender = 'rivulet' | 'react-markdown' | 'streamdown'

/** Mount a restored thread of `count` messages. */
export interface ThreadMountRun {
  contender: ThreadContender
  count: number
}

export interface ThreadMountResult {
  /** From the start of the mount to the end of the first frame showing it (rAF, then a task). */
  firstScreenMs: number
  /** The first screen was full and at the bottom: the newest message visible, the list scrolled to the end. */
  firstScreenOk: boolean
  /** Messages in the DOM at the first frame. */
  firstScreenMessages: number
  /** From the start of the mount until every message was in the DOM. */
  completeMs: number
  /** `longtask` durations (> 50 ms) from the mount until every message was in the DOM and the page quiet, ms. */
  longTasks: number[]
  /** Still at the bottom once everything mounted. */
  endsAtBottom: boolean
  /** What the two checks above saw (px), for the error when one fails. */
  seen: { scrollHeight: number; clientHeight: number; firstDistance: number; endDistance: number; newestShown: boolean }
}

/** Per-token cost while a new answer streams after `earlier` messages. */
export interface ThreadTokenRun {
  contender: Exclude<ThreadContender, 'streamdown'>
  earlier: number
  /** Tokens streamed before timing starts (the answer grows a few blocks first). */
  warmupTokens: number
  tokens: number
}

export interface ThreadTokenResult {
  /** flushSync of the store's frame + forced layout, per token, ms. */
  commitLayout: number[]
  /** The flushSync alone (React render + commit), per token, ms. */
  commitOnly: number[]
  /** From the frame's rAF to a task after that frame was rendered (commit + layout + paint), per token, ms. */
  toPixels: number[]
  /** The answer's last word reached the DOM. */
  textOk: boolean
}

/** Scroll the whole thread bottom to top, one step per frame. */
export interface ThreadScrollRun {
  /** `rivulet`, or `control`: the same messages as static plain text in the same shell. */
  contender: 'rivulet' | 'control'
  count: number
  steps: number
}

export interface ThreadScrollResult {
  steps: number
  /** Frame intervals over 1.5 frames (25 ms), i.e. frames that never came. */
  missedFrames: number
  /** Frames whose own rendering (rAF to a task after the frame) took over 16.7 ms. */
  heavyFrames: number
  /** Longest rendering of one frame, ms. */
  worstFrameMs: number
  /** `longtask` durations during the scroll, ms. */
  longTasks: number[]
  reachedTop: boolean
}

/** Save a thread of `count` messages with the localStorage adapter, through the chat's own save path. */
export interface ThreadSaveRun {
  count: number
}

export interface ThreadSaveResult {
  /** From adding the turn to the stored copy holding it (debounce and idle wait included), ms. */
  saveTaskMs: number
  /** `longtask` durations while the save ran, ms. */
  longTasks: number[]
  /** Size of the stored JSON, characters. */
  storedChars: number
  /** The stored thread loads back with every message. */
  roundTripOk: boolean
}
