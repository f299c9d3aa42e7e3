let channel: MessageChannel | undefined
const pending: Array<() => void> = []

/**
 * Ends the current task so the browser can paint, handle input and run other queued
 * tasks (React's renders among them), then resumes.
 *
 * Deliberately not `scheduler.yield()`: its continuation jumps ahead of queued tasks, so
 * React's render of each highlighted slice would wait until the whole block was done and
 * then run as one long task. A posted message takes its turn in order instead, without
 * the 4 ms clamp of nested `setTimeout(0)`. In Node (benchmarks), `setImmediate`.
 *
 * @example
 * for (const chunk of chunks) {
 *   work(chunk)
 *   await yieldToMain()
 * }
 */
export function yieldToMain(): Promise<void> {
  return new Promise((resolve) => {
    // Read from globalThis: browsers have no `setImmediate`, and the library's types don't assume Node.
    const setImmediateFn = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate
    if (typeof setImmediateFn === 'function') {
      setImmediateFn(resolve)
      return
    }
    if (typeof MessageChannel !== 'function') {
      setTimeout(resolve, 0)
      return
    }
    if (!channel) {
      channel = new MessageChannel()
      channel.port1.onmessage = () => pending.shift()?.()
    }
    pending.push(resolve)
    channel.port2.postMessage(null)
  })
}
