import type { BenchResult } from './types.ts'

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

/**
 * A goal's fields of a result row, with the pass computed from the figure it judges: a row
 * built this way cannot carry a goal that was not checked against data. `figure` and `unit`
 * are stored as `judged` / `judgedUnit`, so README's table shows what the goal was checked on.
 *
 * @example
 * rows.push({ id, description, value: ours, unit: 'ms', peer, ratio, ...judge(atLeast(3), ratio, 'x') })
 */
export function judge(goal: Goal | null, figure: number, unit: string): Pick<BenchResult, 'goal' | 'pass' | 'judged' | 'judgedUnit'> {
  if (goal === null) return { goal: null, pass: null }
  if (!Number.isFinite(figure)) return { goal: goal.label, pass: false, judged: figure, judgedUnit: unit }
  return { goal: goal.label, pass: goal.met(figure), judged: figure, judgedUnit: unit }
}

/**
 * The goal a label printed by {@link atLeast}, {@link atMost}, {@link below} or {@link within}
 * stands for, so a reader of `latest.json` can re-check a row's pass; `null` for any other text.
 *
 * @example
 * parseGoal('<= 1.2x')?.met(1.18) // true
 * parseGoal('>= 50 fps')?.met(49) // false
 */
export function parseGoal(label: string): Goal | null {
  const match = /^(>=|<=|<|within)\s*(-?\d+(?:\.\d+)?)\s*(.*)$/.exec(label.trim())
  if (!match) return null
  const limit = Number(match[2])
  const unit = match[3] ?? ''
  switch (match[1]) {
    case '>=':
      return atLeast(limit, unit)
    case '<=':
      return atMost(limit, unit)
    case '<':
      return below(limit, unit)
    default:
      return unit === 'x' ? within(limit) : null
  }
}

/**
 * A suite's goal rows, by row id: what the suite promises to judge. The runner checks every run
 * against it (`lib/run-suites.ts`): a declared goal the run did not produce becomes a failed row,
 * and a produced goal row whose label differs from its declaration is marked failed, so a suite
 * cannot drop or quietly loosen a goal. Export it from the suite as `goals`.
 *
 * @example
 * export const goals = { 'threads.mount.first-screen': atMost(100, ' ms') } satisfies GoalTable
 */
export type GoalTable = Readonly<Record<string, Goal>>

/**
 * The declared goal of a row id, judged on `figure`: `judge()` for rows whose goal is in the
 * suite's {@link GoalTable}. Throws on an undeclared id, so a typo cannot make a row ungoaled.
 *
 * @example
 * rows.push({ id, description, value, unit: 'ms', peer: null, ratio: null, ...judgeDeclared(goals, id, value, 'ms') })
 */
export function judgeDeclared(goals: GoalTable, id: string, figure: number, unit: string): ReturnType<typeof judge> {
  const goal = goals[id]
  if (goal === undefined) throw new Error(`${id} is not in the suite's declared goals`)
  return judge(goal, figure, unit)
}
