/** How long a slice of background work may run, in milliseconds. */
export interface SliceBudget {
  timeRemaining(): number
}

/**
 * Longest slice: half a 60 Hz frame, so a frame that falls due while a slice runs is at
 * most this late, and the work still advances in steps worth taking.
 */
export const MAX_SLICE_MS = 8

/** Options of {@link scheduleSlice}. */
export interface SliceOptions {
  /**
   * Run only after the browser has rendered its next frame (a `requestAnimationFrame`, then a
   * task): what was just committed is painted before any background work starts.
   */
  afterNextFrame?: boolean
}

/**
 * Runs `work` in a fresh task (a `MessageChannel` message: no 4 ms timer clamp, and the
 * browser renders a frame that is due before it) with {@link MAX_SLICE_MS} to spend. Not
 * `requestIdleCallback`: on a busy page (a streaming answer, a loaded machine) idle periods
 * hardly come, and mounting a thread would then take minutes. Returns the function that
 * cancels it.
 *
 * @example
 * const cancel = scheduleSlice((budget) => mountSome(budget.timeRemaining()))
 */
export function scheduleSlice(work: (budget: SliceBudget) => void, options: SliceOptions = {}): () => void {
  let cancelled = false
  const run = () => {
    if (cancelled) return
    const started = performance.now()
    work({ timeRemaining: () => Math.max(0, MAX_SLICE_MS - (performance.now() - started)) })
  }
  let cancelTask = () => {}
  const queue = () => {
    if (typeof MessageChannel === 'function') {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => {
        channel.port1.close()
        run()
      }
      channel.port2.postMessage(null)
      cancelTask = () => channel.port1.close()
    } else {
      const timer = setTimeout(run, 0)
      cancelTask = () => clearTimeout(timer)
    }
  }
  // A hidden tab runs no frames: waiting for one would stall the work until the tab shows.
  const waitForFrame = options.afterNextFrame === true && typeof requestAnimationFrame === 'function' && !(typeof document !== 'undefined' && document.hidden)
  if (waitForFrame) {
    const frame = requestAnimationFrame(queue)
    cancelTask = () => cancelAnimationFrame(frame)
  } else queue()
  return () => {
    cancelled = true
    cancelTask()
  }
}
