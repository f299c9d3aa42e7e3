/**
 * Waits `ms`, or less when `signal` aborts (it then resolves at once: the caller checks the
 * signal). Never rejects, so a stopped turn unwinds without an unhandled rejection.
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}
