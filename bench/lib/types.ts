/**
 * One line of the benchmark table and of `bench/results/latest.json`.
 *
 * `ratio` follows one convention everywhere: how many times faster we are than `peer`
 * (peer time ÷ our time), so > 1 means we win. Rows that only inform have no `goal`
 * and a `pass` of `null`; rows that are not a comparison have no `peer` or `ratio`.
 *
 * @example
 * const row: BenchResult = {
 *   id: 'parser.strings.large-chunks', description: 'createSseParser, strings, 1–4096 B',
 *   value: 412, unit: 'MB/s', peer: 'eventsource-parser 3.1.1', ratio: 1.7, goal: '>= 1.5x', pass: true,
 * }
 */
export interface BenchResult {
  id: string
  description: string
  value: number
  unit: string
  peer: string | null
  ratio: number | null
  goal: string | null
  pass: boolean | null
}

/**
 * What the runner hands to every suite. Nothing here is tied to Node: a suite that drives
 * Chromium gets the same context and does its timing inside the page.
 *
 * @example
 * export async function run(ctx: BenchContext): Promise<BenchResult[]> {
 *   ctx.log('generating input…')
 *   return []
 * }
 */
export interface BenchContext {
  /** Timed passes per measurement; figures are their median. */
  passes: number
  /** Untimed passes first, so the JIT has settled before the clock starts. */
  warmup: number
  /** Collects garbage between passes when the host allows it, so one pass does not pay for another's. */
  gc?: () => void
  /**
   * The clock passes are timed with, in milliseconds. The Node runner uses the process's CPU
   * time by default: on a shared machine, wall time mostly measures the neighbours.
   */
  clock?: () => number
  /** Progress lines, kept apart from the result table. */
  log: (message: string) => void
}

/**
 * The shape of a module in `bench/suites/*.ts`: a `name` to select it by
 * (`npm run bench -- parser`) and a `run` that returns its rows.
 *
 * @example
 * import type { BenchSuite } from '../lib/types.ts'
 * const suite: BenchSuite = { name: 'noop', run: async () => [] }
 */
export interface BenchSuite {
  name: string
  run: (ctx: BenchContext) => Promise<BenchResult[]>
}
