/**
 * The runner's loop, apart from the CLI so it can be tested: runs suites one after another,
 * prints a progress line per suite with the elapsed time, stamps every row with when and under
 * what load its suite ran, turns a suite that throws into failed rows (and goes on with the
 * next), and holds each suite to the goals it declares.
 */
import { loadavg } from 'node:os'
import type { BenchContext, BenchResult, BenchSuite, SuiteRunInfo } from './types.ts'

/** What the loop needs besides the suites and their context. */
export interface RunSuitesOptions {
  /** Progress lines (stderr in the CLI). */
  write: (line: string) => void
  /** Fields stamped on every row's `run` besides its suite's timing and load. */
  stamp: Pick<SuiteRunInfo, 'cpus' | 'options'> & Partial<Pick<SuiteRunInfo, 'fullRun' | 'commit'>>
  /** 1-, 5- and 15-minute load average; `os.loadavg` unless a test gives another. */
  load?: () => number[]
  /**
   * A suite still running after this long fails (its rows become failed rows) and the run goes on,
   * so one hung page cannot stall a full run; none when absent.
   */
  timeoutMs?: number
}

/** `promise`, or a rejection once `ms` have passed. */
function withTimeout<T>(promise: Promise<T>, ms: number | undefined, what: string): Promise<T> {
  if (ms === undefined) return promise
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} still running after ${(ms / 60_000).toFixed(1)} min: stopped waiting for it`)), ms)
  })
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer))
}

const rounded = (load: readonly number[]) => load.map((n) => Math.round(n * 100) / 100)
const loadText = (load: readonly number[]) => load.map((n) => n.toFixed(2)).join(' ')
const clockText = (ms: number) => {
  const s = Math.round(ms / 1000)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** A row that says a goal was not measured, judged failed (its figure is missing, not zero). */
function unmeasured(id: string, goal: string, why: string): BenchResult {
  return { id, title: `${id} (not measured)`, description: why, value: Number.NaN, unit: '', peer: null, ratio: null, goal, pass: false, judged: Number.NaN }
}

/**
 * A suite's rows held to its declared goals (`suite.goals`): a goal row whose label is not its
 * declared label fails; a declared goal the rows lack becomes a failed row saying so. Suites
 * without declarations are returned as they are. `why` says why goals may be missing.
 *
 * @example
 * const checked = checkDeclaredGoals(suite, rows, 'the suite threw: …')
 */
export function checkDeclaredGoals(suite: BenchSuite, rows: readonly BenchResult[], why = 'the suite ended without this row'): BenchResult[] {
  const declared = suite.goals
  if (!declared) return [...rows]
  const checked = rows.map((row) => {
    const goal = declared[row.id]
    if (row.goal === null || goal === undefined || goal.label === row.goal) return row
    return { ...row, pass: false, description: `${row.description} [goal ${row.goal} differs from the declared ${goal.label}: failed]` }
  })
  const produced = new Set(rows.filter((row) => row.goal !== null).map((row) => row.id))
  const missing = Object.entries(declared).filter(([id]) => !produced.has(id))
  return [...checked, ...missing.map(([id, goal]) => unmeasured(id, goal.label, why))]
}

/**
 * One suite's rows; a suite that throws becomes a failed `<suite>.suite-failed` row plus a failed
 * row per declared goal, instead of ending the run, so a long full run still records every other
 * suite (and the table shows what the failure cost).
 */
async function runOne(suite: BenchSuite, ctx: BenchContext, write: (line: string) => void, timeoutMs?: number): Promise<{ rows: BenchResult[]; failed: boolean }> {
  try {
    return { rows: checkDeclaredGoals(suite, await withTimeout(suite.run(ctx), timeoutMs, `the ${suite.name} suite`)), failed: false }
  } catch (error) {
    write(`suite ${suite.name} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    const failure: BenchResult = {
      id: `${suite.name}.suite-failed`,
      title: `${suite.name} suite ran to the end`,
      description: `the suite threw: ${messageOf(error)}`,
      value: 0,
      unit: '',
      peer: null,
      ratio: null,
      goal: 'completes',
      pass: false,
    }
    return { rows: [failure, ...checkDeclaredGoals(suite, [], `not measured: the ${suite.name} suite threw (${messageOf(error)})`)], failed: true }
  }
}

/**
 * Runs the suites in order and returns every row stamped with its suite and run info; `failed`
 * is true when any suite threw (the CLI then exits with 2).
 *
 * @example
 * const { rows, failed } = await runSuites(suites, ctx, { write: (l) => process.stderr.write(`${l}\n`), stamp: { cpus: 2, options: '' } })
 */
export async function runSuites(suites: readonly BenchSuite[], ctx: BenchContext, options: RunSuitesOptions): Promise<{ rows: BenchResult[]; failed: boolean }> {
  const load = options.load ?? loadavg
  const begun = performance.now()
  const rows: BenchResult[] = []
  let failed = false
  for (const [index, suite] of suites.entries()) {
    const tag = `[${index + 1}/${suites.length}] ${suite.name}`
    const loadStart = load()
    options.write(`${tag}: starting at ${clockText(performance.now() - begun)} elapsed, load average ${loadText(loadStart)}`)
    const startedAt = new Date().toISOString()
    const start = performance.now()
    const outcome = await runOne(suite, ctx, options.write, options.timeoutMs)
    failed ||= outcome.failed
    const info: SuiteRunInfo = {
      startedAt,
      seconds: Math.round((performance.now() - start) / 100) / 10,
      loadStart: rounded(loadStart),
      loadEnd: rounded(load()),
      ...options.stamp,
    }
    const goals = outcome.rows.filter((row) => row.pass !== null)
    options.write(
      `${tag}: ${outcome.failed ? 'FAILED' : 'done'} in ${info.seconds} s, ${outcome.rows.length} rows, ${goals.filter((row) => row.pass).length}/${goals.length} goals met; ` +
        `${clockText(performance.now() - begun)} elapsed; load average ${loadText(info.loadEnd)}`,
    )
    rows.push(...outcome.rows.map((row) => ({ ...row, suite: suite.name, run: info })))
  }
  return { rows, failed }
}
