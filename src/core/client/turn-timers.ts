/** Why a turn's request was aborted by its own timers. */
export class TurnTimeout extends Error {
  constructor(readonly which: 'first-token' | 'idle') {
    super(which === 'first-token' ? 'No response from the model in time' : 'The stream went silent')
    this.name = 'TurnTimeout'
  }
}

/** The two timers of a turn. Only content events count: keep-alive comments never reset them. */
export interface TurnTimers {
  /** Starts waiting for the first content event (a new turn). */
  armFirstToken(): void
  /** (Re)starts the silence timer (a resumed stream, or after each content event). */
  armIdle(): void
  /** A content event arrived: the first-token wait is over and the silence timer starts again. */
  content(): void
  /** True once a content event arrived in this turn (a resume does not wait for a first token again). */
  readonly gotContent: boolean
  clear(): void
}

/**
 * Creates a turn's first-token and idle timers. `onTimeout` is called at most once per firing
 * with a {@link TurnTimeout}; the runner aborts the request in flight with it. A limit of 0
 * disables that timer.
 */
export function createTurnTimers(options: {
  firstTokenMs: number
  idleMs: number
  gotContent?: boolean
  onTimeout: (timeout: TurnTimeout) => void
}): TurnTimers {
  let firstToken: ReturnType<typeof setTimeout> | undefined
  let idle: ReturnType<typeof setTimeout> | undefined
  let gotContent = options.gotContent ?? false

  function armIdle() {
    clearTimeout(idle)
    idle = options.idleMs ? setTimeout(() => options.onTimeout(new TurnTimeout('idle')), options.idleMs) : undefined
  }

  return {
    armFirstToken() {
      clearTimeout(firstToken)
      firstToken = options.firstTokenMs ? setTimeout(() => options.onTimeout(new TurnTimeout('first-token')), options.firstTokenMs) : undefined
    },
    armIdle,
    content() {
      gotContent = true
      clearTimeout(firstToken)
      firstToken = undefined
      armIdle()
    },
    get gotContent() {
      return gotContent
    },
    clear() {
      clearTimeout(firstToken)
      clearTimeout(idle)
      firstToken = idle = undefined
    },
  }
}
