import { lazyChunk } from '../../core/lazy-chunk.ts'

/**
 * A lazily loaded module of components: a {@link lazyChunk} whose users also hear when it lands,
 * so every view rendering a fallback swaps in the real component at once. Listeners hear only of
 * success: a failure must not make every view re-render and retry in a loop.
 */
export interface PartsChunk<T> {
  /** The module once loaded, else `undefined`. */
  current(): T | undefined
  /** Loads the module (once; again after a failure). Rejects with the import's error. */
  load(): Promise<T>
  /** Calls `listener` once the module has loaded; returns the unsubscribe. */
  subscribe(listener: () => void): () => void
}

/**
 * Wraps `importer` (a function around one dynamic `import()`).
 *
 * @example
 * const extras = partsChunk(() => import('./message-extras.ts'))
 * const Editor = extras.current()?.MessageEditor // undefined until loaded
 */
export function partsChunk<T>(importer: () => Promise<T>): PartsChunk<T> {
  const chunk = lazyChunk(importer)
  const listeners = new Set<() => void>()
  let told = false
  return {
    current: chunk.current,
    load: () =>
      chunk.load().then((module) => {
        if (!told) {
          told = true
          for (const listener of [...listeners]) listener()
        }
        return module
      }),
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  }
}

/** Runs `task` when the browser is idle (soon after the first paint), at the latest after `timeoutMs`. */
export function whenIdle(task: () => void, timeoutMs = 1500): void {
  const idle = (globalThis as { requestIdleCallback?: (callback: () => void, options: { timeout: number }) => number }).requestIdleCallback
  if (typeof idle === 'function') idle(task, { timeout: timeoutMs })
  else setTimeout(task, 1)
}
