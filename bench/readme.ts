/**
 * `npm run bench:readme [-- --print] [--results path] [--readme path]`
 *
 * Turns `bench/results/latest.json` into README's benchmark table: rewrites the text between
 * `<!-- bench:begin -->` and `<!-- bench:end -->` in README.md (the prose around it stays), or
 * prints the table with `--print`. Every row with a goal is shown, met or not (`lib/readme-table.ts`).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { goalLines, readmeTable, replaceBetweenMarkers } from './lib/readme-table.ts'
import type { BenchResult } from './lib/types.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const { values } = parseArgs({
  options: {
    print: { type: 'boolean', default: false },
    results: { type: 'string', default: `${root}bench/results/latest.json` },
    readme: { type: 'string', default: `${root}README.md` },
  },
})

async function main() {
  const rows = JSON.parse(await readFile(values.results, 'utf8')) as BenchResult[]
  if (!Array.isArray(rows)) throw new Error(`${values.results} is not an array of result rows`)
  const table = readmeTable(rows)
  const lines = goalLines(rows)
  for (const line of lines.filter((l) => l.verdict === 'inconsistent' || l.verdict === 'not judged')) {
    process.stderr.write(`warning: ${line.id}: ${line.verdict} (goal ${line.goal}, figure ${line.figure})\n`)
  }
  if (values.print) {
    console.log(table)
    return
  }
  const readme = await readFile(values.readme, 'utf8')
  await writeFile(values.readme, replaceBetweenMarkers(readme, table))
  console.log(`wrote ${lines.length} goal rows into ${values.readme}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
