/**
 * README's benchmark table, made from `bench/results/latest.json` by rule, not by hand: every row
 * with a goal (met or not), the figure the goal judged with its spread, how many independent
 * runs it summarises and the load average its suite ran under. Pure functions; the CLI that
 * reads and writes files is `bench/readme.ts`.
 */
import { formatFigure } from './format.ts'
import { parseGoal } from './goals.ts'
import type { BenchResult, SuiteRunInfo } from './types.ts'

/** README's markers; the table is rewritten between them and nothing else is touched. */
export const BEGIN_MARKER = '<!-- bench:begin -->'
export const END_MARKER = '<!-- bench:end -->'

/** Whether a row's goal was met, as README says it. */
export type Verdict = 'met' | 'NOT met' | 'not judged' | 'inconsistent'

/** What README shows of one goal row. */
export interface GoalLine {
  id: string
  what: string
  figure: string
  goal: string
  runs: string
  load: string
  verdict: Verdict
}

/**
 * The figure a row's goal judged and its unit: `judged` when the suite recorded it, else the
 * ratio for rows whose goal is a speed-up over a peer in another unit (rows written before
 * `judged` existed), else `value`.
 *
 * @example
 * judgedFigure({ value: 2, unit: 'ms', ratio: 3.1, goal: '>= 3x', ... }) // { figure: 3.1, unit: 'x' }
 */
export function judgedFigure(row: BenchResult): { figure: number; unit: string } {
  if (row.judged !== undefined) return { figure: row.judged, unit: row.judgedUnit ?? row.unit }
  const goalUnit = row.goal === null ? '' : (/^(?:>=|<=|<|within)\s*-?[\d.]+\s*(.*)$/.exec(row.goal.trim())?.[1] ?? '')
  const valueIsRatio = /^[x×]/.test(row.unit)
  if (row.ratio !== null && goalUnit === 'x' && !valueIsRatio) return { figure: row.ratio, unit: 'x' }
  return { figure: row.value, unit: row.unit }
}

/**
 * Met, not met, not judged (a goal without a pass), or inconsistent: the pass recorded does not
 * follow from the figure under the goal's own label, so the row cannot be trusted as written.
 *
 * @example
 * verdict({ goal: '<= 1.2x', pass: true, judged: 1.3, ... }) // 'inconsistent'
 */
export function verdict(row: BenchResult): Verdict {
  if (row.pass === null) return 'not judged'
  const goal = row.goal === null ? null : parseGoal(row.goal)
  if (goal !== null) {
    const { figure } = judgedFigure(row)
    if (Number.isFinite(figure) && goal.met(figure) !== row.pass) return 'inconsistent'
  }
  return row.pass ? 'met' : 'NOT met'
}

const unitText = (unit: string) => (unit === 'x' || unit === '×' ? 'x' : unit === '' ? '' : ` ${unit}`)

/** Counts (frames, renders, commits) print as integers, measurements with three digits. */
const number = (n: number) => (Number.isInteger(n) ? String(n) : formatFigure(n))

function figureText(row: BenchResult): string {
  const { figure, unit } = judgedFigure(row)
  const u = unitText(unit)
  const main = `${number(figure)}${u}`
  if (!row.spread) return main
  const { min, median, max } = row.spread
  return `${main} (${number(min)} / ${number(median)} / ${number(max)})`
}

function loadText(run: SuiteRunInfo | undefined): string {
  if (!run) return '–'
  const one = (load: readonly number[]) => (load[0] === undefined ? '?' : load[0].toFixed(1))
  return `${one(run.loadStart)} → ${one(run.loadEnd)}`
}

/** The first clause of a description, for rows that have no `title`. */
function shortWhat(row: BenchResult): string {
  if (row.title) return row.title
  const clause = row.description.split(/;\s|:\s/)[0] ?? row.description
  return clause.length > 110 ? `${clause.slice(0, 107)}…` : clause
}

/**
 * One line per row that has a goal, in the file's order.
 *
 * @example
 * goalLines(rows).filter((l) => l.verdict === 'NOT met').map((l) => l.id)
 */
export function goalLines(rows: readonly BenchResult[]): GoalLine[] {
  return rows
    .filter((row) => row.goal !== null)
    .map((row) => ({
      id: row.id,
      what: row.peer && judgedFigure(row).figure === row.ratio ? `${shortWhat(row)} (vs ${row.peer})` : shortWhat(row),
      figure: figureText(row),
      goal: row.goal!,
      runs: row.runs === undefined ? '–' : String(row.runs),
      load: loadText(row.run),
      verdict: verdict(row),
    }))
}

/** Which runs the rows came from: one full run, or several (then README says so). */
export function provenance(rows: readonly BenchResult[]): string {
  const suites = new Map<string, SuiteRunInfo | undefined>()
  for (const row of rows) suites.set(row.suite ?? row.id.split('.')[0] ?? row.id, row.run)
  const infos = [...suites.values()]
  const fullRuns = new Set(infos.map((info) => info?.fullRun))
  const cpus = infos.find((info) => info)?.cpus
  const minutes = infos.reduce((total, info) => total + (info?.seconds ?? 0), 0) / 60
  const options = new Set(infos.map((info) => info?.options).filter((o) => o !== undefined))
  const optionText = options.size === 1 ? `; options: ${[...options][0]}` : ''
  const commits = new Set(infos.map((info) => info?.commit))
  const commitText = commits.size === 1 && !commits.has(undefined) ? ` at commit ${[...commits][0]}` : ''
  if (fullRuns.size === 1 && !fullRuns.has(undefined)) {
    const at = [...fullRuns][0]!.replace('T', ' ').slice(0, 16)
    return `One full \`npm run bench\` started ${at} UTC${commitText}: ${suites.size} suites, ${minutes.toFixed(0)} min, ${cpus ?? '?'} CPUs${optionText}.`
  }
  const when = [...suites.entries()]
    .map(([suite, info]) => `${suite} ${info ? info.startedAt.replace('T', ' ').slice(0, 16) : 'unknown time'}${info?.commit ? ` (${info.commit})` : ''}`)
    .join(', ')
  return `**Not one full run**: the rows come from separate runs (${when}).`
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/**
 * The markdown README shows between its markers: where the figures come from, then the table.
 *
 * @example
 * const markdown = readmeTable(JSON.parse(readFileSync('bench/results/latest.json', 'utf8')))
 */
export function readmeTable(rows: readonly BenchResult[]): string {
  const lines = goalLines(rows)
  const met = lines.filter((l) => l.verdict === 'met').length
  const head = [
    `_Generated by \`npm run bench:readme\` from \`bench/results/latest.json\`; do not edit by hand._ ${provenance(rows)}`,
    `${met} of ${lines.length} goals met. Figure: what the goal was checked on, then (min / median / max) over the runs when the suite records them; ` +
      'runs: independent mounts, pages or processes; load: 1-minute load average when the suite started → ended. ' +
      'Which row judges each goal of issue 15: [bench/README.md](bench/README.md#issue-15s-goals-and-the-rows-that-judge-them).',
    '',
    '| what | figure (min / median / max) | goal | runs | load | met |',
    '|---|---|---|---|---|---|',
  ]
  const body = lines.map((l) =>
    [
      `${cell(l.what)} <sub>\`${l.id}\`</sub>`,
      cell(l.figure),
      cell(l.goal),
      l.runs,
      l.load,
      l.verdict === 'met' ? 'met' : `**${l.verdict}**`,
    ].join(' | '),
  )
  return [...head, ...body.map((b) => `| ${b} |`)].join('\n')
}

/**
 * README with the text between the markers replaced; throws when the markers are missing or out
 * of order, so a run never appends a second table or eats the prose around it.
 *
 * @example
 * writeFileSync('README.md', replaceBetweenMarkers(readFileSync('README.md', 'utf8'), table))
 */
export function replaceBetweenMarkers(readme: string, table: string): string {
  const begin = readme.indexOf(BEGIN_MARKER)
  const end = readme.indexOf(END_MARKER)
  if (begin === -1 || end === -1 || end < begin || readme.indexOf(BEGIN_MARKER, begin + 1) !== -1) {
    throw new Error(`README must hold exactly one ${BEGIN_MARKER} … ${END_MARKER} pair`)
  }
  return `${readme.slice(0, begin + BEGIN_MARKER.length)}\n${table}\n${readme.slice(end)}`
}
