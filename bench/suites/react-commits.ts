/**
 * React commits per animation frame (issue 3, item 6), in Chromium: `useChat` over an
 * in-memory transport against a naive setState-per-token hook and a 50 ms throttle (the AI
 * SDK's advice), at 100 to 3,000 tokens/s. Also how late the last token reaches the DOM, and
 * how many of 50 finished messages re-render while a new one streams.
 */
import type { CommitsContender, CommitsRun, CommitsRunResult } from '../browser/commits-types.ts'
import { openBenchPage } from '../lib/browser-page.ts'
import { atMost, judge } from '../lib/goals.ts'
import { benchMounts } from '../lib/knobs.ts'
import { median, spreadOf } from '../lib/stats.ts'
import type { BenchContext, BenchResult } from '../lib/types.ts'

export const name = 'react-commits'

const RATES = [100, 300, 1000, 3000] as const
/** Seconds of streaming per run: long enough for ~90 frames, short enough for the time box. */
const STREAM_SECONDS = 1.5
/** `done` comes this long after the last token, so the last token has to be shown on its own. */
const DONE_DELAY_MS = 200
const EARLIER_MESSAGES = 50
/** Independent streams per contender and rate, contenders rotated per pass; `BENCH_MOUNTS=2` while developing. */
const PASSES = benchMounts(5)
const CONTENDERS: readonly CommitsContender[] = ['rivulet', 'naive', 'throttled']
const PEER_NAMES: Record<CommitsContender, string> = {
  rivulet: 'useChat',
  naive: 'naive setState per token',
  throttled: '50 ms throttle',
}

function figures(results: readonly CommitsRunResult[]) {
  return {
    maxInFrame: Math.max(...results.map((r) => r.maxCommitsInFrame)),
    perFrame: median(results.map((r) => r.commits / r.frames)),
    commits: median(results.map((r) => r.commits)),
    lagFrames: Math.max(...results.map((r) => r.lagFrames)),
    lagMs: median(results.map((r) => r.lagMs)),
    earlierRenders: Math.max(...results.map((r) => r.earlierRenders)),
    frameMs: median(results.map((r) => r.frameMs)),
    chunks: median(results.map((r) => r.chunks)),
    // Why a frame got more than one commit: offsets (ms from the first token) and shown lengths.
    crowded: results
      .flatMap((r) => r.crowdedFrames)
      .slice(0, 2)
      .map((f) => `frame ${f.frame}: ${f.commits.map((c) => `+${c.at.toFixed(1)} ms len ${c.length}`).join(', ')}`)
      .join('; '),
  }
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2))

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const bench = await openBenchPage({ entry: 'react-commits', profiling: true, log: ctx.log })
  const passes = PASSES
  const byKey = new Map<string, CommitsRunResult[]>()
  try {
    const page = await bench.newPage()
    const once = async (run: CommitsRun) => {
      const result = await page.evaluate((r) => window.__bench.runCommits!(r), run)
      if (!result.textOk) throw new Error(`${run.contender} at ${run.rate} tokens/s did not render the streamed text`)
      return result
    }
    // Warm-up: JIT and first-render costs land here, not on whichever contender goes first.
    for (const contender of CONTENDERS) {
      await once({ contender, rate: 300, tokens: 100, doneDelayMs: 50, earlierMessages: EARLIER_MESSAGES })
    }
    for (let pass = 0; pass < passes; pass++) {
      for (const rate of RATES) {
        ctx.log(`pass ${pass + 1}/${passes}, ${rate} tokens/s`)
        for (let i = 0; i < CONTENDERS.length; i++) {
          const contender = CONTENDERS[(pass + i) % CONTENDERS.length]!
          const run: CommitsRun = { contender, rate, tokens: Math.round(rate * STREAM_SECONDS), doneDelayMs: DONE_DELAY_MS, earlierMessages: EARLIER_MESSAGES }
          const key = `${contender}@${rate}`
          byKey.set(key, [...(byKey.get(key) ?? []), await once(run)])
        }
      }
    }
  } finally {
    await bench.close()
  }

  const rows: BenchResult[] = []
  const commitGoal = atMost(1, ' commit/frame')
  const lagGoal = atMost(1, ' frame')
  const earlierGoal = atMost(0, ' renders')
  for (const rate of RATES) {
    const ours = figures(byKey.get(`rivulet@${rate}`)!)
    const naive = figures(byKey.get(`naive@${rate}`)!)
    const throttled = figures(byKey.get(`throttled@${rate}`)!)
    const tokens = Math.round(rate * STREAM_SECONDS)
    rows.push(
      {
        id: `react-commits.${rate}.commits-per-frame`,
        description:
          `useChat, ${tokens} tokens at ${rate}/s in ~${ours.chunks} chunks, frame ${ours.frameMs.toFixed(1)} ms: most commits in one frame (worst of ${passes}); ` +
          `mean ${fmt(ours.perFrame)}/frame${ours.crowded ? ` (crowded: ${ours.crowded})` : ''}. Naive: max ${naive.maxInFrame}, mean ${fmt(naive.perFrame)}/frame; 50 ms throttle: max ${throttled.maxInFrame}, mean ${fmt(throttled.perFrame)}/frame. Ratio: naive commits ÷ ours`,
        value: ours.maxInFrame,
        unit: 'commits/frame',
        peer: PEER_NAMES.naive,
        ratio: naive.commits / ours.commits,
        ...judge(commitGoal, ours.maxInFrame, 'commits/frame'),
        title: `useChat at ${rate} tokens/s: most commits in one frame, worst of the streams`,
        runs: passes,
        spread: spreadOf(byKey.get(`rivulet@${rate}`)!.map((r) => r.maxCommitsInFrame)),
      },
      {
        id: `react-commits.${rate}.final-lag`,
        description:
          `frames from the last token's arrival to the commit that shows it (worst of ${passes}); median ${ours.lagMs.toFixed(1)} ms. ` +
          `Naive: ${naive.lagFrames} frames, ${naive.lagMs.toFixed(1)} ms; 50 ms throttle: ${throttled.lagFrames} frames, ${throttled.lagMs.toFixed(1)} ms. Ratio: throttle lag ms ÷ ours`,
        value: ours.lagFrames,
        unit: 'frames',
        peer: PEER_NAMES.throttled,
        ratio: ours.lagMs > 0 ? throttled.lagMs / ours.lagMs : null,
        ...judge(lagGoal, ours.lagFrames, 'frames'),
        title: `useChat at ${rate} tokens/s: frames from the last token to the commit showing it, worst of the streams`,
        runs: passes,
        spread: spreadOf(byKey.get(`rivulet@${rate}`)!.map((r) => r.lagFrames)),
      },
      {
        id: `react-commits.${rate}.earlier-rerenders`,
        description:
          `renders of ${EARLIER_MESSAGES} finished messages (memoized Message) while a new answer streams, worst of ${passes}; ` +
          `naive hook with rows that are not memoized: ${naive.earlierRenders}, 50 ms throttle: ${throttled.earlierRenders}`,
        value: ours.earlierRenders,
        unit: 'renders',
        peer: PEER_NAMES.naive,
        ratio: null,
        ...judge(earlierGoal, ours.earlierRenders, 'renders'),
        title: `useChat at ${rate} tokens/s: renders of 50 finished messages while a new one streams, worst of the streams`,
        runs: passes,
        spread: spreadOf(byKey.get(`rivulet@${rate}`)!.map((r) => r.earlierRenders)),
      },
    )
  }
  return rows
}
