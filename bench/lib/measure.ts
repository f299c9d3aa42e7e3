import { median } from './stats.ts'

/** How to time a set of contenders. */
export interface MeasureOptions {
  /** Untimed passes of every contender before timing. */
  warmup: number
  /** Timed passes of every contender. */
  passes: number
  /** Called before every pass (timed or not), outside the clock. */
  gc?: () => void
  /** Milliseconds from any origin; `performance.now()` unless the host offers a better one. */
  clock?: () => number
}

/** The timing of one contender, in milliseconds. */
export interface Measurement {
  median: number
  min: number
  samples: number[]
}

/**
 * Times several contenders doing the same job, interleaved: pass 1 of each, then pass 2 of
 * each, and so on, rotating who goes first. On a shared machine, load that comes and goes
 * then lands on every contender alike instead of on whichever ran during the spike, which
 * keeps the ratios between them meaningful even when absolute times wobble.
 *
 * Needs nothing but a clock (`performance.now()` by default), so it runs the same in Node and
 * in a browser page.
 *
 * @example
 * const times = await measureInterleaved(
 *   { ours: () => parseAll(ourParser), theirs: () => parseAll(theirParser) },
 *   { warmup: 2, passes: 7 },
 * )
 * const speedUp = times.theirs!.median / times.ours!.median
 */
export async function measureInterleaved<K extends string>(
  contenders: Record<K, () => unknown>,
  options: MeasureOptions,
): Promise<Record<K, Measurement>> {
  const clock = options.clock ?? (() => performance.now())
  const names = Object.keys(contenders) as K[]
  const samples = new Map<K, number[]>(names.map((name) => [name, []]))

  for (let pass = 0; pass < options.warmup + options.passes; pass++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(pass + i) % names.length]!
      options.gc?.()
      const start = clock()
      const result = contenders[name]()
      if (result instanceof Promise) await result
      const elapsed = clock() - start
      if (pass >= options.warmup) samples.get(name)!.push(elapsed)
    }
  }

  const out = {} as Record<K, Measurement>
  for (const name of names) {
    const taken = samples.get(name)!
    out[name] = { median: median(taken), min: Math.min(...taken), samples: taken }
  }
  return out
}
