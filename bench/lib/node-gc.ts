import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

type V8Gc = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => void

/**
 * A young-generation collection to run between passes, without asking the user for
 * `--expose-gc`: V8 exposes `gc` to contexts created after the flag is set. Returns
 * `undefined` if the host refuses, and the benchmarks then rely on medians alone.
 *
 * Minor, not full, on purpose: each pass's garbage is young (events, slices), and a forced
 * full collection also drops the optimized code of the parsers' fresh closures, so every pass
 * would time the JIT warming up again (measured: 4x slower passes, unevenly per parser).
 *
 * @example
 * const gc = exposeMinorGc()
 * gc?.()
 */
export function exposeMinorGc(): (() => void) | undefined {
  let gc = (globalThis as { gc?: unknown }).gc
  if (typeof gc !== 'function') {
    try {
      setFlagsFromString('--expose-gc')
      gc = runInNewContext('gc')
    } catch {
      return undefined
    }
  }
  if (typeof gc !== 'function') return undefined
  const v8Gc = gc as V8Gc
  return () => v8Gc({ type: 'minor' })
}
