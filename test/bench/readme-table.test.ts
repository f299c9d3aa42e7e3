import { describe, expect, it } from 'vitest'
import { atLeast, atMost, below, judge, parseGoal, within } from '../../bench/lib/goals.ts'
import { BEGIN_MARKER, END_MARKER, goalLines, provenance, readmeTable, replaceBetweenMarkers, verdict } from '../../bench/lib/readme-table.ts'
import type { BenchResult, SuiteRunInfo } from '../../bench/lib/types.ts'

const fullRun = '2026-12-03T14:40:00.000Z'
const info = (startedAt: string, load: [number, number], full = true): SuiteRunInfo => ({
  startedAt,
  seconds: 120,
  loadStart: [load[0], 1, 1],
  loadEnd: [load[1], 1, 1],
  cpus: 2,
  ...(full ? { fullRun } : {}),
  options: 'passes 7, warmup 2, cpu clock',
})

const base = { peer: null, ratio: null, goal: null, pass: null } as const

function fixture(full = true): BenchResult[] {
  const markdown = info('2026-12-03T14:40:01.000Z', [0.4, 1.9], full)
  const threads = info('2026-12-03T14:50:00.000Z', [1.2, 1.5], full)
  return [
    { ...base, id: 'markdown.mount', description: 'informational only', value: 3, unit: 'ms', suite: 'markdown', run: markdown },
    {
      id: 'markdown.token-cost.100k.vs-streamdown',
      title: 'per-token cost at 100k characters',
      description: 'long; description',
      value: 1.1,
      unit: 'ms/token',
      peer: 'streamdown 2.7.1',
      ratio: 3.4,
      ...judge(atLeast(3), 3.4, 'x'),
      runs: 5,
      spread: { min: 2.9, median: 3.4, max: 4.1 },
      suite: 'markdown',
      run: markdown,
    },
    {
      ...base,
      id: 'threads.token-cost.growth',
      description: 'cost after 1,000 ÷ after 0: flushSync + layout',
      value: 1.31,
      unit: 'x',
      ...judge(atMost(1.2), 1.31, 'x'),
      runs: 5,
      spread: { min: 1.1, median: 1.31, max: 1.9 },
      suite: 'threads',
      run: threads,
    },
  ]
}

describe('bench goals', () => {
  it('judge() computes the pass from the figure, so a goal row cannot skip the check', () => {
    expect(judge(atMost(1.2), 1.31, 'x')).toEqual({ goal: '<= 1.2x', pass: false, judged: 1.31, judgedUnit: 'x' })
    expect(judge(atMost(1.2), 1.19, 'x').pass).toBe(true)
    expect(judge(atMost(1.2), Number.NaN, 'x').pass).toBe(false)
    expect(judge(null, 1, 'x')).toEqual({ goal: null, pass: null })
  })

  it('parseGoal reads back every label the goal helpers print', () => {
    for (const [goal, yes, no] of [
      [atLeast(1.5), 1.5, 1.49],
      [atMost(16, ' ms'), 16, 16.1],
      [below(100), 99, 100],
      [within(1.15), 1.15, 1.2],
    ] as const) {
      const parsed = parseGoal(goal.label)
      expect(parsed?.met(yes), goal.label).toBe(true)
      expect(parsed?.met(no), goal.label).toBe(false)
    }
    expect(parseGoal('completes')).toBeNull()
  })
})

describe('README benchmark table', () => {
  it('shows every goal row, met or not, and leaves informational rows out', () => {
    const lines = goalLines(fixture())
    expect(lines.map((l) => [l.id, l.verdict])).toEqual([
      ['markdown.token-cost.100k.vs-streamdown', 'met'],
      ['threads.token-cost.growth', 'NOT met'],
    ])
  })

  it('prints the judged figure with its spread, the runs and the suite load average', () => {
    const [ratio, growth] = goalLines(fixture())
    expect(ratio).toMatchObject({ what: 'per-token cost at 100k characters (vs streamdown 2.7.1)', figure: '3.40x (2.90 / 3.40 / 4.10)', runs: '5', load: '0.4 → 1.9' })
    expect(growth).toMatchObject({ what: 'cost after 1,000 ÷ after 0', figure: '1.31x (1.10 / 1.31 / 1.90)', goal: '<= 1.2x' })
  })

  it('flags a pass that does not follow from the figure, and a goal that was never judged', () => {
    const [, , growth] = fixture()
    expect(verdict({ ...growth!, pass: true })).toBe('inconsistent')
    expect(verdict({ ...growth!, pass: null })).toBe('not judged')
  })

  it('judges rows written before `judged` existed on the ratio when the goal is a speed-up', () => {
    const legacy: BenchResult = { id: 'parser.x', description: 'd', value: 1051, unit: 'MiB/s', peer: 'p', ratio: 1.28, goal: '>= 1.5x', pass: false }
    expect(goalLines([legacy])[0]).toMatchObject({ figure: '1.28x', verdict: 'NOT met', runs: '–', load: '–' })
    const slowdown: BenchResult = { id: 'parser.floor', description: 'd', value: 1.29, unit: 'x floor', peer: 'floor', ratio: 0.78, goal: 'within 1.15x', pass: false }
    expect(goalLines([slowdown])[0]).toMatchObject({ figure: '1.29 x floor', verdict: 'NOT met' })
  })

  it('says whether the rows come from one full run', () => {
    expect(provenance(fixture())).toBe('One full `npm run bench` started 2026-12-03 14:40 UTC: 2 suites, 4 min, 2 CPUs; options: passes 7, warmup 2, cpu clock.')
    expect(provenance(fixture(false))).toMatch(/^\*\*Not one full run\*\*.*markdown 2026-12-03 14:40, threads 2026-12-03 14:50/)
  })

  it('names the commit that ran when every suite stamped the same one', () => {
    const rows = fixture().map((row) => ({ ...row, run: { ...row.run!, commit: 'abc1234' } }))
    expect(provenance(rows)).toMatch(/^One full `npm run bench` started 2026-12-03 14:40 UTC at commit abc1234: 2 suites/)
    expect(provenance(rows.map((row) => ({ ...row, run: { ...row.run!, fullRun: undefined } })))).toMatch(/markdown 2026-12-03 14:40 \(abc1234\)/)
    const mixed = rows.map((row) => ({ ...row, run: { ...row.run!, commit: row.suite === 'threads' ? 'def5678' : 'abc1234' } }))
    expect(provenance(mixed)).not.toContain('at commit')
  })

  it('shows a goal whose figure was never measured as not met', () => {
    const missing: BenchResult = { id: 'threads.mount.first-screen', description: 'not measured', value: Number.NaN, unit: '', peer: null, ratio: null, goal: '<= 100 ms', pass: false, judged: Number.NaN }
    // As the runner writes it: JSON turns the missing figure into null.
    const [line] = goalLines(JSON.parse(JSON.stringify([missing])) as BenchResult[])
    expect(line).toMatchObject({ figure: '–', verdict: 'NOT met' })
  })

  it('renders a markdown table with one line per goal row', () => {
    const table = readmeTable(fixture())
    expect(table).toContain('1 of 2 goals met')
    expect(table).toContain('| cost after 1,000 ÷ after 0 <sub>`threads.token-cost.growth`</sub> | 1.31x (1.10 / 1.31 / 1.90) | <= 1.2x | 5 | 1.2 → 1.5 | **NOT met** |')
    expect(table.split('\n').filter((line) => line.startsWith('| ') && line.includes('<sub>'))).toHaveLength(2)
  })

  it('rewrites only the text between the markers', () => {
    const readme = `# Title\n\n## Benchmarks\n\nProse above.\n\n${BEGIN_MARKER}\nold table\n${END_MARKER}\n\nProse below.\n`
    const out = replaceBetweenMarkers(readme, 'NEW')
    expect(out).toBe(`# Title\n\n## Benchmarks\n\nProse above.\n\n${BEGIN_MARKER}\nNEW\n${END_MARKER}\n\nProse below.\n`)
    expect(replaceBetweenMarkers(out, 'NEW')).toBe(out)
    expect(() => replaceBetweenMarkers('# no markers', 'NEW')).toThrow(/exactly one/)
    expect(() => replaceBetweenMarkers(`${readme}${BEGIN_MARKER}`, 'NEW')).toThrow(/exactly one/)
    expect(() => replaceBetweenMarkers(`${END_MARKER}\n${BEGIN_MARKER}`, 'NEW')).toThrow(/exactly one/)
  })
})
