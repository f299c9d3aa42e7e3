import { lazyChunk } from '../../src/core/lazy-chunk.ts'

/**
 * A lazy chunk the test releases or fails by hand, one attempt at a time: what a slow network
 * or a failed deploy does to a real `import()`.
 */
export function heldChunk<T>(importer: () => Promise<T>) {
  const attempts: { release: () => void; fail: (error: Error) => void }[] = []
  const chunk = lazyChunk<T>(() => new Promise<void>((resolve, reject) => attempts.push({ release: resolve, fail: reject })).then(importer))
  /** Waits until the `n`-th attempt (1-based) has started. */
  const started = async (n: number) => {
    for (let i = 0; attempts.length < n && i < 1000; i++) await new Promise((resolve) => setTimeout(resolve, 0))
    const attempt = attempts[n - 1]
    if (!attempt) throw new Error(`attempt ${n} to load the chunk never started`)
    return attempt
  }
  return { chunk, attempts, started }
}
