import type { Spread } from './types.ts'

/**
 * The median of a non-empty sample: robust against the odd pass that a GC pause or another
 * process on the machine made slow, which a mean would smear into the figure.
 *
 * @example
 * median([3, 1, 100]) // 3
 * median([1, 2, 3, 4]) // 2.5
 */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError('median of an empty sample')
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * Min, median and max of a non-empty sample: the spread README shows beside a figure.
 *
 * @example
 * spreadOf([3, 1, 100]) // { min: 1, median: 3, max: 100 }
 */
export function spreadOf(samples: readonly number[]): Spread {
  if (samples.length === 0) throw new RangeError('spread of an empty sample')
  return { min: Math.min(...samples), median: median(samples), max: Math.max(...samples) }
}

/**
 * A spread as the descriptions print it.
 *
 * @example
 * spreadText([3, 1, 100], 1) // 'min 1.0 / median 3.0 / max 100.0'
 */
export function spreadText(samples: readonly number[], digits = 1): string {
  const { min, median: mid, max } = spreadOf(samples)
  return `min ${min.toFixed(digits)} / median ${mid.toFixed(digits)} / max ${max.toFixed(digits)}`
}
