/**
 * One long answer in Chromium (issue 15, "Long threads and long answers"): the same mixed
 * markdown answer (headings, paragraphs, lists, tables, fences, quotes; one generator, cut at
 * the length) at 10k, 100k and 1,000,000 characters in `StreamingMarkdown` with styles.css.
 * (a) Per-token cost of the same probe passage appended after each length: flushSync + forced
 * layout (as the markdown suite) and to pixels (to the first task after the token's frame),
 * lengths interleaved per mount. (b) The longest main-thread task while the last 100k
 * characters of the 1M answer stream at 12,000 tokens/s. (c) Mounting the 1M answer settled, as a
 * restored thread shows it: the longest task, the first screen and the whole text in the DOM.
 */
import type { LongTokenResult } from '../browser/long-answers-types.ts'
import { openBenchPage, type BenchPage } from '../lib/browser-page.ts'
import { atMost, judgeDeclared, type GoalTable } from '../lib/goals.ts'
import { benchMounts } from '../lib/knobs.ts'
import { LongestTasks } from '../lib/longest-tasks.ts'
import { median, spreadOf, spreadText } from '../lib/stats.ts'
import { tracedWindow } from '../lib/traced-window.ts'
import type { TraceTask } from '../lib/trace-tasks.ts'
import type { BenchContext, BenchResult } from '../lib/types.ts'

export const name = 'long-answers'

/** Mounts per length, and streams; `BENCH_MOUNTS=1` while developing. */
const MOUNTS = benchMounts(5)
const SIZES = [10_000, 100_000, 1_000_000] as const
const TOKENS = { warmupTokens: 5, tokens: 150 }
const STREAM = { settledChars: 900_000, streamedChars: 100_000, rate: 12_000 }
const MOUNT_SIZE = 1_000_000

const spread = (values: readonly number[], digits = 2) => spreadText(values, digits)
const label = (size: number) => (size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`)

/**
 * The goal rows (issue 15, "one answer of 1,000,000 characters"): per-token cost (flushSync +
 * layout) at 1M within 1.5x of 100k, its to-pixels figure beside it; no task over 50 ms while it
 * streams or while it mounts settled, each judged on the longest task's thread CPU time (as every
 * "no task over" goal here), its wall time beside it.
 */
export const goals = {
  'long-answers.token-cost.1m-over-100k': atMost(1.5),
  'long-answers.stream.longest-task-cpu': atMost(50, ' ms'),
  'long-answers.mount.longest-task-cpu': atMost(50, ' ms'),
} satisfies GoalTable

/** A row judged by its declared goal (none: informative). */
const row = (fields: Omit<BenchResult, 'goal' | 'pass'>, judged: number): BenchResult => ({
  ...fields,
  ...(fields.id in goals ? judgeDeclared(goals, fields.id, judged, fields.unit) : { goal: null, pass: null }),
})

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const bench = await openBenchPage({ entry: 'long-answers', log: ctx.log })
  const rows: BenchResult[] = []
  try {
    const page = await bench.newPage()
    rows.push(...(await settledMountRows(bench, page, ctx)))
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
      // Per mount round: its 1M figure over its 100k figure.
      const perRound = samples.get(1_000_000)!.map((ms, i) => ms / samples.get(100_000)![i]!)
      const sizes = SIZES.map((size) => `${label(size)} ${spread(samples.get(size)!)} ms (${mounts.get(size)![0]!.blocks} blocks, mount ${median(mounts.get(size)!.map((m) => m.mountMs)).toFixed(0)} ms)`)
      rows.push(
        row(
          {
            id: `long-answers.token-cost${kind}.1m-over-100k`,
            title: `One answer, per-token cost${kind === '' ? '' : ' to pixels'}, 1M ÷ 100k characters`,
            runs: MOUNTS,
            spread: spreadOf(perRound),
            description:
              `StreamingMarkdown per-token cost at 1M ÷ at 100k characters of one mixed-markdown answer (the same ${TOKENS.tokens} probe tokens after each length, the text handed over with its TextLog version as Message hands over a text part's), ${how}; ` +
              `median per mount over ${MOUNTS} mounts per length, lengths interleaved: ${sizes.join('; ')}; 100k ÷ 10k ${(at(samples, 100_000) / at(samples, 10_000)).toFixed(2)}x`,
            value: growth,
            unit: 'x',
            peer: null,
            ratio: null,
          },
          growth,
        ),
      )
    }

    const longest = new LongestTasks()
    const commits: number[] = []
    let last: { tokens: number; commits: number; streamMs: number } | undefined
    const caughtUp: number[] = []
    for (let mount = 0; mount < MOUNTS; mount++) {
      ctx.log(`stream ${mount + 1}/${MOUNTS}: last ${STREAM.streamedChars / 1000}k of 1M characters at ${STREAM.rate} tokens/s (traced)`)
      const { result, tasks } = await tracedWindow(bench, page, () => page.evaluate((r) => window.__bench.longStream!(r), STREAM))
      if (!result.textOk) throw new Error('the streamed answer did not end on screen')
      longest.add(tasks, result.longTasks)
      commits.push(result.maxCommitMs)
      caughtUp.push(result.caughtUpMs)
      last = result
    }
    rows.push(
      row(
        {
          id: 'long-answers.stream.longest-task-cpu',
          title: 'One answer, longest task (thread CPU) while the last 100k of 1M stream at 12,000 tokens/s',
          runs: MOUNTS,
          spread: spreadOf(longest.cpu),
          description:
            `longest main-thread task (Chrome trace) while the last 100k characters of a 1M-character answer stream at ${STREAM.rate.toLocaleString('en')} tokens/s ` +
            `(${last!.tokens.toLocaleString('en')} tokens released by a timer on an absolute schedule, ${last!.commits} frames in ${(last!.streamMs / 1000).toFixed(1)} s), committed once per animation frame ` +
            `by the chat client's frame scheduler into a useSyncExternalStore store rendering StreamingMarkdown with the text's TextLog version (as useChat and Message render; not the whole client: no SSE parsing or reducer); ` +
            `the first 900k mounted settled first, as an app shows an answer that has been streaming, scroll kept at the bottom; ${MOUNTS} streams: ` +
            `${longest.describe()}; slowest frame commit ${spread(commits, 1)} ms; last word on screen ${spread(caughtUp.map((ms) => ms / 1000), 2)} s after the first token (value: median of the per-stream longest task by CPU time)`,
          value: median(longest.cpu),
          unit: 'ms',
          peer: null,
          ratio: null,
        },
        median(longest.cpu),
      ),
    )
    rows.push(
      row(
        {
          id: 'long-answers.stream.longest-task',
          title: 'One answer, longest task (wall) while the last 100k of 1M stream',
          runs: MOUNTS,
          spread: spreadOf(longest.wall),
          description: `the same streams, longest task by wall time (on a loaded machine it also counts the time the task waited for a core; the goal is judged on CPU time, the row above): ${spread(longest.wall, 1)} ms`,
          value: median(longest.wall),
          unit: 'ms',
          peer: null,
          ratio: null,
        },
        median(longest.wall),
      ),
    )
  } finally {
    await bench.close()
  }
  return rows
}

/** Mounts the settled 1M answer `MOUNTS` times under a trace: longest task, first screen, whole text in the DOM. */
async function settledMountRows(bench: BenchPage, page: Awaited<ReturnType<BenchPage['newPage']>>, ctx: BenchContext): Promise<BenchResult[]> {
  // Warm the page's code on a short answer first, as the other runs do.
  await page.evaluate((r) => window.__bench.longMount!(r), { size: 20_000 })
  const longest: number[] = []
  const longestCpu: number[] = []
  const firstScreen: number[] = []
  const firstScreenLongest: number[] = []
  const total: number[] = []
  let worst: TraceTask | undefined
  let tasksOver = 0
  for (let mount = 0; mount < MOUNTS; mount++) {
    ctx.log(`settled mount ${mount + 1}/${MOUNTS}: ${label(MOUNT_SIZE)} characters at once (traced)`)
    const { result, tasks, between } = await tracedWindow(bench, page, () => page.evaluate((r) => window.__bench.longMount!(r), { size: MOUNT_SIZE }))
    if (!result.inOrder) throw new Error(`the settled ${label(MOUNT_SIZE)} answer did not end up complete and in order (${result.headings} section headings)`)
    const top = tasks[0]
    if (!top) throw new Error('no main-thread task traced while the answer mounted')
    longest.push(Math.max(top.duration, ...result.longTasks))
    longestCpu.push(Math.max(...tasks.map((task) => task.cpu ?? task.duration)))
    firstScreenLongest.push(between('bench:window-start', 'bench:first-screen')[0]?.duration ?? 0)
    firstScreen.push(result.firstScreenMs)
    total.push(result.totalMs)
    tasksOver += tasks.filter((task) => task.duration > 50).length
    if (!worst || top.duration > worst.duration) worst = top
  }
  const seconds = (values: number[]) => spread(values.map((ms) => ms / 1000), 2)
  const mounts =
    `from root.render of a settled ${label(MOUNT_SIZE)}-character answer (StreamingMarkdown, styles.css, kept at the bottom as a chat shows a restored thread) ` +
    `until its whole text is in the DOM; ${MOUNTS} mounts: by thread CPU ${spread(longestCpu, 1)} ms, wall ${spread(longest, 1)} ms, ${tasksOver} tasks over 50 ms wall in all; ` +
    `first screen (the answer's end painted) ${spread(firstScreen, 0)} ms, its longest task ${spread(firstScreenLongest, 1)} ms wall; whole text in the DOM ${seconds(total)} s; ` +
    `worst task by wall ${worst!.duration.toFixed(1)} ms (CPU ${(worst!.cpu ?? worst!.duration).toFixed(1)}) [${worst!.inside.join('; ')}]`
  return [
    {
      id: 'long-answers.mount.longest-task-cpu',
      title: 'One answer, longest task (thread CPU) while a settled 1M answer mounts',
      runs: MOUNTS,
      spread: spreadOf(longestCpu),
      description: `longest main-thread task (Chrome trace) by thread CPU time ${mounts} (value: median of the per-mount longest task by CPU time)`,
      value: median(longestCpu),
      unit: 'ms',
      peer: null,
      ratio: null,
      ...judgeDeclared(goals, 'long-answers.mount.longest-task-cpu', median(longestCpu), 'ms'),
    },
    {
      id: 'long-answers.mount.longest-task',
      title: 'One answer, longest task (wall) while a settled 1M answer mounts',
      runs: MOUNTS,
      spread: spreadOf(longest),
      description: `the same mounts, longest task by wall time (on a loaded machine it also counts the time the task waited for a core; the goal is judged on CPU time, the row above): ${spread(longest, 1)} ms`,
      value: median(longest),
      unit: 'ms',
      peer: null,
      ratio: null,
      goal: null,
      pass: null,
    },
    {
      id: 'long-answers.mount.first-screen',
      title: 'One answer, first screen of a settled 1M answer',
      runs: MOUNTS,
      spread: spreadOf(firstScreen),
      description: `the same mounts, from root.render to the first frame painted with the answer's last words on screen: ${spread(firstScreen, 0)} ms; whole text in the DOM after ${seconds(total)} s`,
      value: median(firstScreen),
      unit: 'ms',
      peer: null,
      ratio: null,
      goal: null,
      pass: null,
    },
  ]
}
