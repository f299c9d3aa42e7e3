import { describe, expect, test } from 'vitest'
import { revealCount } from './reveal-budget.ts'

describe('revealCount', () => {
  const blocks = ['aaaa\n\n', 'bbbb\n\n', 'cccc\n\n', 'dd']

  test('shows everything on the first render', () => {
    expect(revealCount(blocks, undefined, 1)).toBe(4)
  })

  test('adds new blocks while their characters fit the budget', () => {
    expect(revealCount(blocks, 1, 12)).toBe(3)
    expect(revealCount(blocks, 1, 14)).toBe(4)
    expect(revealCount(blocks, 1, 11)).toBe(2)
  })

  test('always adds at least one block, however long', () => {
    expect(revealCount(['x', 'y'.repeat(100_000)], 1, 10)).toBe(2)
  })

  test('never hides a block it showed, and follows a text that got shorter', () => {
    expect(revealCount(blocks, 4, 1)).toBe(4)
    expect(revealCount(blocks.slice(0, 2), 4, 1)).toBe(2)
  })
})
