import { describe, expect, it } from 'vitest'
import { DELIMITER_CELL, tableRow } from './table-cells.ts'

const cells = (row: string) => tableRow(row).cells
const pipes = (row: string) => [tableRow(row).leading, tableRow(row).trailing]

describe('tableRow (shared by the stand-in, the table reader and the repair)', () => {
  it('drops the outer pipes, keeps escaped ones inside their cell, and does not trim cells', () => {
    expect(cells('| a | b \\| c |')).toEqual([' a ', ' b \\| c '])
    expect(cells('  | a | b |  ')).toEqual([' a ', ' b '])
    expect(cells('a|b')).toEqual(['a', 'b'])
    expect(cells('| a \\|')).toEqual([' a \\|'])
    expect(cells('|')).toEqual([''])
    expect(cells('||')).toEqual([''])
    expect(cells('|---|:-:|').every((cell) => DELIMITER_CELL.test(cell))).toBe(true)
  })

  it('reports which outer pipes the row had (a lone pipe is a leading one)', () => {
    expect(pipes('| a | b |')).toEqual([true, true])
    expect(pipes('  | a | b  ')).toEqual([true, false])
    expect(pipes('a | b |')).toEqual([false, true])
    expect(pipes('a|b')).toEqual([false, false])
    expect(pipes('| a \\|')).toEqual([true, false])
    expect(pipes('|')).toEqual([true, false])
    expect(pipes('||')).toEqual([true, true])
  })
})
