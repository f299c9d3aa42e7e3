import type { GoalTable } from './goals.ts'

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
  /** A short name for README's table (the description is for the full record); optional. */
  title?: string
  /**
   * The figure `goal` was checked against when it is not `value` (a ratio, a growth factor),
   * with its unit; absent when the goal judges `value`. Set it with `judge()` (`lib/goals.ts`).
   */
  judged?: number
  judgedUnit?: string
  /** Independent runs (mounts, pages, processes) the figure summarises; absent when unknown. */
  runs?: number
  /** Spread of the judged figure (`judged`, else `value`) over those runs. */
  spread?: Spread
  /** Written by the runner for every row: the suite, when it ran and under what load. */
  suite?: string
  run?: SuiteRunInfo
}

/**
 * Min / median / max of one figure over independent runs.
 *
 * @example
 * const spread: Spread = { min: 1.1, median: 1.18, max: 1.4 }
 */
export interface Spread {
  min: number
  median: number
  max: number
}

/**
 * When and under what load a suite ran; the runner stamps it on each of the suite's rows, so a
 * file that merges suites from different runs still says which run each figure came from.
 *
 * @example
 * const info: SuiteRunInfo = {
 *   startedAt: '2026-12-03T14:40:00.000Z', seconds: 312, loadStart: [1.2, 0.9, 0.7],
 *   loadEnd: [2.0, 1.1, 0.8], cpus: 2, fullRun: '2026-12-03T14:39:58.000Z', options: 'passes 7, warmup 2, cpu clock',
 * }
 */
export interface SuiteRunInfo {
  /** ISO time the suite started. */
  startedAt: string
  /** Wall seconds the suite took. */
  seconds: number
  /** `os.loadavg()` (1, 5, 15 minutes) when the suite started and when it ended. */
  loadStart: number[]
  loadEnd: number[]
  /** Logical CPUs of the machine, to read the load against. */
  cpus: number
  /** ISO start of the full `npm run bench` (every suite) this suite was part of; absent for a partial run. */
  fullRun?: string
  /** The runner's options and the env knobs that were set, as text. */
  options: string
  /** `git rev-parse --short HEAD` of the tree that ran, `+dirty` when it had uncommitted changes. */
  commit?: string
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
  /**
   * The goal rows the suite promises, by row id (`GoalTable` in `lib/goals.ts`); the runner turns
   * a declared goal that a run did not produce into a failed row. Optional for informative suites.
   */
  goals?: GoalTable
}
