import type { BenchResult } from './types.ts'

/**
 * Three significant digits, no exponent for the magnitudes a benchmark prints; `–` for a
 * missing figure.
 *
 * @example
 * formatFigure(412.345) // '412'
 * formatFigure(1.23456) // '1.23'
 * formatFigure(null) // '–'
 */
export function formatFigure(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–'
  const magnitude = Math.abs(value)
  if (magnitude >= 100) return value.toFixed(0)
  if (magnitude >= 10) return value.toFixed(1)
  if (magnitude >= 1) return value.toFixed(2)
  return value.toPrecision(3)
}

const columns = ['id', 'value', 'unit', 'peer', 'ratio', 'goal', 'pass'] as const

/**
 * The result rows as a plain-text table with aligned columns; ratios carry an `x` so they
 * cannot be mistaken for values.
 *
 * @example
 * console.log(formatTable(results))
 * // id                      value  unit  peer                      ratio  goal     pass
 * // parser.strings.1-4096   412    MB/s  eventsource-parser 3.1.1  1.71x  >= 1.5x  yes
 */
export function formatTable(results: readonly BenchResult[]): string {
  const cells = results.map((r) => [
    r.id,
    formatFigure(r.value),
    r.unit,
    r.peer ?? '–',
    r.ratio === null ? '–' : `${formatFigure(r.ratio)}x`,
    r.goal ?? '–',
    r.pass === null ? '–' : r.pass ? 'yes' : 'NO',
  ])
  const widths = columns.map((title, i) => Math.max(title.length, ...cells.map((row) => row[i]!.length)))
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')
}
