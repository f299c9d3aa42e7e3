import { describe, expect, test } from 'vitest'
import { estimateLines, initialPieceGap } from './piece-gap.ts'
import { pieceStarts } from './text-pieces.tsx'

describe('pieces of a long plain text', () => {
  test('a piece ends at the first newline after its nominal size, and appending moves no boundary', () => {
    const text = 'a\n'.repeat(20_000)
    expect(pieceStarts(text)).toEqual([0, 16_386, 32_772])
    expect(pieceStarts(text + 'more text')).toEqual([0, 16_386, 32_772])
    expect(pieceStarts(text + 'b\n'.repeat(10_000)).slice(0, 3)).toEqual([0, 16_386, 32_772])
  })

  test('a text without newlines is one piece', () => {
    expect(pieceStarts('x'.repeat(100_000))).toEqual([0])
  })

  test('only a text of three pieces or more mounts with a gap, which keeps the first and last', () => {
    expect(initialPieceGap(1)).toEqual({ start: 0, end: 0 })
    expect(initialPieceGap(2)).toEqual({ start: 0, end: 0 })
    expect(initialPieceGap(3)).toEqual({ start: 1, end: 2 })
    expect(initialPieceGap(67)).toEqual({ start: 1, end: 66 })
  })

  test('lines are counted as shown: empty lines count, long ones wrap, a final newline adds none', () => {
    expect(estimateLines('ab\n\ncd\n', 0, 7)).toBe(3)
    expect(estimateLines('x'.repeat(181), 0, 181)).toBe(3)
    expect(estimateLines('ab\ncd\nef', 3, 8)).toBe(2)
  })
})
