/** A seeded source of numbers in [0, 1). */
export type Random = () => number

/**
 * A small seeded PRNG (mulberry32): the same seed gives the same benchmark input on every
 * machine and every run, so two results differ only by the code under test.
 *
 * @example
 * const random = createRandom(42)
 * const size = randomInt(random, 1, 4096)
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A uniform integer in `[min, max]`, both ends included.
 *
 * @example
 * randomInt(createRandom(1), 1, 64) // somewhere from 1 to 64
 */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1))
}
