/**
 * One part of the library kept out of the page's first download: a dynamic `import()` made
 * once, its module kept for every later use (synchronously, through `current()`). Concurrent
 * loads share one attempt; a failed attempt is forgotten, so the next use tries again (a
 * deploy or a flaky network may have caused it) and the caller reports the failure its way.
 */
export interface LazyChunk<T> {
  /** The module once loaded, else `undefined`. */
  current(): T | undefined
  /** Loads the module (once; again after a failure). Rejects with the import's error. */
  load(): Promise<T>
}

/**
 * Wraps `importer` (a function around one dynamic `import()`, so the bundler makes the module a
 * chunk of its own).
 *
 * @example
 * const engine = lazyChunk(() => import('./object-engine.ts'))
 * const { createPartialJsonParser } = engine.current() ?? (await engine.load())
 */
export function lazyChunk<T>(importer: () => Promise<T>): LazyChunk<T> {
  let loaded: T | undefined
  let attempt: Promise<T> | undefined
  return {
    current: () => loaded,
    load() {
      if (loaded !== undefined) return Promise.resolve(loaded)
      attempt ??= importer().then(
        (module) => {
          loaded = module
          attempt = undefined
          return module
        },
        (error: unknown) => {
          attempt = undefined
          throw error
        },
      )
      return attempt
    },
  }
}

/** The reason a chunk failed to load, for an error message. */
export function loadFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
