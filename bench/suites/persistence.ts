/**
 * Thread persistence in Chromium (issue 13): a chat restored from localStorage with a
 * 1,000-message thread streams a 120-token answer, one token per frame, while its storage
 * works as in an app (the prompt's save lands mid-stream, the turn is saved when it settles);
 * every main-thread task from the send to the stored answer is traced. Modes: no persistence
 * (control), format 2 (one key per message) and format 1 (the first save rewrites all 1,000
 * messages). Also the per-token cost with persistence on vs off (store published per token,
 * interleaved, main-thread CPU; both chats read the same stored thread first) and, for
 * reference, one format-1 save as it was (whole record, one task).
 *
 * `BENCH_PERSIST_RUNS` (else `BENCH_MOUNTS`, default 5) sets the runs per mode, `BENCH_THREAD_COUNT` (default
 * 1000) the thread length.
 */
import type { PersistenceMode, PersistenceStreamResult, PersistenceTokenResult } from '../browser/persistence-types.ts'
import { openBenchPage, type BenchPage } from '../lib/browser-page.ts'
import { atLeast, atMost, judge, type Goal } from '../lib/goals.ts'
import { benchMounts } from '../lib/knobs.ts'
import { median, spreadOf } from '../lib/stats.ts'
import type { TraceTask } from '../lib/trace-tasks.ts'
import { tracedWindow } from '../lib/traced-window.ts'
import type { BenchContext, BenchResult } from '../lib/types.ts'

export const name = 'persistence'

const RUNS = benchMounts(5, 'BENCH_PERSIST_RUNS')
const COUNT = Number(process.env['BENCH_THREAD_COUNT'] ?? 1_000)
const STREAM_TOKENS = 120
const COST_TOKENS = 8_000
const FRAME_MS = 1000 / 60
const MODES: readonly PersistenceMode[] = ['off', 'on', 'migrate']

type Page = Awaited<ReturnType<BenchPage['newPage']>>

const spread = (values: readonly number[], digits = 1) =>
  `min ${Math.min(...values).toFixed(digits)} / median ${median(values).toFixed(digits)} / max ${Math.max(...values).toFixed(digits)}`
const row = (fields: Omit<BenchResult, 'goal' | 'pass'>, goal: Goal | null, judged: number, unit: string): BenchResult => ({ ...fields, ...judge(goal, judged, unit) })
const longestCpu = (tasks: readonly TraceTask[]) => Math.max(0, ...tasks.map((t) => t.cpu ?? t.duration))

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const bench = await openBenchPage({ entry: 'persistence', log: ctx.log })
  try {
    const page = await bench.newPage()
    return [...(await streamRows(ctx, bench, page)), ...(await costRows(ctx, page)), ...(await wholeRows(ctx, bench, page))]
  } finally {
    await bench.close()
  }
}

async function streamRows(ctx: BenchContext, bench: BenchPage, page: Page): Promise<BenchResult[]> {
  const longest = new Map<PersistenceMode, number[]>(MODES.map((m) => [m, []]))
  const results = new Map<PersistenceMode, PersistenceStreamResult[]>(MODES.map((m) => [m, []]))
  const worst = new Map<PersistenceMode, TraceTask>()
  for (let r = 0; r < RUNS; r++) {
    for (let i = 0; i < MODES.length; i++) {
      const mode = MODES[(r + i) % MODES.length]!
      ctx.log(`stream ${mode} ${r + 1}/${RUNS}`)
      const { result, tasks } = await tracedWindow(bench, page, () => page.evaluate((run) => window.__bench.persistenceStream!(run), { count: COUNT, mode, tokens: STREAM_TOKENS }))
      if (!result.roundTripOk) throw new Error(`${mode}: the stored thread did not load back whole`)
      longest.get(mode)!.push(longestCpu(tasks))
      const top = tasks.reduce<TraceTask | undefined>((a, t) => (a === undefined || (t.cpu ?? t.duration) > (a.cpu ?? a.duration) ? t : a), undefined)
      if (top && (worst.get(mode) === undefined || (top.cpu ?? top.duration) > (worst.get(mode)!.cpu ?? worst.get(mode)!.duration))) worst.set(mode, top)
      results.get(mode)!.push(result)
    }
  }
  const control = longest.get('off')!
  const describe = (mode: PersistenceMode, what: string) => {
    const runs = results.get(mode)!
    return (
      `${what}: a ${STREAM_TOKENS}-token answer streamed one token per frame into a restored ${COUNT}-message thread, from the send to the stored answer ` +
      `(the prompt's save, debounced 400 ms then in idle slices, lands mid-stream; ${(runs[0]!.storedChars / 1e6).toFixed(2)} M characters stored): ` +
      `longest main-thread task (traced) ${spread(longest.get(mode)!)} ms CPU (no persistence: ${spread(control)} ms); ` +
      `adapter calls while tokens streamed: save ${spread(runs.map((x) => x.savesWhileStreaming), 0)}, prepare ${spread(runs.map((x) => x.preparesWhileStreaming), 0)} ` +
      `(whole run: save ${spread(runs.map((x) => x.saves), 0)}, prepare ${spread(runs.map((x) => x.prepares), 0)}); ` +
      `longest single call (wall) save ${spread(runs.map((x) => x.longestSaveMs))} ms, prepare ${spread(runs.map((x) => x.longestPrepareMs))} ms; ` +
      `worst task: ${worst.get(mode)?.inside.slice(0, 3).join(', ') ?? '–'}; ${RUNS} runs`
    )
  }
  const taskRow = (mode: 'on' | 'migrate', what: string) =>
    row(
      {
        id: `persistence.stream.longest-task.${mode}`,
        title: `longest main-thread task while a 1,000-message thread saves during a stream, ${mode === 'on' ? 'format 2' : 'format 1 migrating'}, worst of the runs`,
        description: describe(mode, what),
        value: median(longest.get(mode)!),
        unit: 'ms',
        peer: null,
        ratio: null,
        runs: RUNS,
        spread: spreadOf(longest.get(mode)!),
      },
      atMost(FRAME_MS, ' ms CPU'),
      Math.max(...longest.get(mode)!),
      'ms CPU',
    )
  return [taskRow('on', 'format 2 (one key per message)'), taskRow('migrate', 'format 1 stored (the first save rewrites every message, in slices)')]
}

/**
 * Reads the page's main-thread CPU time at the edges of each token-cost window (the page awaits
 * `benchWindowEdge`), after a full GC at the start: the window pays for its own garbage, not
 * for what opening the chat left.
 */
async function windowClock(page: Page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const threadMs = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics')
    const time = metrics.find((metric) => metric.name === 'ThreadTime')
    if (time === undefined) throw new Error('this Chromium reports no ThreadTime metric')
    return time.value * 1000
  }
  let began = 0
  let cpuMs = 0
  await page.exposeFunction('benchWindowEdge', async (edge: 'start' | 'end') => {
    if (edge === 'start') {
      cpuMs = Number.NaN
      await cdp.send('HeapProfiler.collectGarbage')
      began = await threadMs()
    } else cpuMs = (await threadMs()) - began
  })
  return {
    lastWindowMs() {
      if (!(cpuMs > 0)) throw new Error('the token-cost window was not timed (the page did not call benchWindowEdge)')
      return cpuMs
    },
  }
}

async function costRows(ctx: BenchContext, page: Page): Promise<BenchResult[]> {
  // Main-thread CPU time of the window, as the Node suites time CPU: on this shared machine wall
  // time mostly measures the neighbours. Wall is reported beside it.
  const clock = await windowClock(page)
  const cost = { off: [] as number[], on: [] as number[] }
  const wall = { off: [] as number[], on: [] as number[] }
  const calls: number[] = []
  const passes = Math.max(ctx.passes, 3)
  for (let pass = 0; pass < ctx.warmup + passes; pass++) {
    const order = pass % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)
    for (const mode of order) {
      ctx.log(`token cost ${mode} ${pass + 1}/${ctx.warmup + passes}`)
      const result: PersistenceTokenResult = await page.evaluate((run) => window.__bench.persistenceTokens!(run), { count: COUNT, mode, tokens: COST_TOKENS })
      if (pass < ctx.warmup) continue
      cost[mode].push((clock.lastWindowMs() / COST_TOKENS) * 1000)
      wall[mode].push(result.perTokenUs)
      if (mode === 'on') calls.push(result.adapterCalls)
    }
  }
  const ratio = median(cost.off) / median(cost.on)
  return [
    row(
      {
        id: 'persistence.token-cost',
        description:
          `per-token cost (main-thread CPU, from the send to ready, store published per token) of a ${COST_TOKENS}-token answer after a restored ${COUNT}-message thread: ` +
          `persistence on ${spread(cost.on)} µs vs off ${spread(cost.off)} µs (wall: on ${spread(wall.on)} µs, off ${spread(wall.off)} µs, ratio of medians ${(median(wall.off) / median(wall.on)).toFixed(2)}); ` +
          `both chats read the same stored thread before the window (full GC after), only "on" keeps it; adapter calls during the tokens ${spread(calls, 0)}; ${passes} interleaved passes after ${ctx.warmup} warm-up`,
        value: median(cost.on),
        unit: 'µs/token',
        peer: 'the same chat without persistence',
        ratio,
        title: 'per-token cost with persistence on, speed relative to off',
        runs: passes,
        spread: spreadOf(cost.on.map((on, i) => cost.off[i]! / on)),
      },
      atLeast(0.9),
      ratio,
      'x',
    ),
  ]
}

async function wholeRows(ctx: BenchContext, bench: BenchPage, page: Page): Promise<BenchResult[]> {
  const cpu: number[] = []
  let chars = 0
  for (let r = 0; r < RUNS; r++) {
    ctx.log(`format-1 save ${r + 1}/${RUNS}`)
    const { result, tasks } = await tracedWindow(bench, page, () => page.evaluate((run) => window.__bench.persistenceWhole!(run), { count: COUNT }))
    cpu.push(longestCpu(tasks))
    chars = result.chars
  }
  return [
    row(
      {
        id: 'persistence.format1-save',
        description: `for reference, one save as format 1 did it: JSON.stringify of the whole ${COUNT}-message record (${(chars / 1e6).toFixed(2)} M characters) and one setItem, in one task (traced): ${spread(cpu)} ms CPU; ${RUNS} runs`,
        value: median(cpu),
        unit: 'ms',
        peer: null,
        ratio: null,
        runs: RUNS,
        spread: spreadOf(cpu),
      },
      null,
      median(cpu),
      'ms',
    ),
  ]
}
