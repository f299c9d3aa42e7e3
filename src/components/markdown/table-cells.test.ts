import { describe, expect, it } from 'vitest'
import { DELIMITER_CELL } from './table-cells.ts'
import { tableCells } from './table-cells.ts'

describe('tableCells (shared by the stand-in, the table reader and the repair)', () => {
  it('drops the outer pipes, keeps escaped ones inside their cell, and does not trim cells', () => {
    expect(tableCells('| a | b \\| c |')).toEqual([' a ', ' b \\| c '])
    expect(tableCells('  | a | b |  ')).toEqual([' a ', ' b '])
    expect(tableCells('a|b')).toEqual(['a', 'b'])
    expect(tableCells('| a \\|')).toEqual([' a \\|'])
    expect(tableCells('|')).toEqual([''])
    expect(tableCells('||')).toEqual([''])
    expect(tableCells('|---|:-:|').every((cell) => DELIMITER_CELL.test(cell))).toBe(true)
  })
})
