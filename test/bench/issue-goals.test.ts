// @vitest-environment node
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { issue15Goals } from '../../bench/lib/issue-goals.ts'
import type { BenchSuite } from '../../bench/lib/types.ts'

// Every suite module, as the runner loads them (bench/run.ts reads the same folder).
const suiteModules = import.meta.glob<Partial<BenchSuite>>('../../bench/suites/*.ts')

async function declarations(): Promise<Map<string, { suite: string; label: string }[]>> {
  const byId = new Map<string, { suite: string; label: string }[]>()
  for (const [file, load] of Object.entries(suiteModules)) {
    const suite = await load()
    for (const [id, goal] of Object.entries(suite.goals ?? {})) byId.set(id, [...(byId.get(id) ?? []), { suite: suite.name ?? file, label: goal.label }])
  }
  return byId
}

describe("issue 15's goals in the benchmark", () => {
  it('each goal is judged by one row, declared by exactly one suite under the same label', async () => {
    const declared = await declarations()
    for (const { id, label } of issue15Goals) {
      const where = declared.get(id) ?? []
      expect(where.map((d) => d.label), id).toEqual([label])
      // The row belongs to the suite its id names, so the runner's check of that suite covers it.
      expect(id.startsWith(`${where[0]!.suite}.`), id).toBe(true)
    }
  }, 60_000)

  it('no row judges two goals, and bench/README.md lists every goal row', () => {
    const ids = issue15Goals.map((g) => g.id)
    expect(new Set(ids).size).toBe(ids.length)
    const readme = readFileSync(join(process.cwd(), 'bench/README.md'), 'utf8')
    expect(ids.filter((id) => !readme.includes(`\`${id}\``))).toEqual([])
  })
})
