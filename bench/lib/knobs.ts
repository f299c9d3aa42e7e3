/**
 * Independent runs (mounts, pages) per measurement of a browser suite: the suite's own env knob
 * if it has one, else `BENCH_MOUNTS`, else `fallback`. One knob for every suite lets a full run be
 * shortened or lengthened as a whole (`BENCH_MOUNTS=3 npm run bench`); the default is what the
 * figures in README are judged on.
 *
 * @example
 * const MOUNTS = benchMounts(5, 'BENCH_THREAD_MOUNTS')
 */
export function benchMounts(fallback: number, ownKnob?: string): number {
  const text = (ownKnob ? process.env[ownKnob] : undefined) ?? process.env.BENCH_MOUNTS
  if (text === undefined || text === '') return fallback
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${ownKnob && process.env[ownKnob] !== undefined ? ownKnob : 'BENCH_MOUNTS'} must be an integer >= 1, got ${text}`)
  return n
}
