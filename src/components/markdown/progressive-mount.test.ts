import { describe, expect, it } from 'vitest'
import { charsBetween, estimateBlocksHeight, initialGap, MAX_STEP_CHARS, NO_GAP, shrinkGap, stepGap } from './progressive-mount.ts'

const blocks = Array.from({ length: 100 }, (_, i) => `Paragraph ${i} `.padEnd(200, 'x') + '\n\n')

describe('progressive mount of a settled answer', () => {
  it('mounts a short answer at once', () => {
    expect(initialGap(blocks.slice(0, 10), 10)).toBe(NO_GAP)
    expect(initialGap(blocks, 100, 2_500, 1_000_000)).toBe(NO_GAP)
  })

  it('renders about a screen at each end first, at least one block each', () => {
    expect(initialGap(blocks, 100, 1_000)).toEqual({ start: 4, end: 96 })
    expect(initialGap(blocks, 100, 10)).toEqual({ start: 1, end: 99 })
    // Only the blocks shown so far count.
    expect(initialGap(blocks, 50, 1_000)).toEqual({ start: 4, end: 46 })
  })

  it('closes the gap from its end, at least one block per slice, until nothing is left', () => {
    let gap = initialGap(blocks, 100, 1_000)
    const seen: number[] = []
    while (gap !== NO_GAP) {
      const next = shrinkGap(blocks, gap, 500)
      seen.push(gap.end - (next === NO_GAP ? gap.start : next.end))
      if (next !== NO_GAP) expect(next.start).toBe(gap.start)
      gap = next
    }
    expect(seen.reduce((a, b) => a + b, 0)).toBe(92)
    expect(seen.slice(0, -1).every((n) => n === 2)).toBe(true)
    expect(shrinkGap(blocks, { start: 10, end: 20 }, 0)).toEqual({ start: 10, end: 19 })
  })

  it('estimates heights from wrapped lines and counts characters', () => {
    expect(estimateBlocksHeight(['Hello\n\n', '```\na\nb\n```\n'], 0, 2)).toBe(24 + 12 + 4 * 24 + 12)
    expect(estimateBlocksHeight(['x'.repeat(181)], 0, 1)).toBe(3 * 24 + 12)
    expect(charsBetween(['ab', 'c', 'def'], 1, 3)).toBe(4)
  })

  it('sizes a step from the time left and the speed, but never past MAX_STEP_CHARS, and takes at least one block', () => {
    const gap = { start: 0, end: 100 }
    const rendered = (next: ReturnType<typeof stepGap>) => charsBetween(blocks, next === NO_GAP ? 0 : next.end, 100)
    // 8 ms at 100 characters/ms: 800 characters, four blocks of 202.
    expect(stepGap(blocks, gap, 8, 100)).toEqual({ start: 0, end: 97 })
    // A speed measured on cheap blocks (fences) must not turn into a slice of 80,000 characters of prose.
    const fast = stepGap(blocks, gap, 8, 10_000)
    expect(rendered(fast)).toBeLessThanOrEqual(MAX_STEP_CHARS)
    expect(rendered(fast)).toBeGreaterThan(MAX_STEP_CHARS - 202)
    // No time left, or a block longer than the step: still one block, so the mount moves on.
    expect(stepGap(blocks, gap, 0, 1)).toEqual({ start: 0, end: 99 })
    expect(stepGap(['x'.repeat(5_000), 'y'.repeat(5_000)], { start: 0, end: 2 }, 8, 10_000)).toEqual({ start: 0, end: 1 })
    expect(stepGap(blocks, { start: 99, end: 100 }, 8, 300)).toBe(NO_GAP)
  })
})
