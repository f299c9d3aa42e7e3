/**
 * `npm run bench [-- <suite>… ] [--passes N] [--warmup N] [--clock cpu|wall] [--mounts N] [--strict]`
 *
 * `--mounts N` sets `BENCH_MOUNTS` (independent mounts per browser measurement; default 5):
 * `--mounts 1` checks that suites run end to end, figures from it are not to be quoted.
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
import { execFileSync } from 'node:child_process'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { cpuClock } from './lib/cpu-clock.ts'
import { formatTable } from './lib/format.ts'
import { exposeMinorGc } from './lib/node-gc.ts'
import { runSuites } from './lib/run-suites.ts'
import type { BenchContext, BenchResult, BenchSuite } from './lib/types.ts'

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
    mounts: { type: 'string' },
  },
})


function positiveInt(name: string, text: string, min: number): number {
  const n = Number(text)
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got ${text}`)
  return n
}

// Before the suites are imported: they read their mount counts when loaded.
if (flags.mounts !== undefined) process.env.BENCH_MOUNTS = String(positiveInt('mounts', flags.mounts, 1))


function pickClock(name: string): () => number {
  if (name === 'cpu') return cpuClock
  if (name === 'wall') return () => performance.now()
  throw new Error(`--clock must be cpu or wall, got ${name}`)
}

async function loadSuites(): Promise<BenchSuite[]> {
  const files = (await readdir(suitesDir)).filter((f) => f.endsWith('.ts')).sort()
  const suites: BenchSuite[] = []
  for (const file of files) {
    try {
      const mod = (await import(pathToFileURL(join(suitesDir, file)).href)) as Partial<BenchSuite>
      if (typeof mod.name !== 'string' || typeof mod.run !== 'function') {
        throw new Error(`bench/suites/${file} must export \`name\` (string) and \`run(ctx)\``)
      }
      suites.push({ name: mod.name, run: mod.run, ...(mod.goals ? { goals: mod.goals } : {}) })
    } catch (error) {
      // A suite that cannot even load fails as a suite does when it runs: one failed row, the others run.
      suites.push({ name: file.replace(/\.ts$/, ''), run: () => Promise.reject(error) })
    }
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

/** The commit that ran, `+dirty` with uncommitted changes (outside `bench/results`); `undefined` outside a git checkout. */
function gitCommit(): string | undefined {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: join(benchDir, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    // The results file itself is rewritten by every run: not a change to the code that ran.
    const dirty = git('status', '--porcelain', '--untracked-files=no', '--', '.', ':(exclude)bench/results') !== ''
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? '+dirty' : ''}`
  } catch {
    return undefined
  }
}

/** The runner's options and every `BENCH_*` knob that is set: what a reader needs to repeat the run. */
function runOptions(ctx: BenchContext): string {
  const knobs = Object.entries(process.env)
    .filter(([key]) => key.startsWith('BENCH_'))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`)
  return [`passes ${ctx.passes}`, `warmup ${ctx.warmup}`, `${flags.clock} clock`, ...knobs].join(', ')
}

async function main() {
  const begun = performance.now()
  const gc = exposeMinorGc()
  const ctx: BenchContext = {
    passes: positiveInt('passes', flags.passes, 1),
    warmup: positiveInt('warmup', flags.warmup, 0),
    gc,
    clock: pickClock(flags.clock),
    // Seconds since the run began on every line: where a suite spends its time, for trimming a full run.
    log: (message) => process.stderr.write(`  [${((performance.now() - begun) / 1000).toFixed(0).padStart(4)} s] ${message}\n`),
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
  const { rows: results, failed } = await runSuites(selected, ctx, {
    write: (line) => process.stderr.write(`${line}\n`),
    stamp: { cpus: cpus().length, options, commit: gitCommit(), ...(fullRun ? { fullRun } : {}) },
    // A hung page fails its suite instead of stalling the run (BENCH_SUITE_TIMEOUT_MIN, default 30).
    timeoutMs: Number(process.env.BENCH_SUITE_TIMEOUT_MIN ?? 30) * 60_000,
  })
  if (failed) process.exitCode = 2

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

main().then(
  // A suite that timed out may leave its browser open, which would keep the process alive.
  () => process.exit(),
  (error: unknown) => {
    console.error(error)
    process.exit(2)
  },
)
