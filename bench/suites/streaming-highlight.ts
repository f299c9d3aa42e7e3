/**
 * Code coloured while it streams (issue 15): a TypeScript fence streams into
 * `StreamingMarkdown` a few word-sized tokens per frame, each run traced (every main-thread
 * task, wall and thread CPU time) and sampled by V8's profiler, so each task's time inside the
 * highlighter's scripts (Shiki's core, its regex engine, the grammar) is known. Reported with
 * min / median / max over the runs: the longest time one task spent highlighting, the longest
 * task that highlighted at all, frames from a line's newline to its colours, height jumps, and
 * the per-frame update cost.
 */
import type { StreamHighlightResult } from '../browser/streaming-highlight-types.ts'
import { openBenchPage } from '../lib/browser-page.ts'
import { attributedTime, type CpuProfile } from '../lib/cpu-profile.ts'
import { atMost, type Goal } from '../lib/goals.ts'
import { median } from '../lib/stats.ts'
import { taskTraceCategories, tasksBetween } from '../lib/trace-tasks.ts'
import type { BenchContext, BenchResult } from '../lib/types.ts'

export const name = 'streaming-highlight'

/** Runs per size; `BENCH_MOUNTS=2` while developing. */
const RUNS = Number(process.env.BENCH_MOUNTS ?? 5)
const SIZES = [200, 1_000] as const
const TOKENS_PER_FRAME = 3
/** Scripts whose time counts as highlighting: Shiki's chunks, as Vite names them. */
const HIGHLIGHTER = /\/assets\/(core|engine-javascript|typescript|shiki)[-.]/

const spread = (values: readonly number[], digits = 1) =>
  `min ${Math.min(...values).toFixed(digits)} / median ${median(values).toFixed(digits)} / max ${Math.max(...values).toFixed(digits)}`

const row = (fields: Omit<BenchResult, 'goal' | 'pass' | 'peer' | 'ratio'>, goal: Goal | null, judged: number): BenchResult => ({
  ...fields,
  peer: null,
  ratio: null,
  goal: goal?.label ?? null,
  pass: goal ? goal.met(judged) : null,
})

interface RunFigures {
  /** Longest time one task spent in the highlighter, ms (sampled). */
  highlightInTask: number
  /** The same, scaled by each task's CPU / wall time. */
  highlightInTaskCpu: number
  /** Longest task (wall, then CPU) among those that highlighted. */
  highlightTaskWall: number
  highlightTaskCpu: number
  /** Longest task of the stream, wall and CPU. */
  longestWall: number
  longestCpu: number
  highlightTotal: number
  result: StreamHighlightResult
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
        await page.close()
        if (result.framesToColour.length === 0) throw new Error('no line was coloured while the fence streamed')
        const tasks = tasksBetween(trace, 'bench:stream-start', 'bench:stream-end')
        const inHighlighter = attributedTime(profile, tasks, HIGHLIGHTER)
        const highlighting = tasks.filter((_, index) => inHighlighter[index]! > 0)
        // Samples count wall time, which a loaded machine stretches: scaled to the task's thread CPU time too.
        const inHighlighterCpu = tasks.map((task, index) => (task.cpu === undefined ? inHighlighter[index]! : (inHighlighter[index]! * task.cpu) / task.duration))
        if (highlighting.length === 0) throw new Error('no task ran the highlighter: are its chunks still named core-/engine-javascript-/typescript-?')
        runs.push({
          highlightInTask: Math.max(...inHighlighter),
          highlightInTaskCpu: Math.max(...inHighlighterCpu),
          highlightTaskWall: Math.max(...highlighting.map((task) => task.duration)),
          highlightTaskCpu: Math.max(...highlighting.map((task) => task.cpu ?? task.duration)),
          longestWall: Math.max(...tasks.map((task) => task.duration)),
          longestCpu: Math.max(...tasks.map((task) => task.cpu ?? task.duration)),
          highlightTotal: inHighlighter.reduce((a, b) => a + b, 0),
          result,
        })
      }
      const pick = (f: (r: RunFigures) => number) => runs.map(f)
      // Lines finished before the highlighter was ready (first fence of the page: Shiki loads) are reported apart.
      const framesP = (q: number) => (r: RunFigures) => {
        const sorted = r.result.framesToColour.slice(r.result.firstColouredLine).sort((a, b) => a - b)
        return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
      }
      const coldWait = (r: RunFigures) => Math.max(0, ...r.result.framesToColour.slice(0, r.result.firstColouredLine + 1))
      const id = `streaming-highlight.${lines}`
      const about = `${lines}-line TS fence streamed ${TOKENS_PER_FRAME} word tokens per frame into StreamingMarkdown, ${RUNS} runs (fresh page each, highlighter loaded in the run)`
      rows.push(
        row(
          {
            id: `${id}.highlight-per-task`,
            description: `${about}: longest time one main-thread task spent in the highlighter (V8 samples in Shiki's chunks, per task), scaled to the task's thread CPU time ${spread(pick((r) => r.highlightInTaskCpu))} ms; as sampled (wall, stretched by the machine's load) ${spread(pick((r) => r.highlightInTask))} ms; total highlighting per run ${spread(pick((r) => r.highlightTotal), 0)} ms (value: CPU-scaled)`,
            value: median(pick((r) => r.highlightInTaskCpu)),
            unit: 'ms',
          },
          atMost(16, ' ms'),
          median(pick((r) => r.highlightInTaskCpu)),
        ),
        row(
          {
            id: `${id}.highlight-task`,
            description: `longest whole task that highlighted at all: wall ${spread(pick((r) => r.highlightTaskWall))} ms, thread CPU ${spread(pick((r) => r.highlightTaskCpu))} ms; longest task of the stream: wall ${spread(pick((r) => r.longestWall))} ms, CPU ${spread(pick((r) => r.longestCpu))} ms (value: CPU of the longest highlighting task)`,
            value: median(pick((r) => r.highlightTaskCpu)),
            unit: 'ms',
          },
          null,
          0,
        ),
        row(
          {
            id: `${id}.frames-to-colour`,
            description: `frames from a line's newline to its colours, once the highlighter is ready: median per run ${spread(pick(framesP(0.5)), 0)}, 95th percentile ${spread(pick(framesP(0.95)), 0)}, max ${spread(pick((r) => Math.max(0, ...r.result.framesToColour.slice(r.result.firstColouredLine))), 0)}; lines finished while Shiki loaded (first fence of a page) waited up to ${spread(pick(coldWait), 0)} frames; lines coloured by the end of the stream ${spread(pick((r) => r.result.colouredAtEnd / r.result.finishedAtEnd), 2)} of those finished (value: median of the per-run 95th percentiles)`,
            value: median(pick(framesP(0.95))),
            unit: 'frames',
          },
          atMost(2, ' frames'),
          median(pick(framesP(0.95))),
        ),
        row(
          {
            id: `${id}.height-jumps`,
            description: `frames where the fence's height was not its line count times the line height: ${spread(pick((r) => r.result.heightJumps), 0)} per run`,
            value: Math.max(...pick((r) => r.result.heightJumps)),
            unit: 'frames',
          },
          atMost(0, ' frames'),
          Math.max(...pick((r) => r.result.heightJumps)),
        ),
        row(
          {
            id: `${id}.per-token`,
            description: `one frame's tokens applied (flushSync + layout): median per run ${spread(pick((r) => median(r.result.updates)), 2)} ms, slowest per run ${spread(pick((r) => Math.max(...r.result.updates)))} ms`,
            value: median(pick((r) => median(r.result.updates))),
            unit: 'ms/frame',
          },
          null,
          0,
        ),
      )
    }
  } finally {
    await bench.close()
  }
  return rows
}
