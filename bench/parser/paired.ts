import type { Measurement } from '../lib/measure.ts'
import { spreadOf } from '../lib/stats.ts'
import type { Spread } from '../lib/types.ts'

/** A ratio between two contenders timed in the same interleaved passes, with its spread. */
export interface PairedRatio {
  /** Median over the passes of `numerator[i] / denominator[i]`. */
  median: number
  spread: Spread
  runs: number
}

/**
 * `numerator ÷ denominator` pass by pass: pass `i` of both ran back to back (see
 * `measureInterleaved`), so each quotient saw the same machine load, and their median and
 * spread say how steady the comparison was where a ratio of two medians cannot.
 *
 * @example
 * const speedUp = pairedRatio(times.esp, times.ours) // > 1: ours is faster
 * speedUp.spread // { min, median, max }
 */
export function pairedRatio(numerator: Measurement, denominator: Measurement): PairedRatio {
  const quotients = numerator.samples.map((time, i) => time / denominator.samples[i]!)
  const spread = spreadOf(quotients)
  return { median: spread.median, spread, runs: quotients.length }
}

/**
 * `min / median / max` for a row's description, in the figure's own precision.
 *
 * @example
 * describeSpread(pairedRatio(esp, ours)) // '7 passes, 1.41 / 1.52 / 1.60'
 */
export function describeSpread(ratio: PairedRatio, digits = 2): string {
  const { min, median, max } = ratio.spread
  return `${ratio.runs} interleaved passes, min / median / max ${min.toFixed(digits)} / ${median.toFixed(digits)} / ${max.toFixed(digits)}`
}
