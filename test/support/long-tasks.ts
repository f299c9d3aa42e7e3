/**
 * Collects `longtask` entries (main-thread tasks over 50 ms) until the returned function is
 * called, which returns their durations (records still queued included). Shared by the
 * Chromium tests and the benches, which report these figures; tests never bound them by
 * wall-clock time except as a generous sanity bound.
 *
 * @example
 * const stop = watchLongTasks(); await work(); const longest = Math.max(0, ...stop())
 */
export function watchLongTasks(): () => number[] {
  const durations: number[] = []
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) durations.push(entry.duration)
  })
  observer.observe({ type: 'longtask' })
  return () => {
    for (const entry of observer.takeRecords()) durations.push(entry.duration)
    observer.disconnect()
    return durations
  }
}
