/**
 * A target a figure must meet, with the label printed in the table. The label is what a
 * reader checks by eye, so it is written from the same numbers the test uses.
 *
 * @example
 * const goal = atLeast(1.5)
 * goal.label // '>= 1.5x'
 * goal.met(1.62) // true
 */
export interface Goal {
  label: string
  met: (figure: number) => boolean
}

/**
 * The figure must be at least `min` (speed-ups).
 *
 * @example
 * atLeast(1).met(0.98) // false
 */
export function atLeast(min: number, unit = 'x'): Goal {
  return { label: `>= ${min}${unit}`, met: (figure) => figure >= min }
}

/**
 * The figure must be at most `max` (cost ratios, where lower is better).
 *
 * @example
 * atMost(2.2, '').label // '<= 2.2'
 */
export function atMost(max: number, unit = 'x'): Goal {
  return { label: `<= ${max}${unit}`, met: (figure) => figure <= max }
}

/**
 * The figure must stay strictly below `max`.
 *
 * @example
 * below(100).met(100) // false
 */
export function below(max: number, unit = 'x'): Goal {
  return { label: `< ${max}${unit}`, met: (figure) => figure < max }
}

/**
 * A cost that may exceed a reference by at most `factor`; the table reads "within 1.15x".
 * Checked on time ÷ reference time, which is the inverse of the speed-up in `ratio`.
 *
 * @example
 * within(1.15).met(1.1) // true: 10 % slower than the reference
 */
export function within(factor: number): Goal {
  return { label: `within ${factor}x`, met: (slowdown) => slowdown <= factor }
}
