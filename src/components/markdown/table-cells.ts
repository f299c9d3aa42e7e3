/*
 * Table-row syntax shared by the stand-in (in the first download) and the table reader and
 * streaming repair (in the lazy markdown pipeline): kept tiny and import-free, so sharing it
 * pulls nothing of the pipeline into the first download.
 */

/** A cell of a delimiter row: dashes, optionally between colons (alignment). */
export const DELIMITER_CELL = /^[ \t]*:?-+:?[ \t]*$/

/** A cell boundary: a pipe that no backslash escapes. */
const CELL_PIPE = /(?<!\\)\|/

/** A GFM table row split into its cells, and whether it had each outer pipe. */
export interface TableRow {
  /** The cells, untrimmed. */
  cells: string[]
  /** The row starts with a pipe (a lone `|` counts as a leading one). */
  leading: boolean
  /** The row ends with a pipe no backslash escapes. */
  trailing: boolean
}

/**
 * The cells of a GFM table row, untrimmed: the row's outer pipes (a leading one, and a
 * trailing one no backslash escapes) bound the row and are not cells themselves; the stand-in
 * hides them, so the row reports which it had.
 *
 * @example
 * tableRow('| a | b \\| c |') // { cells: [' a ', ' b \\| c '], leading: true, trailing: true }
 * tableRow('a|b').cells // ['a', 'b']
 */
export function tableRow(row: string): TableRow {
  const cells = row.trim().split(CELL_PIPE)
  // A pipe at either end leaves an empty string there: that pipe bounds the row.
  const leading = cells.length > 1 && cells[0] === ''
  if (leading) cells.shift()
  const trailing = cells.length > 1 && cells[cells.length - 1] === ''
  if (trailing) cells.pop()
  return { cells, leading, trailing }
}
