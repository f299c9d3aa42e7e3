/** Runs work at most once per animation frame. */
export interface FrameScheduler {
  /**
   * Runs `task` at the next frame. Scheduling the same task again before that frame is a
   * no-op, so a task scheduled 1,000 times in one frame runs once. Several distinct tasks
   * share one frame, which lets many stores on a page share one scheduler.
   */
  schedule(task: () => void): void
  /** Runs every pending task now and drops the pending frame. */
  flush(): void
  /** Drops `task`, or every pending task when called without one. */
  cancel(task?: () => void): void
}

export interface FrameSchedulerOptions {
  /** @default globalThis.requestAnimationFrame, when present */
  requestFrame?: (callback: () => void) => number
  /** @default globalThis.cancelAnimationFrame, when present */
  cancelFrame?: (handle: number) => void
  /**
   * Whether the page is hidden; browsers pause animation frames in hidden tabs, so work is
   * then scheduled with a timer instead.
   * @default () => document.visibilityState === 'hidden'
   */
  isHidden?: () => boolean
  /** Delay (ms) of the timer used when there are no animation frames. @default 16 */
  fallbackDelay?: number
  /**
   * Longest wait (ms) for an animation frame before a timer runs the tasks anyway: a tab
   * hidden after scheduling never delivers the frame it was promised.
   * @default 100
   */
  maxFrameDelay?: number
}

/**
 * Creates a scheduler that batches work into animation frames.
 *
 * It uses `requestAnimationFrame`, and falls back to `setTimeout(16)` where there is none
 * (Node, SSR) or while the tab is hidden, so a stream arriving in a background tab still
 * progresses. A frame that does not come within `maxFrameDelay` (the tab was hidden after
 * scheduling) is replaced by a timer. Timers are looked up when used, so fake timers work.
 *
 * @example
 * const scheduler = createFrameScheduler()
 * for (let i = 0; i < 1000; i++) scheduler.schedule(render)
 * // render runs once, at the next frame
 */
export function createFrameScheduler(options: FrameSchedulerOptions = {}): FrameScheduler {
  const hasRaf = typeof globalThis.requestAnimationFrame === 'function'
  const requestFrame = options.requestFrame ?? (hasRaf ? (cb: () => void) => globalThis.requestAnimationFrame(cb) : undefined)
  const cancelFrame =
    options.cancelFrame ?? (options.requestFrame === undefined && hasRaf ? (h: number) => globalThis.cancelAnimationFrame(h) : undefined)
  const isHidden = options.isHidden ?? defaultIsHidden
  const fallbackDelay = options.fallbackDelay ?? 16
  const maxFrameDelay = options.maxFrameDelay ?? 100

  let tasks = new Set<() => void>()
  let frame: number | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  // Bumped whenever the pending frame is dropped, so a frame we could not cancel (no
  // cancelFrame given) finds itself stale when it fires.
  let generation = 0

  function request() {
    if (frame !== undefined || timer !== undefined) return
    const current = ++generation
    const fire = () => {
      if (current === generation) run()
    }
    if (requestFrame !== undefined && !isHidden()) {
      frame = requestFrame(fire)
      timer = setTimeout(fire, maxFrameDelay)
    } else {
      timer = setTimeout(fire, fallbackDelay)
    }
  }

  function release() {
    generation++
    if (frame !== undefined) cancelFrame?.(frame)
    if (timer !== undefined) clearTimeout(timer)
    frame = undefined
    timer = undefined
  }

  function run() {
    release()
    const due = tasks
    tasks = new Set()
    // One failing task must not starve the others; the first failure is rethrown after.
    let failed = false
    let failure: unknown
    for (const task of due) {
      try {
        task()
      } catch (error) {
        if (!failed) failure = error
        failed = true
      }
    }
    if (failed) throw failure
  }

  return {
    schedule(task) {
      tasks.add(task)
      request()
    },
    flush() {
      if (tasks.size > 0) run()
    },
    cancel(task) {
      if (task === undefined) tasks.clear()
      else tasks.delete(task)
      if (tasks.size === 0) release()
    },
  }
}

function defaultIsHidden(): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'hidden'
}

/**
 * A scheduler that runs every task at once: for tests and for code that wants each event
 * published as it is applied.
 *
 * @example
 * const store = createChatStore({ scheduler: syncScheduler })
 */
export const syncScheduler: FrameScheduler = {
  schedule(task) {
    task()
  },
  flush() {},
  cancel() {},
}
