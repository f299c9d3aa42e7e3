/**
 * Code coloured while it streams (issue 15): a TypeScript fence streams into
 * `StreamingMarkdown` a few word-sized tokens per frame, then closes; each run traced (every
 * main-thread task, wall and thread CPU time, and the worker's thread) and sampled by V8's
 * profiler, so each main-thread task's time inside highlighting scripts (Shiki's core, its
 * regex engine, the grammar, the worker client) is known, for the stream and for the close. Reported with
 * min / median / max over the runs: the longest time one task spent highlighting, the longest
 * task that highlighted at all, frames from a line's newline to its colours, height jumps, and
 * the per-frame update cost.
 */
import type { FenceRun, StreamHighlightResult } from '../browser/streaming-highlight-types.ts'
import { openBenchPage } from '../lib/browser-page.ts'
import { attributedTime, type CpuProfile } from '../lib/cpu-profile.ts'
import { atMost, judgeDeclared, type GoalTable } from '../lib/goals.ts'
import { benchMounts } from '../lib/knobs.ts'
import { formatWaits, stageWaits } from '../lib/line-waits.ts'
import { median, spreadOf } from '../lib/stats.ts'
import { taskTraceCategories, tasksBetween } from '../lib/trace-tasks.ts'
import type { BenchContext, BenchResult } from '../lib/types.ts'

export const name = 'streaming-highlight'

/** Runs per size; `BENCH_MOUNTS=2` while developing. */
const RUNS = benchMounts(5)
/** Fence sizes; `BENCH_SIZES=200` while developing. */
const SIZES = (process.env.BENCH_SIZES ?? '200,1000').split(',').map(Number)
const TOKENS_PER_FRAME = 3
/**
 * Scripts whose time on the main thread counts as highlighting: Shiki's chunks and the
 * highlighting machinery's own chunk (the worker client that turns the worker's messages into
 * tokens, and the main-thread fallback), as Vite names them. The worker's script runs on its
 * own thread, which V8's profiler of the page does not sample; its tasks are read from the
 * trace instead. React rendering coloured spans is not in these scripts: it is in the
 * longest-task figures of each phase.
 */
const HIGHLIGHTER = /\/assets\/(core|engine-javascript|typescript|shiki|colouring-backend|worker-client)[-.]/
/** The trace's name for a Web Worker's thread. */
const WORKER_THREAD = 'DedicatedWorker thread'

const spread = (values: readonly number[], digits = 1) =>
  `min ${Math.min(...values).toFixed(digits)} / median ${median(values).toFixed(digits)} / max ${Math.max(...values).toFixed(digits)}`

/**
 * The goal rows (issue 15, "Code coloured while it streams"), for each default fence size: no
 * main-thread task over 16 ms attributable to highlighting while streaming and at the close, a
 * line coloured within 2 frames of its newline, the fence's height never jumps.
 */
export const goals = Object.fromEntries(
  [200, 1000].flatMap((lines) => [
    [`streaming-highlight.${lines}.highlight-per-task`, atMost(16, ' ms')],
    [`streaming-highlight.${lines}.close-highlight-per-task`, atMost(16, ' ms')],
    [`streaming-highlight.${lines}.frames-to-colour`, atMost(2, ' frames')],
    [`streaming-highlight.${lines}.height-jumps`, atMost(0, ' frames')],
  ]),
) satisfies GoalTable

/** A row judged by its declared goal (none: informative), with the per-run spread of the judged figure. */
const row = (fields: Omit<BenchResult, 'goal' | 'pass' | 'peer' | 'ratio'>, judged: number, perRun: readonly number[] = []): BenchResult => ({
  ...fields,
  peer: null,
  ratio: null,
  ...(fields.id in goals ? judgeDeclared(goals, fields.id, judged, fields.unit) : { goal: null, pass: null }),
  ...(perRun.length > 0 && { runs: perRun.length, spread: spreadOf(perRun) }),
})

/** Main-thread figures of one phase (streaming, or the close) of one run. */
interface PhaseFigures {
  /** Longest time one task spent in the highlighter, ms (sampled). */
  highlightInTask: number
  /** The same, scaled by each task's CPU / wall time. */
  highlightInTaskCpu: number
  /** Longest task (wall, then CPU) among those that highlighted; 0 when none did. */
  highlightTaskWall: number
  highlightTaskCpu: number
  /** Longest task of the phase, wall and CPU, and what ran inside it. */
  longestWall: number
  longestCpu: number
  longestInside: string
  highlightTotal: number
}

interface RunFigures {
  stream: PhaseFigures
  close: PhaseFigures
  /** Longest task of the worker's thread while the fence streamed (CPU, ms); 0 without a worker. */
  workerTaskCpu: number
  result: StreamHighlightResult
}

function phase(trace: Parameters<typeof tasksBetween>[0], profile: CpuProfile, from: string, to: string): PhaseFigures {
  const tasks = tasksBetween(trace, from, to)
  const inHighlighter = attributedTime(profile, tasks, HIGHLIGHTER)
  const highlighting = tasks.filter((_, index) => inHighlighter[index]! > 0)
  // Samples count wall time, which a loaded machine stretches: scaled to the task's thread CPU time too.
  const inHighlighterCpu = tasks.map((task, index) => (task.cpu === undefined ? inHighlighter[index]! : (inHighlighter[index]! * task.cpu) / task.duration))
  const byCpu = [...tasks].sort((a, b) => (b.cpu ?? b.duration) - (a.cpu ?? a.duration))
  return {
    highlightInTask: Math.max(0, ...inHighlighter),
    highlightInTaskCpu: Math.max(0, ...inHighlighterCpu),
    highlightTaskWall: Math.max(0, ...highlighting.map((task) => task.duration)),
    highlightTaskCpu: Math.max(0, ...highlighting.map((task) => task.cpu ?? task.duration)),
    longestWall: Math.max(0, ...tasks.map((task) => task.duration)),
    longestCpu: byCpu[0] ? (byCpu[0].cpu ?? byCpu[0].duration) : 0,
    longestInside: byCpu[0]?.inside.join(', ') ?? '',
    highlightTotal: inHighlighter.reduce((a, b) => a + b, 0),
  }
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const bench = await openBenchPage({ entry: 'streaming-highlight', log: ctx.log })
  const rows: BenchResult[] = []
  try {
    for (const lines of SIZES) {
      const runs: RunFigures[] = []
      for (let i = 0; i < RUNS; i++) {
        ctx.log(`${lines}-line fence streaming, run ${i + 1}/${RUNS} (traced, sampled)`)
        // A fresh page each run: the highlighter loads (and compiles its regexes) inside the run, as for a first fence.
        const page = await bench.newPage()
        const cdp = await page.context().newCDPSession(page)
        await cdp.send('Profiler.enable')
        await cdp.send('Profiler.setSamplingInterval', { interval: 250 })
        await bench.browser.startTracing(page, { categories: taskTraceCategories })
        await cdp.send('Profiler.start')
        const result = await page.evaluate((r) => window.__bench.streamHighlight!(r), { lines, tokensPerFrame: TOKENS_PER_FRAME })
        const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }
        const trace = JSON.parse((await bench.browser.stopTracing()).toString()) as Parameters<typeof tasksBetween>[0]
        // The whole context goes, with its CDP session: with only the page closed, the next
        // run's fresh page never started (its renderer used no CPU until the suite timed out).
        await cdp.detach()
        await page.context().close()
        if (result.framesToColour.length === 0) throw new Error('no line was coloured while the fence streamed')
        if (result.closeFrames < 0) throw new Error('the closed fence never became fully coloured')
        const stream = phase(trace, profile, 'bench:stream-start', 'bench:stream-end')
        const close = phase(trace, profile, 'bench:close-start', 'bench:close-end')
        if (result.worker.lines === 0 && stream.highlightTotal === 0) {
          throw new Error('neither the worker nor a main-thread task highlighted: are the chunks still named core-/engine-javascript-/typescript-/colouring-backend-?')
        }
        const workerTasks = tasksBetween(trace, 'bench:stream-start', 'bench:stream-end', WORKER_THREAD)
        for (const [which, fence] of [['first fence', result], ['later fence', result.later]] as const) {
          const slowest = fence.framesToColour
            .map((frames, index) => ({ frames, index }))
            .sort((a, b) => b.frames - a.frames)
            .slice(0, Math.ceil(fence.framesToColour.length * 0.05))
          ctx.log(
            `    ${which}: slowest 5% (line:frames ${slowest.map((s) => `${s.index}:${s.frames}`).join(' ')}): ${formatWaits(stageWaits(fence.stages, slowest.map((s) => s.index)))}; ` +
              `all lines: ${formatWaits(stageWaits(fence.stages, fence.framesToColour.map((_, i) => i)))}`,
          )
        }
        runs.push({ stream, close, workerTaskCpu: Math.max(0, ...workerTasks.map((task) => task.cpu ?? task.duration)), result })
      }
      const pick = (f: (r: RunFigures) => number) => runs.map(f)
      // Lines finished before the highlighter was ready (first fence of the page: Shiki loads) are reported apart.
      // Percentiles over every line of a fence (`from`: the first line counted).
      const percentile = (fence: FenceRun, q: number, from = 0) => {
        const sorted = fence.framesToColour.slice(from).sort((a, b) => a - b)
        return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
      }
      const firstLineMs = (fence: FenceRun) => (fence.stages[0] ? fence.stages[0].committed - fence.stages[0].newline : Number.NaN)
      const id = `streaming-highlight.${lines}`
      const about = `${lines}-line TS fence streamed ${TOKENS_PER_FRAME} word tokens per frame into StreamingMarkdown, ${RUNS} runs (fresh page each, highlighter loaded in the run)`
      rows.push(
        row(
          {
            id: `${id}.highlight-per-task`,
            description: `${about}: while streaming, longest time one main-thread task spent in highlighting code (V8 samples in Shiki's chunks and the highlighting chunk, per task), scaled to the task's thread CPU time ${spread(pick((r) => r.stream.highlightInTaskCpu))} ms; as sampled (wall, stretched by the machine's load) ${spread(pick((r) => r.stream.highlightInTask))} ms; total on the main thread per run, as sampled ${spread(pick((r) => r.stream.highlightTotal), 0)} ms (value: CPU-scaled)`,
            value: median(pick((r) => r.stream.highlightInTaskCpu)),
            unit: 'ms',
          },
          median(pick((r) => r.stream.highlightInTaskCpu)),
          pick((r) => r.stream.highlightInTaskCpu),
        ),
        row(
          {
            id: `${id}.highlight-task`,
            description: `while streaming, longest whole main-thread task that ran highlighting code at all: wall ${spread(pick((r) => r.stream.highlightTaskWall))} ms, thread CPU ${spread(pick((r) => r.stream.highlightTaskCpu))} ms; longest task of the stream (any cause, React's renders included): wall ${spread(pick((r) => r.stream.longestWall))} ms, CPU ${spread(pick((r) => r.stream.longestCpu))} ms (value: CPU of the longest highlighting task)`,
            value: median(pick((r) => r.stream.highlightTaskCpu)),
            unit: 'ms',
          },
          0,
        ),
        row(
          {
            id: `${id}.close-highlight-per-task`,
            description: `at the fence's close (closing line in, answer ended, until every line is coloured + 2 frames + 100 ms): longest time one main-thread task spent in highlighting code, CPU-scaled ${spread(pick((r) => r.close.highlightInTaskCpu))} ms, as sampled ${spread(pick((r) => r.close.highlightInTask))} ms; longest task that ran it: CPU ${spread(pick((r) => r.close.highlightTaskCpu))} ms; frames from the close to fully coloured ${spread(pick((r) => r.result.closeFrames), 0)}; lines already coloured at the close ${spread(pick((r) => r.result.colouredAtClose / r.result.linesAtClose), 2)} (value: CPU-scaled)`,
            value: median(pick((r) => r.close.highlightInTaskCpu)),
            unit: 'ms',
          },
          median(pick((r) => r.close.highlightInTaskCpu)),
          pick((r) => r.close.highlightInTaskCpu),
        ),
        row(
          {
            id: `${id}.close-task`,
            description: `longest main-thread task of the close (any cause: the markdown's last render, style, layout, GC): wall ${spread(pick((r) => r.close.longestWall))} ms, CPU ${spread(pick((r) => r.close.longestCpu))} ms; the worst one ran: ${runs.reduce((worst, r) => (r.close.longestCpu > worst.close.longestCpu ? r : worst)).close.longestInside || 'nothing traced over 1 ms'} (value: median CPU)`,
            value: median(pick((r) => r.close.longestCpu)),
            unit: 'ms',
          },
          0,
        ),
        row(
          {
            id: `${id}.worker`,
            description: `lines coloured by the highlight worker per run ${spread(pick((r) => r.result.worker.lines), 0)} (of ${lines}); fences handed back to the main thread ${spread(pick((r) => r.result.worker.failures), 0)}; longest task on the worker's thread while streaming (CPU) ${spread(pick((r) => r.workerTaskCpu))} ms (off the main thread; value: median lines)`,
            value: median(pick((r) => r.result.worker.lines)),
            unit: 'lines',
          },
          0,
        ),
        row(
          {
            id: `${id}.frames-to-colour`,
            description: `frames from a line's newline to its colours, every line of a fence streamed on a page that showed one before (worker running, grammar loaded; after a 1 s pause): 95th percentile per run ${spread(pick((r) => percentile(r.result.later, 0.95)), 0)}, median ${spread(pick((r) => percentile(r.result.later, 0.5)), 0)}, slowest line ${spread(pick((r) => Math.max(0, ...r.result.later.framesToColour)), 0)}, lines counted ${spread(pick((r) => r.result.later.framesToColour.length), 0)} of ${lines} (the last line too: its newline finishes it while the fence is still open) (value: median of the per-run 95th percentiles; the page's first fence is the next two rows)`,
            value: median(pick((r) => percentile(r.result.later, 0.95))),
            unit: 'frames',
          },
          median(pick((r) => percentile(r.result.later, 0.95))),
          pick((r) => percentile(r.result.later, 0.95)),
        ),
        row(
          {
            id: `${id}.first-fence-frames-to-colour`,
            description: `the page's first fence (the highlighter loads with it: its chunk, the worker, the grammar, then each regex compiled the first time a line needs it): 95th percentile over every line ${spread(pick((r) => percentile(r.result, 0.95)), 0)} frames, median ${spread(pick((r) => percentile(r.result, 0.5)), 0)}, slowest ${spread(pick((r) => Math.max(0, ...r.result.framesToColour)), 0)}; over the lines finished after its first line was coloured (${spread(pick((r) => r.result.framesToColour.length - r.result.firstColouredLine), 0)} lines): 95th percentile ${spread(pick((r) => percentile(r.result, 0.95, r.result.firstColouredLine)), 0)} (value: median of the per-run 95th percentiles over every line; no goal of its own: start-up, reported beside the goal's row)`,
            value: median(pick((r) => percentile(r.result, 0.95))),
            unit: 'frames',
          },
          0,
        ),
        row(
          {
            id: `${id}.first-colour`,
            description: `the page's first fence: its first line coloured after ${spread(pick((r) => r.result.framesToColour[0] ?? Number.NaN), 0)} frames, ${spread(pick((r) => firstLineMs(r.result)), 0)} ms after its newline (${spread(pick((r) => r.result.firstColouredLine), 0)} lines finished by then); worker created ${spread(pick((r) => r.result.milestones.created ?? Number.NaN), 0)} ms after the fence opened, grammar sent at ${spread(pick((r) => r.result.milestones.grammar ?? Number.NaN), 0)} ms, first reply at ${spread(pick((r) => r.result.milestones.reply ?? Number.NaN), 0)} ms (value: median frames)`,
            value: median(pick((r) => r.result.framesToColour[0] ?? Number.NaN)),
            unit: 'frames',
          },
          0,
        ),
        row(
          {
            id: `${id}.height-jumps`,
            description: `frames where the fence's height was not its line count times the line height: page's first fence ${spread(pick((r) => r.result.heightJumps), 0)} per run, the later one ${spread(pick((r) => r.result.later.heightJumps), 0)} (value: the most in any fence)`,
            value: Math.max(...pick((r) => Math.max(r.result.heightJumps, r.result.later.heightJumps))),
            unit: 'frames',
          },
          Math.max(...pick((r) => Math.max(r.result.heightJumps, r.result.later.heightJumps))),
          pick((r) => Math.max(r.result.heightJumps, r.result.later.heightJumps)),
        ),
        row(
          {
            id: `${id}.per-token`,
            description: `one frame's tokens applied (flushSync + layout): median per run ${spread(pick((r) => median(r.result.updates)), 2)} ms, slowest per run ${spread(pick((r) => Math.max(...r.result.updates)))} ms`,
            value: median(pick((r) => median(r.result.updates))),
            unit: 'ms/frame',
          },
          0,
        ),
      )
    }
  } finally {
    await bench.close()
  }
  return rows
}
