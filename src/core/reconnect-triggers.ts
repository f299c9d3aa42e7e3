/**
 * Calls `onChance` once, the next time reconnecting makes sense: the browser comes back online
 * or the tab becomes visible again. Listeners exist only while a broken stream waits, so a
 * healthy chat never sends a request because a tab was focused.
 *
 * @returns a function that removes the listeners.
 */
export function watchForReconnectChance(onChance: () => void): () => void {
  if (typeof window === 'undefined' || typeof document === 'undefined') return () => {}
  let fired = false
  const fire = () => {
    if (fired) return
    if (document.visibilityState === 'hidden') return
    fired = true
    stop()
    onChance()
  }
  const stop = () => {
    window.removeEventListener('online', fire)
    document.removeEventListener('visibilitychange', fire)
  }
  window.addEventListener('online', fire)
  document.addEventListener('visibilitychange', fire)
  return stop
}
