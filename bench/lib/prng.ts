import { createPrng, type Prng } from '../../src/mocks/prng.ts'

/** A seeded source of numbers in [0, 1): the mocks' mulberry32, so bench inputs repeat on every machine. */
export type Random = Prng
export const createRandom: (seed: number) => Random = createPrng

/**
 * A uniform integer in `[min, max]`, both ends included.
 *
 * @example
 * randomInt(createRandom(1), 1, 64) // somewhere from 1 to 64
 */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1))
}
