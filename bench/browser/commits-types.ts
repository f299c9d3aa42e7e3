/** Who renders the chat in a commits run. */
export type CommitsContender = 'rivulet' | 'naive' | 'throttled'

/** One streamed answer, as asked of the commits page by the Node side. */
export interface CommitsRun {
  contender: CommitsContender
  /** Tokens per second. */
  rate: number
  /** How many tokens to stream. */
  tokens: number
  /** Pause between the last token and `done`. */
  doneDelayMs: number
  /** Finished messages rendered above the streaming one. */
  earlierMessages: number
}

/** What the page measured during one run. */
export interface CommitsRunResult {
  run: CommitsRun
  /** React commits of the message list from the first token's arrival to the commit showing the last. */
  commits: number
  /** Animation frames over the same span. */
  frames: number
  /** Most commits that landed in one animation frame. */
  maxCommitsInFrame: number
  /** Frames from the last token's arrival to the commit that shows it. */
  lagFrames: number
  /** The same lag in milliseconds. */
  lagMs: number
  /** Median interval between animation frames. */
  frameMs: number
  /** Renders of the earlier (finished) messages from the send to the end of the stream. */
  earlierRenders: number
  /** Chunks the body was delivered in (tokens per chunk grow when timers run late). */
  chunks: number
  /** The first few frames with more than one commit (frame relative to the first token's), to see why. */
  crowdedFrames: { frame: number; commits: { at: number; length: number }[] }[]
  /** The rendered answer equals the streamed tokens. */
  textOk: boolean
}
