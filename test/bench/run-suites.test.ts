import { describe, expect, it } from 'vitest'
import { atMost, judgeDeclared } from '../../bench/lib/goals.ts'
import { checkDeclaredGoals, runSuites } from '../../bench/lib/run-suites.ts'
import type { BenchContext, BenchResult, BenchSuite } from '../../bench/lib/types.ts'

const ctx: BenchContext = { passes: 1, warmup: 0, log: () => {} }
const goals = { 'ok.cost': atMost(2), 'ok.other': atMost(1, ' ms') }
const costRow = (figure: number): BenchResult => ({ id: 'ok.cost', description: 'd', value: figure, unit: 'x', peer: null, ratio: null, ...judgeDeclared(goals, 'ok.cost', figure, 'x') })

describe('bench runner loop', () => {
  it('turns a suite that throws into failed rows and runs the next suite', async () => {
    const lines: string[] = []
    const throwing: BenchSuite = {
      name: 'boom',
      goals: { 'boom.goal': atMost(50, ' ms') },
      run: () => Promise.reject(new Error('page crashed')),
    }
    const ok: BenchSuite = { name: 'ok', goals, run: async () => [costRow(1.5), { ...costRow(0.5), id: 'ok.other', ...judgeDeclared(goals, 'ok.other', 0.5, 'ms') }] }
    const { rows, failed } = await runSuites([throwing, ok], ctx, { write: (line) => lines.push(line), stamp: { cpus: 2, options: 'test', commit: 'abc1234' }, load: () => [1, 1, 1] })
    expect(failed).toBe(true)
    expect(rows.map((r) => [r.id, r.pass, r.suite])).toEqual([
      ['boom.suite-failed', false, 'boom'],
      ['boom.goal', false, 'boom'],
      ['ok.cost', true, 'ok'],
      ['ok.other', true, 'ok'],
    ])
    expect(rows.find((r) => r.id === 'boom.goal')?.description).toContain('page crashed')
    expect(rows.every((r) => r.run?.commit === 'abc1234' && r.run.cpus === 2)).toBe(true)
    // A progress line as each suite starts and ends, with the elapsed time of the whole run.
    expect(lines.filter((l) => /^\[\d\/2\] \w+: starting at \d+:\d\d elapsed/.test(l))).toHaveLength(2)
    expect(lines.some((l) => /^\[1\/2\] boom: FAILED in [\d.]+ s, 2 rows, 0\/2 goals met; \d+:\d\d elapsed/.test(l))).toBe(true)
    expect(lines.some((l) => /^\[2\/2\] ok: done in [\d.]+ s, 2 rows, 2\/2 goals met/.test(l))).toBe(true)
  })

  it('fails a declared goal the suite did not produce, and a goal row whose label differs from its declaration', () => {
    const suite: BenchSuite = { name: 'ok', goals, run: async () => [] }
    const loosened: BenchResult = { ...costRow(3), goal: '<= 4x', pass: true }
    const rows = checkDeclaredGoals(suite, [loosened])
    expect(rows.map((r) => [r.id, r.goal, r.pass])).toEqual([
      ['ok.cost', '<= 4x', false],
      ['ok.other', '<= 1 ms', false],
    ])
    expect(rows[1]?.description).toMatch(/without this row/)
    expect(JSON.parse(JSON.stringify(rows[1])).judged).toBeNull()
  })

  it('leaves the rows of a suite that declares no goals as they are', () => {
    const row = costRow(1)
    expect(checkDeclaredGoals({ name: 'free', run: async () => [] }, [row])).toEqual([row])
  })

  it('fails a suite that is still running after the timeout and goes on with the next', async () => {
    const hung: BenchSuite = { name: 'hung', goals: { 'hung.goal': atMost(1) }, run: () => new Promise<never>(() => {}) }
    const ok: BenchSuite = { name: 'ok', goals, run: async () => [costRow(1), { ...costRow(0.5), id: 'ok.other', ...judgeDeclared(goals, 'ok.other', 0.5, 'ms') }] }
    const { rows, failed } = await runSuites([hung, ok], ctx, { write: () => {}, stamp: { cpus: 2, options: 'test' }, timeoutMs: 50 })
    expect(failed).toBe(true)
    expect(rows.map((r) => [r.id, r.pass])).toEqual([
      ['hung.suite-failed', false],
      ['hung.goal', false],
      ['ok.cost', true],
      ['ok.other', true],
    ])
    expect(rows[0]?.description).toMatch(/still running after/)
  })
})
