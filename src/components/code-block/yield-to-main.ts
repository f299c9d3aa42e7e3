interface PrioritizedScheduler {
  yield?: () => Promise<void>
}

/**
 * Ends the current task so the browser can paint and handle input, then resumes.
 * `scheduler.yield()` (Chromium) resumes ahead of other queued work; elsewhere a
 * zero-delay timeout does the job (it also works in Node, for benchmarks).
 *
 * @example
 * for (const chunk of chunks) {
 *   work(chunk)
 *   await yieldToMain()
 * }
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: PrioritizedScheduler }).scheduler
  if (typeof scheduler?.yield === 'function') return scheduler.yield()
  return new Promise((resolve) => setTimeout(resolve, 0))
}
