/**
 * Huge single blocks in Chromium (issue 15): a 2,000-row table and a 3,000-line TypeScript
 * fence. Per-step cost near the end of the block (flushSync + forced layout of 1/200 of the
 * block appended) against naive react-markdown and streamdown, contenders interleaved, 5
 * mounts each; the longest main-thread task while Rivulet streams each block whole (5
 * streams); the two denial-of-service inputs rendered once each, 5 times.
 */
import type { HugeContender, HugeKind } from '../browser/huge-blocks-types.ts'
import { openBenchPage } from '../lib/browser-page.ts'
import { atLeast, atMost, type Goal } from '../lib/goals.ts'
import { median } from '../lib/stats.ts'
import type { BenchContext, BenchResult } from '../lib/types.ts'

export const name = 'huge-blocks'

const MOUNTS = 5
const CONTENDERS: readonly HugeContender[] = ['rivulet', 'react-markdown', 'streamdown']
const PEERS = { 'react-markdown': 'react-markdown 10.1 + remark-gfm, naive', streamdown: 'streamdown 2.7.1' } as const

const spread = (values: readonly number[]) =>
  `min ${Math.min(...values).toFixed(1)} / median ${median(values).toFixed(1)} / max ${Math.max(...values).toFixed(1)}`

const row = (fields: Omit<BenchResult, 'goal' | 'pass'>, goal: Goal | null, judged: number): BenchResult => ({
  ...fields,
  goal: goal?.label ?? null,
  pass: goal ? goal.met(judged) : null,
})

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const bench = await openBenchPage({ entry: 'huge-blocks', log: ctx.log })
  const rows: BenchResult[] = []
  try {
    const page = await bench.newPage()
    for (const kind of ['table', 'fence'] as const satisfies readonly HugeKind[]) {
      // Per-mount medians, contenders interleaved and rotated.
      const perMount = new Map<HugeContender, number[]>()
      for (let mount = 0; mount < MOUNTS; mount++) {
        ctx.log(`${kind}: step cost, mount ${mount + 1}/${MOUNTS}`)
        for (let i = 0; i < CONTENDERS.length; i++) {
          const contender = CONTENDERS[(mount + i) % CONTENDERS.length]!
          const result = await page.evaluate((r) => window.__bench.hugeStepCost!(r), { contender, kind, startFraction: 0.9, steps: 6, of: 200 })
          if (!result.structureOk) throw new Error(`${contender} did not render the ${kind} as a ${kind}`)
          perMount.set(contender, [...(perMount.get(contender) ?? []), median(result.samples)])
        }
      }
      const ours = perMount.get('rivulet')!
      for (const peer of ['react-markdown', 'streamdown'] as const) {
        const theirs = perMount.get(peer)!
        rows.push(
          row(
            {
              id: `huge-blocks.${kind}.step-cost.vs-${peer}`,
              description:
                `${kind === 'table' ? '2,000-row table' : '3,000-line TS fence (Rivulet colours finished lines as they stream)'} at 90%: one step (1/200 of the block) appended, flushSync + layout; ` +
                `median per mount over ${MOUNTS} mounts, Rivulet ${spread(ours)} ms, ${PEERS[peer]} ${spread(theirs)} ms`,
              value: median(ours),
              unit: 'ms/step',
              peer: PEERS[peer],
              ratio: median(theirs) / median(ours),
            },
            atLeast(1),
            median(theirs) / median(ours),
          ),
        )
      }

      const longest: number[] = []
      const steps: number[] = []
      for (let mount = 0; mount < MOUNTS; mount++) {
        ctx.log(`${kind}: whole stream ${mount + 1}/${MOUNTS}`)
        const result = await page.evaluate((r) => window.__bench.hugeStream!(r), { kind, of: 200 })
        if (!result.structureOk) throw new Error(`the streamed ${kind} did not end as a ${kind}`)
        longest.push(Math.max(0, ...result.longTasks))
        steps.push(result.maxStepMs)
      }
      rows.push(
        row(
          {
            id: `huge-blocks.${kind}.longest-task`,
            description: `Rivulet streaming the whole ${kind} in 200 steps, one per frame: longest main-thread task (longtask API) per stream ${spread(longest)} ms; slowest step (flushSync + layout) ${spread(steps)} ms`,
            value: median(longest),
            unit: 'ms',
            peer: null,
            ratio: null,
          },
          atMost(50, ' ms'),
          median(longest),
        ),
      )
    }

    for (const which of ['nesting', 'lines']) {
      const renders: number[] = []
      for (let mount = 0; mount < MOUNTS; mount++) {
        const result = await page.evaluate((w) => window.__bench.dos!(w), which)
        renders.push(Math.max(result.renderMs, ...result.longTasks))
      }
      rows.push(
        row(
          {
            id: `huge-blocks.dos.${which}`,
            description: `${which === 'nesting' ? '5,000-deep nesting' : 'a 100,000-line message'} rendered finished: longest of (flushSync + layout, any long task) ${spread(renders)} ms over ${MOUNTS} renders`,
            value: median(renders),
            unit: 'ms',
            peer: null,
            ratio: null,
          },
          atMost(200, ' ms'),
          median(renders),
        ),
      )
    }
  } finally {
    await bench.close()
  }
  return rows
}
