/**
 * Streaming markdown in Chromium (issue 4, item 11): the cost of one token (React update +
 * forced layout) for `StreamingMarkdown` against naive react-markdown and streamdown at 1k to
 * 100k characters; the longest main-thread task while a 200-line TypeScript fence streams and
 * is highlighted; the gzipped size of what highlighting loads (the library's size: the `size` suite).
 */
import type { MarkdownContender, TokenCostResult, TokenCostRun } from '../browser/markdown-types.ts'
import { openBenchPage } from '../lib/browser-page.ts'
import { atLeast, atMost, type Goal } from '../lib/goals.ts'
import { median } from '../lib/stats.ts'
import { taskTraceCategories, tasksBetween } from '../lib/trace-tasks.ts'
import type { BenchContext, BenchResult } from '../lib/types.ts'

export const name = 'markdown'

const SIZES = [1_000, 10_000, 25_000, 50_000, 100_000] as const
const CONTENDERS: readonly MarkdownContender[] = ['rivulet', 'react-markdown', 'streamdown']
const PEERS = {
  'react-markdown': 'react-markdown 10.1 + remark-gfm, naive',
  streamdown: 'streamdown 2.7.1',
} as const
/** Per mount: tokens timed at most / at least, and the time after which no new token starts. */
const TOKENS = { warmupTokens: 3, maxTokens: 40, minTokens: 6, budgetMs: 1500 }
const KB = 1000

const row = (fields: Omit<BenchResult, 'goal' | 'pass'>, goal: Goal | null, judged: number): BenchResult => ({
  ...fields,
  goal: goal?.label ?? null,
  pass: goal ? goal.met(judged) : null,
})

async function highlighting(ctx: BenchContext): Promise<BenchResult[]> {
  const bench = await openBenchPage({ entry: 'markdown-highlight', log: ctx.log })
  try {
    const page = await bench.newPage()
    const scripts: string[] = []
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname)
    })
    ctx.log('200-line TypeScript fence: streaming, closing, highlighting (traced)')
    await bench.browser.startTracing(page, { categories: taskTraceCategories })
    const result = await page.evaluate((run) => window.__bench.highlight!(run), { lines: 200 })
    const trace = JSON.parse((await bench.browser.stopTracing()).toString()) as Parameters<typeof tasksBetween>[0]
    if (result.highlightedLines !== 200) throw new Error(`expected 200 highlighted lines, got ${result.highlightedLines}`)

    const highlightTasks = tasksBetween(trace, 'bench:fence-close', 'bench:settled')
    const streamTasks = tasksBetween(trace, 'bench:stream-start', 'bench:fence-close')
    const longest = highlightTasks[0]
    if (!longest) throw new Error('no main-thread task traced while highlighting')
    const over16 = highlightTasks.filter((t) => t.duration > 16)
    const loaf = [...result.loafScripts]
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 3)
      .map((s) => `${s.invoker || s.sourceFunctionName} ${s.sourceURL.replace(/^https?:\/\/[^/]+\//, '')} ${s.duration.toFixed(0)} ms`)

    let eager = 0
    const files: string[] = []
    for (const path of scripts) {
      const gzip = await bench.gzipSize(path)
      if (gzip === undefined) throw new Error(`requested script ${path} is not in the build`)
      eager += gzip
      files.push(`${path.replace(/^\/assets\//, '')} ${(gzip / KB).toFixed(1)}`)
    }
    if (scripts.length === 0) throw new Error('highlighting requested no script: was the highlighter preloaded?')

    const taskGoal = atMost(16, ' ms')
    const sizeGoal = atMost(75, ' KB')
    return [
      row(
        {
          id: 'markdown.highlight.longest-task',
          description:
            `longest main-thread task (Chrome trace) from closing a 200-line TS fence to ${result.highlightMs.toFixed(0)} ms later, highlighted, + 200 ms: ` +
            `${longest.duration.toFixed(1)} ms at +${longest.start.toFixed(0)} ms [${longest.inside.join('; ') || 'no event over 1 ms inside'}]; ` +
            `${over16.length} of ${highlightTasks.length} tasks over 16 ms (${over16.map((t) => t.duration.toFixed(0)).join(', ') || 'none'}); ` +
            `longtask API: ${result.longTasks.length} (${result.longTasks.map((d) => d.toFixed(0)).join(', ') || 'none'}); ` +
            `LoAF scripts: ${loaf.join('; ') || 'none'}; the closing update itself ${result.closeUpdateMs.toFixed(1)} ms`,
          value: longest.duration,
          unit: 'ms',
          peer: null,
          ratio: null,
        },
        taskGoal,
        longest.duration,
      ),
      row(
        {
          id: 'markdown.highlight.streaming-task',
          description:
            `while the fence streams word by word (plain text, no highlighting): longest task ${streamTasks[0]?.duration.toFixed(1) ?? '–'} ms ` +
            `[${streamTasks[0]?.inside.join('; ') ?? ''}]; ${result.streamingTokens} token updates (flushSync + layout): median ${result.streamingMedianUpdateMs.toFixed(2)} ms, ` +
            `slowest ${result.slowestUpdates.map((u) => `#${u.index} ${u.ms.toFixed(1)} ms`).join(', ')}`,
          value: streamTasks[0]?.duration ?? 0,
          unit: 'ms',
          peer: null,
          ratio: null,
        },
        null,
        0,
      ),
      row(
        {
          id: 'markdown.size.highlight-eager',
          description: `JavaScript requested from the first code fence to highlighted (gzip -9, KB): ${files.join(', ')}`,
          value: eager / KB,
          unit: 'KB gzip',
          peer: null,
          ratio: null,
        },
        sizeGoal,
        eager / KB,
      ),
    ]
  } finally {
    await bench.close()
  }
}

async function tokenCosts(ctx: BenchContext): Promise<BenchResult[]> {
  const bench = await openBenchPage({ entry: 'markdown', log: ctx.log })
  const samples = new Map<string, number[]>()
  // Two rounds of up to 40 tokens per size keep the suite near two minutes.
  const rounds = Math.min(ctx.passes, 2)
  try {
    const page = await bench.newPage()
    const once = async (run: TokenCostRun): Promise<TokenCostResult> => {
      const result = await page.evaluate((r) => window.__bench.tokenCost!(r), run)
      if (!result.textOk) throw new Error(`${run.contender} at ${run.size} characters did not show the appended text`)
      return result
    }
    for (const contender of CONTENDERS) await once({ contender, size: 5_000, ...TOKENS, maxTokens: 10, budgetMs: 1000 })
    for (let round = 0; round < rounds; round++) {
      for (const size of SIZES) {
        ctx.log(`round ${round + 1}/${rounds}, ${size / 1000}k characters`)
        for (let i = 0; i < CONTENDERS.length; i++) {
          const contender = CONTENDERS[(round + i) % CONTENDERS.length]!
          // Each round starts a little further on, so the timed tokens are not always the same ones.
          const result = await once({ contender, size: size + round * 97, ...TOKENS })
          const key = `${contender}@${size}`
          samples.set(key, [...(samples.get(key) ?? []), ...result.samples])
        }
      }
    }
  } finally {
    await bench.close()
  }

  const cost = (contender: MarkdownContender, size: number) => median(samples.get(`${contender}@${size}`)!)
  const count = (contender: MarkdownContender, size: number) => samples.get(`${contender}@${size}`)!.length
  const rows: BenchResult[] = []
  for (const size of SIZES) {
    const ours = cost('rivulet', size)
    for (const peer of ['react-markdown', 'streamdown'] as const) {
      const theirs = cost(peer, size)
      const goal = size === 100_000 ? atLeast(peer === 'react-markdown' ? 50 : 3) : null
      rows.push(
        row(
          {
            id: `markdown.token-cost.${size / 1000}k.vs-${peer}`,
            description:
              `StreamingMarkdown, one token appended at ${size / 1000}k characters: flushSync + forced layout, median of ${count('rivulet', size)} tokens; ` +
              `${PEERS[peer]} ${theirs.toFixed(2)} ms (median of ${count(peer, size)})`,
            value: ours,
            unit: 'ms/token',
            peer: PEERS[peer],
            ratio: theirs / ours,
          },
          goal,
          theirs / ours,
        ),
      )
    }
  }
  const growth = cost('rivulet', 100_000) / cost('rivulet', 10_000)
  rows.push(
    row(
      {
        id: 'markdown.token-cost.100k-over-10k',
        description: `StreamingMarkdown per-token cost at 100k ÷ at 10k characters (react-markdown: ${(cost('react-markdown', 100_000) / cost('react-markdown', 10_000)).toFixed(1)}, streamdown: ${(cost('streamdown', 100_000) / cost('streamdown', 10_000)).toFixed(1)})`,
        value: growth,
        unit: 'x',
        peer: null,
        ratio: null,
      },
      atMost(1.5),
      growth,
    ),
  )
  return rows
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  return [...(await tokenCosts(ctx)), ...(await highlighting(ctx))]
}
