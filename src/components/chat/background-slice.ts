/** How long a slice of background work may run, in milliseconds. */
export interface SliceBudget {
  timeRemaining(): number
}

/**
 * Longest slice: half a 60 Hz frame, so a frame that falls due while a slice runs is at
 * most this late, and the work still advances in steps worth taking.
 */
export const MAX_SLICE_MS = 8

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
export function scheduleSlice(work: (budget: SliceBudget) => void): () => void {
  let cancelled = false
  const run = () => {
    if (cancelled) return
    const started = performance.now()
    work({ timeRemaining: () => Math.max(0, MAX_SLICE_MS - (performance.now() - started)) })
  }
  if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      run()
    }
    channel.port2.postMessage(null)
    return () => {
      cancelled = true
      channel.port1.close()
    }
  }
  const timer = setTimeout(run, 0)
  return () => {
    cancelled = true
    clearTimeout(timer)
  }
}
