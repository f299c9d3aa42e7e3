/**
 * Huge single blocks in Chromium (issue 15): a 2,000-row table and a 3,000-line TypeScript
 * fence. Per-step cost near the end of the block (flushSync + forced layout of 1/200 of the
 * block appended) against naive react-markdown and streamdown, contenders interleaved, 5
 * mounts each; the longest main-thread task while Rivulet streams each block whole (5
 * streams, each traced: the task's wall time, its thread CPU time, and what ran inside); the
 * two denial-of-service inputs rendered once each, 5 times.
 */
import type { HugeContender, HugeKind } from '../browser/huge-blocks-types.ts'
import { openBenchPage } from '../lib/browser-page.ts'
import { taskTraceCategories, tasksBetween, type TraceTask } from '../lib/trace-tasks.ts'
import { atLeast, atMost, type Goal } from '../lib/goals.ts'
import { median } from '../lib/stats.ts'
import type { BenchContext, BenchResult } from '../lib/types.ts'

export const name = 'huge-blocks'

/** Mounts (and whole streams) per contender; `BENCH_MOUNTS=2` while developing. */
const MOUNTS = Number(process.env.BENCH_MOUNTS ?? 5)
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
      const longestCpu: number[] = []
      const steps: number[] = []
      let worst: TraceTask | undefined
      for (let mount = 0; mount < MOUNTS; mount++) {
        ctx.log(`${kind}: whole stream ${mount + 1}/${MOUNTS} (traced)`)
        await bench.browser.startTracing(page, { categories: taskTraceCategories })
        const result = await page.evaluate((r) => window.__bench.hugeStream!(r), { kind, of: 200 })
        const trace = JSON.parse((await bench.browser.stopTracing()).toString()) as Parameters<typeof tasksBetween>[0]
        if (!result.structureOk) throw new Error(`the streamed ${kind} did not end as a ${kind}`)
        const tasks = tasksBetween(trace, 'bench:stream-start', 'bench:stream-end')
        const top = tasks[0]
        if (!top) throw new Error(`no main-thread task traced while the ${kind} streamed`)
        const byCpu = Math.max(...tasks.map((task) => task.cpu ?? task.duration))
        longest.push(Math.max(top.duration, ...result.longTasks))
        longestCpu.push(byCpu)
        steps.push(result.maxStepMs)
        if (!worst || top.duration > worst.duration) worst = top
      }
      const description =
        `Rivulet streaming the whole ${kind} in 200 steps, one per frame, ${MOUNTS} streams (traced): longest main-thread task per stream ` +
        `${spread(longest)} ms wall; its CPU time (thread time of the longest task by CPU) ${spread(longestCpu)} ms; slowest step (flushSync + layout) ${spread(steps)} ms; ` +
        `worst task ${worst!.duration.toFixed(1)} ms [${worst!.inside.join('; ')}]`
      rows.push(row({ id: `huge-blocks.${kind}.longest-task`, description, value: median(longest), unit: 'ms', peer: null, ratio: null }, atMost(50, ' ms'), median(longest)))
      rows.push(
        row(
          {
            id: `huge-blocks.${kind}.longest-task-cpu`,
            description: `the same streams, longest task by thread CPU time (what the task cost without waiting for a core on a loaded machine): ${spread(longestCpu)} ms`,
            value: median(longestCpu),
            unit: 'ms',
            peer: null,
            ratio: null,
          },
          atMost(50, ' ms'),
          median(longestCpu),
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
