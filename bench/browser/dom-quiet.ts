/**
 * Resolves once `target` has not changed for `quietMs` (or after `maxMs`): lets async work a
 * renderer started on mount (code highlighting) finish before anything is timed.
 *
 * @example
 * await domQuiet(container, 300, 20_000)
 */
export function domQuiet(target: Node, quietMs: number, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    let timer = setTimeout(done, quietMs)
    const limit = setTimeout(done, maxMs)
    const observer = new MutationObserver(() => {
      clearTimeout(timer)
      timer = setTimeout(done, quietMs)
    })
    observer.observe(target, { subtree: true, childList: true, characterData: true, attributes: true })
    function done() {
      observer.disconnect()
      clearTimeout(timer)
      clearTimeout(limit)
      resolve()
    }
  })
}

/** A fresh task: lets timers, messages and rendering that were waiting run first. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}
