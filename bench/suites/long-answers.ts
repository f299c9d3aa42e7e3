/**
 * One long answer in Chromium (issue 15, "Long threads and long answers"): the same mixed
 * markdown answer (headings, paragraphs, lists, tables, fences, quotes; one generator, cut at
 * the length) at 10k, 100k and 1,000,000 characters in `StreamingMarkdown` with styles.css.
 * (a) Per-token cost of the same probe passage appended after each length: flushSync + forced
 * layout (as the markdown suite) and to pixels (to the first task after the token's frame),
 * lengths interleaved per mount. (b) The longest main-thread task while the last 100k
 * characters of the 1M answer stream at 12,000 tokens/s.
 */
import type { LongTokenResult } from '../browser/long-answers-types.ts'
import { openBenchPage } from '../lib/browser-page.ts'
import { atMost, type Goal } from '../lib/goals.ts'
import { median } from '../lib/stats.ts'
import { tracedWindow } from '../lib/traced-window.ts'
import type { TraceTask } from '../lib/trace-tasks.ts'
import type { BenchContext, BenchResult } from '../lib/types.ts'

export const name = 'long-answers'

/** Mounts per length, and streams; `BENCH_MOUNTS=1` while developing. */
const MOUNTS = Number(process.env.BENCH_MOUNTS ?? 3)
const SIZES = [10_000, 100_000, 1_000_000] as const
const TOKENS = { warmupTokens: 5, tokens: 150 }
const STREAM = { settledChars: 900_000, streamedChars: 100_000, rate: 12_000 }

const spread = (values: readonly number[], digits = 2) =>
  `min ${Math.min(...values).toFixed(digits)} / median ${median(values).toFixed(digits)} / max ${Math.max(...values).toFixed(digits)}`
const label = (size: number) => (size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`)

const row = (fields: Omit<BenchResult, 'goal' | 'pass'>, goal: Goal | null, judged: number): BenchResult => ({
  ...fields,
  goal: goal?.label ?? null,
  pass: goal ? goal.met(judged) : null,
})

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const bench = await openBenchPage({ entry: 'long-answers', log: ctx.log })
  const rows: BenchResult[] = []
  try {
    const page = await bench.newPage()
    // Per-mount medians, lengths interleaved and rotated so none always runs first.
    const commitLayout = new Map<number, number[]>()
    const toPixels = new Map<number, number[]>()
    const mounts = new Map<number, LongTokenResult[]>()
    await page.evaluate((r) => window.__bench.longTokenCost!(r), { size: 10_000, warmupTokens: 2, tokens: 10 })
    for (let mount = 0; mount < MOUNTS; mount++) {
      for (let i = 0; i < SIZES.length; i++) {
        const size = SIZES[(mount + i) % SIZES.length]!
        ctx.log(`token cost, mount ${mount + 1}/${MOUNTS}, ${label(size)} characters`)
        const result = await page.evaluate((r) => window.__bench.longTokenCost!(r), { size, ...TOKENS })
        if (!result.textOk) throw new Error(`the probe did not show at the end of the ${label(size)} answer`)
        commitLayout.set(size, [...(commitLayout.get(size) ?? []), median(result.commitLayout)])
        toPixels.set(size, [...(toPixels.get(size) ?? []), median(result.toPixels)])
        mounts.set(size, [...(mounts.get(size) ?? []), result])
      }
    }
    const at = (samples: Map<number, number[]>, size: number) => median(samples.get(size)!)
    for (const [kind, samples, how] of [
      ['', commitLayout, 'flushSync + forced layout, from the token’s animation frame'],
      ['.to-pixels', toPixels, 'to pixels: from the token’s animation frame to the first task after it (commit + style + layout + paint)'],
    ] as const) {
      const growth = at(samples, 1_000_000) / at(samples, 100_000)
      const sizes = SIZES.map((size) => `${label(size)} ${spread(samples.get(size)!)} ms (${mounts.get(size)![0]!.blocks} blocks, mount ${median(mounts.get(size)!.map((m) => m.mountMs)).toFixed(0)} ms)`)
      rows.push(
        row(
          {
            id: `long-answers.token-cost${kind}.1m-over-100k`,
            description:
              `StreamingMarkdown per-token cost at 1M ÷ at 100k characters of one mixed-markdown answer (the same ${TOKENS.tokens} probe tokens after each length), ${how}; ` +
              `median per mount over ${MOUNTS} mounts per length, lengths interleaved: ${sizes.join('; ')}; 100k ÷ 10k ${(at(samples, 100_000) / at(samples, 10_000)).toFixed(2)}x`,
            value: growth,
            unit: 'x',
            peer: null,
            ratio: null,
          },
          atMost(1.5),
          growth,
        ),
      )
    }

    const longest: number[] = []
    const longestCpu: number[] = []
    const commits: number[] = []
    let worst: TraceTask | undefined
    let last: { tokens: number; commits: number; streamMs: number } | undefined
    const caughtUp: number[] = []
    for (let mount = 0; mount < MOUNTS; mount++) {
      ctx.log(`stream ${mount + 1}/${MOUNTS}: last ${STREAM.streamedChars / 1000}k of 1M characters at ${STREAM.rate} tokens/s (traced)`)
      const { result, tasks } = await tracedWindow(bench, page, () => page.evaluate((r) => window.__bench.longStream!(r), STREAM))
      if (!result.textOk) throw new Error('the streamed answer did not end on screen')
      const top = tasks[0]
      if (!top) throw new Error('no main-thread task traced while the answer streamed')
      longest.push(Math.max(top.duration, ...result.longTasks))
      longestCpu.push(Math.max(...tasks.map((task) => task.cpu ?? task.duration)))
      commits.push(result.maxCommitMs)
      caughtUp.push(result.caughtUpMs)
      if (!worst || top.duration > worst.duration) worst = top
      last = result
    }
    rows.push(
      row(
        {
          id: 'long-answers.stream.longest-task',
          description:
            `longest main-thread task (Chrome trace) while the last 100k characters of a 1M-character answer stream at ${STREAM.rate.toLocaleString('en')} tokens/s ` +
            `(${last!.tokens.toLocaleString('en')} tokens released by a timer on an absolute schedule, ${last!.commits} frames in ${(last!.streamMs / 1000).toFixed(1)} s), committed once per animation frame ` +
            `by the chat client's frame scheduler into a useSyncExternalStore store rendering StreamingMarkdown (as useChat renders; not the whole client: no SSE parsing or reducer); ` +
            `the first 900k mounted settled first, as an app shows an answer that has been streaming, scroll kept at the bottom; ${MOUNTS} streams: ` +
            `${spread(longest, 1)} ms wall, by thread CPU ${spread(longestCpu, 1)} ms, slowest frame commit ${spread(commits, 1)} ms; last word on screen ${spread(caughtUp.map((ms) => ms / 1000), 2)} s after the first token; worst task ${worst!.duration.toFixed(1)} ms [${worst!.inside.join('; ')}]`,
          value: median(longest),
          unit: 'ms',
          peer: null,
          ratio: null,
        },
        atMost(50, ' ms'),
        median(longest),
      ),
    )
  } finally {
    await bench.close()
  }
  return rows
}
