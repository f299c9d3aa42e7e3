import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/**
 * Node's `gc()` without asking the user for `--expose-gc`: V8 exposes it to contexts created
 * after the flag is set. Returns `undefined` if the host refuses, and the benchmarks then
 * rely on medians alone.
 *
 * @example
 * const gc = exposeGc()
 * gc?.()
 */
export function exposeGc(): (() => void) | undefined {
  const existing = (globalThis as { gc?: unknown }).gc
  if (typeof existing === 'function') return existing as () => void
  try {
    setFlagsFromString('--expose-gc')
    const gc: unknown = runInNewContext('gc')
    return typeof gc === 'function' ? (gc as () => void) : undefined
  } catch {
    return undefined
  }
}
