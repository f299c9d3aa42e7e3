/**
 * `npm run bench [-- <suite>… ] [--passes N] [--warmup N] [--clock cpu|wall] [--strict]`
 *
 * Runs every suite in `bench/suites/*.ts` (or those whose name contains one of the given
 * words), prints one table and writes it as JSON to `bench/results/latest.json`, keeping the
 * rows of suites that did not run.
 * `--strict` exits with 1 when a goal is missed; by default a miss is reported, not fatal,
 * because figures from a loaded machine are evidence to read, not a verdict.
 *
 * Passes are timed in process CPU time by default (`--clock wall` for elapsed time): with other
 * jobs on the machine, elapsed time swings with their load while CPU time stays with our work.
 * It also counts V8's helper threads (concurrent GC and compilation), which is work the
 * measured code caused, so nothing is hidden by it.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { formatTable } from './lib/format.ts'
import { exposeMinorGc } from './lib/node-gc.ts'
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

  const results: BenchResult[] = []
  for (const suite of selected) {
    process.stderr.write(`suite ${suite.name}\n`)
    results.push(...(await suite.run(ctx)))
  }

  console.log(formatTable(results))
  await mkdir(join(benchDir, 'results'), { recursive: true })
  // Running some suites keeps the other suites' last rows, so the file always has every suite.
  const ran = new Set(selected.map((s) => s.name))
  const kept = (await readPreviousResults()).filter((r) => !ran.has(r.id.split('.')[0] ?? ''))
  await writeFile(resultsFile, `${JSON.stringify([...kept, ...results], null, 2)}\n`)

  const judged = results.filter((r) => r.pass !== null)
  const missed = judged.filter((r) => r.pass === false)
  console.log(`\n${judged.length - missed.length}/${judged.length} goals met; wrote bench/results/latest.json`)
  if (missed.length > 0 && flags.strict) process.exitCode = 1
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 2
})
