/**
 * `npm run bench [-- <suite>… ] [--passes N] [--warmup N] [--clock cpu|wall] [--strict]`
 *
 * Runs every suite in `bench/suites/*.ts` (or those whose name contains one of the given
 * words), prints one table and writes it as JSON to `bench/results/latest.json`. A full run
 * (no suite named) writes the file afresh, so every row in it comes from that one run; a partial
 * run replaces the rows of the suites it ran and keeps the others. Every row carries its suite's
 * start time, duration and load average (`row.run`), so a merged file still says where each
 * figure came from; `npm run bench:readme` turns the file into README's table.
 * `--strict` exits with 1 when a goal is missed; by default a miss is reported, not fatal,
 * because figures from a loaded machine are evidence to read, not a verdict.
 *
 * Passes are timed in process CPU time by default (`--clock wall` for elapsed time): with other
 * jobs on the machine, elapsed time swings with their load while CPU time stays with our work.
 * It also counts V8's helper threads (concurrent GC and compilation), which is work the
 * measured code caused, so nothing is hidden by it.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { formatTable } from './lib/format.ts'
import { exposeMinorGc } from './lib/node-gc.ts'
import type { BenchContext, BenchResult, BenchSuite, SuiteRunInfo } from './lib/types.ts'

const benchDir = fileURLToPath(new URL('.', import.meta.url))
const suitesDir = join(benchDir, 'suites')
const resultsFile = join(benchDir, 'results', 'latest.json')

const { values: flags, positionals: filters } = parseArgs({
  allowPositionals: true,
  options: {
    passes: { type: 'string', default: '7' },
    warmup: { type: 'string', default: '2' },
    clock: { type: 'string', default: 'cpu' },
    strict: { type: 'boolean', default: false },
  },
})

function positiveInt(name: string, text: string, min: number): number {
  const n = Number(text)
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got ${text}`)
  return n
}

/** Process CPU time (user + system, all threads) in milliseconds. */
function cpuClock(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

function pickClock(name: string): () => number {
  if (name === 'cpu') return cpuClock
  if (name === 'wall') return () => performance.now()
  throw new Error(`--clock must be cpu or wall, got ${name}`)
}

async function loadSuites(): Promise<BenchSuite[]> {
  const files = (await readdir(suitesDir)).filter((f) => f.endsWith('.ts')).sort()
  const suites: BenchSuite[] = []
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(suitesDir, file)).href)) as Partial<BenchSuite>
    if (typeof mod.name !== 'string' || typeof mod.run !== 'function') {
      throw new Error(`bench/suites/${file} must export \`name\` (string) and \`run(ctx)\``)
    }
    suites.push({ name: mod.name, run: mod.run })
  }
  return suites
}

async function readPreviousResults(): Promise<BenchResult[]> {
  try {
    return JSON.parse(await readFile(resultsFile, 'utf8')) as BenchResult[]
  } catch {
    return []
  }
}

const rounded = (load: readonly number[]) => load.map((n) => Math.round(n * 100) / 100)
const loadText = (load: readonly number[]) => load.map((n) => n.toFixed(2)).join(' ')

/** The runner's options and every `BENCH_*` knob that is set: what a reader needs to repeat the run. */
function runOptions(ctx: BenchContext): string {
  const knobs = Object.entries(process.env)
    .filter(([key]) => key.startsWith('BENCH_'))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`)
  return [`passes ${ctx.passes}`, `warmup ${ctx.warmup}`, `${flags.clock} clock`, ...knobs].join(', ')
}

/**
 * One suite's rows; a suite that throws becomes one failed row instead of ending the run, so a
 * long full run still records every other suite (and the table shows the failure).
 */
async function runSuite(suite: BenchSuite, ctx: BenchContext): Promise<BenchResult[]> {
  try {
    return await suite.run(ctx)
  } catch (error) {
    process.stderr.write(`suite ${suite.name} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 2
    return [
      {
        id: `${suite.name}.suite-failed`,
        title: `${suite.name} suite ran to the end`,
        description: `the suite threw: ${error instanceof Error ? error.message : String(error)}`,
        value: 0,
        unit: '',
        peer: null,
        ratio: null,
        goal: 'completes',
        pass: false,
      },
    ]
  }
}

async function main() {
  const gc = exposeMinorGc()
  const ctx: BenchContext = {
    passes: positiveInt('passes', flags.passes, 1),
    warmup: positiveInt('warmup', flags.warmup, 0),
    gc,
    clock: pickClock(flags.clock),
    log: (message) => process.stderr.write(`  ${message}\n`),
  }

  const all = await loadSuites()
  const selected = filters.length === 0 ? all : all.filter((s) => filters.some((f) => s.name.includes(f)))
  if (selected.length === 0) {
    throw new Error(`no suite matches ${filters.join(', ')}; suites: ${all.map((s) => s.name).join(', ')}`)
  }

  process.stderr.write(
    `node ${process.version}, ${cpus()[0]?.model ?? 'unknown cpu'} ×${cpus().length}, ` +
      `median of ${ctx.passes} passes after ${ctx.warmup} warm-up, ${flags.clock} time, young-generation gc between passes: ${gc ? 'yes' : 'no'}\n`,
  )

  const fullRun = filters.length === 0 ? new Date().toISOString() : undefined
  const options = runOptions(ctx)
  process.stderr.write(`options: ${options}\n`)
  const results: BenchResult[] = []
  for (const suite of selected) {
    process.stderr.write(`suite ${suite.name} (load average ${loadText(loadavg())})\n`)
    const startedAt = new Date().toISOString()
    const loadStart = loadavg()
    const start = performance.now()
    const rows = await runSuite(suite, ctx)
    const info: SuiteRunInfo = {
      startedAt,
      seconds: Math.round((performance.now() - start) / 100) / 10,
      loadStart: rounded(loadStart),
      loadEnd: rounded(loadavg()),
      cpus: cpus().length,
      ...(fullRun ? { fullRun } : {}),
      options,
    }
    process.stderr.write(`suite ${suite.name} took ${info.seconds} s, load average ${loadText(info.loadStart)} -> ${loadText(info.loadEnd)}\n`)
    results.push(...rows.map((row) => ({ ...row, suite: suite.name, run: info })))
  }

  console.log(formatTable(results))
  await mkdir(join(benchDir, 'results'), { recursive: true })
  // A full run starts the file afresh; a partial one keeps the rows of the suites it did not run.
  const ran = new Set(selected.map((s) => s.name))
  const kept = fullRun ? [] : (await readPreviousResults()).filter((r) => !ran.has(r.suite ?? r.id.split('.')[0] ?? ''))
  await writeFile(resultsFile, `${JSON.stringify([...kept, ...results], null, 2)}\n`)

  const judged = results.filter((r) => r.pass !== null)
  const missed = judged.filter((r) => r.pass === false)
  console.log(`\n${judged.length - missed.length}/${judged.length} goals met; wrote bench/results/latest.json`)
  if (missed.length > 0 && flags.strict && process.exitCode === undefined) process.exitCode = 1
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 2
})
