/*
 * Table-row syntax shared by the stand-in (in the first download) and the table reader and
 * streaming repair (in the lazy markdown pipeline): kept tiny and import-free, so sharing it
 * pulls nothing of the pipeline into the first download.
 */

/** A cell of a delimiter row: dashes, optionally between colons (alignment). */
export const DELIMITER_CELL = /^[ \t]*:?-+:?[ \t]*$/

/** A cell boundary: a pipe that no backslash escapes. */
const CELL_PIPE = /(?<!\\)\|/

/**
 * The cells of a GFM table row, untrimmed: the row's outer pipes (a leading one, and a
 * trailing one no backslash escapes) bound the row and are not cells themselves.
 *
 * @example
 * tableCells('| a | b \\| c |') // [' a ', ' b \\| c ']
 * tableCells('a|b') // ['a', 'b']
 */
export function tableCells(row: string): string[] {
  const cells = row.trim().split(CELL_PIPE)
  // A pipe at either end leaves an empty string there: that pipe bounds the row.
  if (cells.length > 1 && cells[cells.length - 1] === '') cells.pop()
  if (cells.length > 1 && cells[0] === '') cells.shift()
  return cells
}
