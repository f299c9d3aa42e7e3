/**
 * Streaming markdown in Chromium (issue 4, item 11; fairness from issue 15): the cost of one
 * token for `StreamingMarkdown` against naive react-markdown and streamdown at 1k to 100k
 * characters, each with its real CSS and streamdown with its fences coloured (a Shiki plugin:
 * `browser/streamdown-shiki.ts`), in the same 760 × 700 chat box. `BENCH_MOUNTS` (default 5)
 * mounts per contender and length, contenders rotated per round, every contender of a round
 * timing the same 12 tokens, each timed as flushSync + forced layout and to pixels. Also the
 * longest main-thread task while a 200-line TypeScript fence streams and is highlighted (one
 * fresh page per run), and the gzipped size of what highlighting loads.
 */
import type { MarkdownContender, TokenCostResult, TokenCostRun } from '../browser/markdown-types.ts'
import { openBenchPage, type BenchPage } from '../lib/browser-page.ts'
import { atLeast, atMost, judge, judgeDeclared, type GoalTable } from '../lib/goals.ts'
import { benchMounts } from '../lib/knobs.ts'
import { median, spreadOf } from '../lib/stats.ts'
import { taskTraceCategories, tasksBetween } from '../lib/trace-tasks.ts'
import type { BenchContext, BenchResult } from '../lib/types.ts'

export const name = 'markdown'

const SIZES = [1_000, 10_000, 25_000, 50_000, 100_000] as const
const CONTENDERS: readonly MarkdownContender[] = ['rivulet', 'react-markdown', 'streamdown']
const PEERS = {
  'react-markdown': 'react-markdown 10.1 + remark-gfm, naive',
  streamdown: 'streamdown 2.7.1 + Shiki code plugin',
} as const
/** Mounts per contender and length (contenders rotated per round); `BENCH_MOUNTS=2` while developing. */
const MOUNTS = benchMounts(5)
/** Per mount: untimed tokens, then the timed ones (the same tokens for every contender of a round). */
const WARMUP_TOKENS = 3
const TIMED_TOKENS = 12
const KB = 1000

/** The goal rows; the runner fails a declared goal that a run did not produce. */
export const goals = {
  'markdown.token-cost.100k.vs-react-markdown': atLeast(50),
  'markdown.token-cost.100k.vs-streamdown': atLeast(3),
  'markdown.token-cost.100k-over-10k': atMost(1.5),
  'markdown.highlight.longest-task': atMost(16, ' ms'),
  'markdown.size.highlight-eager': atMost(75, ' KB'),
} satisfies GoalTable

/** One fresh page: a 200-line fence streamed, closed and highlighted, traced. */
async function highlightOnce(bench: BenchPage, ctx: BenchContext) {
  const page = await bench.newPage()
  const scripts: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname)
  })
  await bench.browser.startTracing(page, { categories: taskTraceCategories })
  const result = await page.evaluate((run) => window.__bench.highlight!(run), { lines: 200 })
  const trace = JSON.parse((await bench.browser.stopTracing()).toString()) as Parameters<typeof tasksBetween>[0]
  await page.context().close()
  if (result.highlightedLines !== 200) throw new Error(`expected 200 highlighted lines, got ${result.highlightedLines}`)
  const highlightTasks = tasksBetween(trace, 'bench:fence-close', 'bench:settled')
  const streamTasks = tasksBetween(trace, 'bench:stream-start', 'bench:fence-close')
  if (!highlightTasks[0]) throw new Error('no main-thread task traced while highlighting')
  ctx.log(`longest task at the close ${highlightTasks[0].duration.toFixed(1)} ms, while streaming ${streamTasks[0]?.duration.toFixed(1) ?? '–'} ms`)
  return { result, scripts, highlightTasks, streamTasks, longest: highlightTasks[0] }
}

async function highlighting(ctx: BenchContext): Promise<BenchResult[]> {
  const bench = await openBenchPage({ entry: 'markdown-highlight', log: ctx.log })
  try {
    const runs: Awaited<ReturnType<typeof highlightOnce>>[] = []
    // No contenders here (the streaming-highlight suite has the full picture); a fresh page per run.
    const pages = MOUNTS
    for (let i = 0; i < pages; i++) {
      ctx.log(`200-line TypeScript fence: streaming, closing, highlighting (traced), page ${i + 1}/${pages}`)
      runs.push(await highlightOnce(bench, ctx))
    }
    // The row's detail comes from the run with the longest task, the one the goal is judged on.
    const worst = runs.reduce((a, b) => (b.longest.duration > a.longest.duration ? b : a))
    const { result, scripts, highlightTasks, streamTasks, longest } = worst
    const over16 = highlightTasks.filter((t) => t.duration > 16)
    const loaf = [...result.loafScripts]
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 3)
      .map((s) => `${s.invoker || s.sourceFunctionName} ${s.sourceURL.replace(/^https?:\/\/[^/]+\//, '')} ${s.duration.toFixed(0)} ms`)

    let eager = 0
    const files: string[] = []
    for (const path of runs[0]!.scripts) {
      const gzip = await bench.gzipSize(path)
      if (gzip === undefined) throw new Error(`requested script ${path} is not in the build`)
      eager += gzip
      files.push(`${path.replace(/^\/assets\//, '')} ${(gzip / KB).toFixed(1)}`)
    }
    if (scripts.length === 0) throw new Error('highlighting requested no script: was the highlighter preloaded?')

    const longestTasks = runs.map((r) => r.longest.duration)
    const streamingLongest = runs.map((r) => r.streamTasks[0]?.duration ?? 0)
    return [
      {
        id: 'markdown.highlight.longest-task',
        title: 'longest main-thread task from closing a 200-line TS fence to highlighted, worst of the pages',
        description:
          `longest main-thread task (Chrome trace) from closing a 200-line TS fence to highlighted + 200 ms, worst of ${runs.length} fresh pages ` +
          `(${longestTasks.map((d) => d.toFixed(1)).join(', ')} ms); in the worst, ${result.highlightMs.toFixed(0)} ms to highlighted, ` +
          `${longest.duration.toFixed(1)} ms at +${longest.start.toFixed(0)} ms [${longest.inside.join('; ') || 'no event over 1 ms inside'}]; ` +
          `${over16.length} of ${highlightTasks.length} tasks over 16 ms (${over16.map((t) => t.duration.toFixed(0)).join(', ') || 'none'}); ` +
          `longtask API: ${result.longTasks.length} (${result.longTasks.map((d) => d.toFixed(0)).join(', ') || 'none'}); ` +
          `LoAF scripts: ${loaf.join('; ') || 'none'}; the closing update itself ${result.closeUpdateMs.toFixed(1)} ms`,
        value: Math.max(...longestTasks),
        unit: 'ms',
        peer: null,
        ratio: null,
        ...judgeDeclared(goals, 'markdown.highlight.longest-task', Math.max(...longestTasks), 'ms'),
        runs: runs.length,
        spread: spreadOf(longestTasks),
      },
      {
        id: 'markdown.highlight.streaming-task',
        description:
          `while the fence streams word by word: longest task per page ${streamingLongest.map((d) => d.toFixed(1)).join(', ')} ms; in the worst page ` +
          `[${streamTasks[0]?.inside.join('; ') ?? ''}]; ${result.streamingTokens} token updates (flushSync + layout): median ${result.streamingMedianUpdateMs.toFixed(2)} ms, ` +
          `slowest ${result.slowestUpdates.map((u) => `#${u.index} ${u.ms.toFixed(1)} ms`).join(', ')}`,
        value: Math.max(...streamingLongest),
        unit: 'ms',
        peer: null,
        ratio: null,
        goal: null,
        pass: null,
        runs: runs.length,
        spread: spreadOf(streamingLongest),
      },
      {
        id: 'markdown.size.highlight-eager',
        title: 'JavaScript requested from the first code fence to highlighted',
        description: `JavaScript requested from the first code fence to highlighted (gzip -9, KB): ${files.join(', ')}`,
        value: eager / KB,
        unit: 'KB gzip',
        peer: null,
        ratio: null,
        ...judgeDeclared(goals, 'markdown.size.highlight-eager', eager / KB, 'KB gzip'),
      },
    ]
  } finally {
    await bench.close()
  }
}

/** One token-cost cell: a contender at a length, over every mount. */
interface Cell {
  /** Per mount: median flushSync + layout, median to pixels, all timed tokens. */
  mounts: { commitLayout: number; toPixels: number; samples: number[]; pixels: number[] }[]
}

async function tokenCosts(ctx: BenchContext): Promise<BenchResult[]> {
  const bench = await openBenchPage({ entry: 'markdown', log: ctx.log })
  const cells = new Map<string, Cell>()
  const coloured = new Map<MarkdownContender, number>()
  try {
    const page = await bench.newPage()
    const once = async (run: TokenCostRun): Promise<TokenCostResult> => {
      const result = await page.evaluate((r) => window.__bench.tokenCost!(r), run)
      if (!result.textOk) throw new Error(`${run.contender} at ${run.size} characters did not show the appended text`)
      if (result.samples.length !== run.tokens) throw new Error(`${run.contender} timed ${result.samples.length} of ${run.tokens} tokens`)
      return result
    }
    // Warm-up mounts: JIT, the highlighter and its grammars load here, not in a timed mount.
    for (const contender of CONTENDERS) coloured.set(contender, (await once({ contender, size: 5_000, probeSection: 0, warmupTokens: 3, tokens: 5 })).colouredBlocks)
    if (!coloured.get('rivulet') || !coloured.get('streamdown')) throw new Error(`fences not coloured: ${JSON.stringify(Object.fromEntries(coloured))}`)
    for (let mount = 0; mount < MOUNTS; mount++) {
      for (const size of SIZES) {
        ctx.log(`mount ${mount + 1}/${MOUNTS}, ${size / 1000}k characters`)
        for (let i = 0; i < CONTENDERS.length; i++) {
          const contender = CONTENDERS[(mount + i) % CONTENDERS.length]!
          // Every contender and every length of a round times the same section's tokens; another section each round.
          const result = await once({ contender, size, probeSection: 3 + mount * 5, warmupTokens: WARMUP_TOKENS, tokens: TIMED_TOKENS })
          const key = `${contender}@${size}`
          const cell = cells.get(key) ?? { mounts: [] }
          cell.mounts.push({ commitLayout: median(result.samples), toPixels: median(result.toPixels), samples: result.samples, pixels: result.toPixels })
          cells.set(key, cell)
        }
      }
    }
  } finally {
    await bench.close()
  }

  const cell = (contender: MarkdownContender, size: number) => cells.get(`${contender}@${size}`)!
  /** Median over every timed token of every mount. */
  const cost = (contender: MarkdownContender, size: number, pixels = false) => median(cell(contender, size).mounts.flatMap((m) => (pixels ? m.pixels : m.samples)))
  /** A ratio per mount round (the same tokens for both), for its spread. */
  const perMount = (f: (mount: number) => number) => Array.from({ length: MOUNTS }, (_, i) => f(i))
  const mountFigure = (contender: MarkdownContender, size: number, mount: number, pixels = false) => {
    const m = cell(contender, size).mounts[mount]!
    return pixels ? m.toPixels : m.commitLayout
  }
  const ms = (n: number) => n.toFixed(2)
  const rows: BenchResult[] = []
  for (const size of SIZES) {
    const ours = cost('rivulet', size)
    const oursPixels = cost('rivulet', size, true)
    for (const peer of ['react-markdown', 'streamdown'] as const) {
      const theirs = cost(peer, size)
      const ratio = theirs / ours
      const ratios = perMount((i) => mountFigure(peer, size, i) / mountFigure('rivulet', size, i))
      const pixelRatio = cost(peer, size, true) / oursPixels
      const id = `markdown.token-cost.${size / 1000}k.vs-${peer}`
      rows.push({
        id,
        title: `StreamingMarkdown per-token cost at ${size / 1000}k characters, flushSync + layout`,
        description:
          `StreamingMarkdown, one token appended at ${size / 1000}k characters in a 760 × 700 chat box with styles.css, fences coloured: ` +
          `flushSync + forced layout ${ms(ours)} ms (median of ${MOUNTS} mounts × ${TIMED_TOKENS} tokens; per mount ${cell('rivulet', size).mounts.map((m) => ms(m.commitLayout)).join(', ')}), ` +
          `to pixels ${ms(oursPixels)} ms; ${PEERS[peer]} ${ms(theirs)} ms (per mount ${cell(peer, size).mounts.map((m) => ms(m.commitLayout)).join(', ')}), to pixels ${ms(cost(peer, size, true))} ms; ` +
          `ratio to pixels ${pixelRatio.toFixed(2)}x; spread: the ratio per mount round (same tokens)`,
        value: ours,
        unit: 'ms/token',
        peer: PEERS[peer],
        ratio,
        ...(id in goals ? judgeDeclared(goals, id, ratio, 'x') : judge(null, ratio, 'x')),
        runs: MOUNTS,
        spread: spreadOf(ratios),
      })
    }
    rows.push({
      id: `markdown.token-cost.${size / 1000}k.to-pixels`,
      title: `StreamingMarkdown per-token cost at ${size / 1000}k characters, to pixels`,
      description:
        `from the frame's start to a task after the frame that painted the token (commit + layout + paint), median of ${MOUNTS} mounts × ${TIMED_TOKENS} tokens; ` +
        `react-markdown ${ms(cost('react-markdown', size, true))} ms, streamdown ${ms(cost('streamdown', size, true))} ms; ratio: streamdown ÷ ours`,
      value: oursPixels,
      unit: 'ms/token',
      peer: PEERS.streamdown,
      ratio: cost('streamdown', size, true) / oursPixels,
      goal: null,
      pass: null,
      runs: MOUNTS,
      spread: spreadOf(perMount((i) => mountFigure('rivulet', size, i, true))),
    })
  }
  const growth = cost('rivulet', 100_000) / cost('rivulet', 10_000)
  rows.push({
    id: 'markdown.token-cost.100k-over-10k',
    title: 'StreamingMarkdown per-token cost, 100k ÷ 10k characters',
    description:
      `StreamingMarkdown per-token cost (flushSync + layout) at 100k ÷ at 10k characters of the same corpus, the same section's tokens appended after each length; to pixels ${(cost('rivulet', 100_000, true) / cost('rivulet', 10_000, true)).toFixed(2)}x ` +
      `(react-markdown: ${(cost('react-markdown', 100_000) / cost('react-markdown', 10_000)).toFixed(1)}, streamdown: ${(cost('streamdown', 100_000) / cost('streamdown', 10_000)).toFixed(1)}); spread: per mount round`,
    value: growth,
    unit: 'x',
    peer: null,
    ratio: null,
    ...judgeDeclared(goals, 'markdown.token-cost.100k-over-10k', growth, 'x'),
    runs: MOUNTS,
    spread: spreadOf(perMount((i) => mountFigure('rivulet', 100_000, i) / mountFigure('rivulet', 10_000, i))),
  })
  return rows
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  return [...(await tokenCosts(ctx)), ...(await highlighting(ctx))]
}
