/**
 * A deterministic source of numbers in [0, 1), like `Math.random` but repeatable.
 *
 * @example
 * const random: Prng = createPrng(7)
 */
export type Prng = () => number

/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same sequence
 * on every machine, so "random" chunking and jitter in mocks and tests are reproducible.
 * Not for anything security-related.
 *
 * @example
 * const random = createPrng(42)
 * const size = 1 + Math.floor(random() * 16) // the same 1..16 on every run
 */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
