import { describe, expect, it } from 'vitest'
import { fitTextareaHeight } from './textarea-height.ts'

const box = { lineHeight: 20, paddingY: 16, borderY: 2, borderBox: true, maxRows: 5 }

describe('fitTextareaHeight', () => {
  it.each([
    // [scrollHeight, borderBox, expected height, overflow]
    [36, true, 38, 'hidden'], // one line: 20 + padding 16 + border 2
    [76, true, 78, 'hidden'], // three lines
    [116, true, 118, 'hidden'], // exactly maxRows
    [400, true, 118, 'auto'], // capped at five lines, then it scrolls
    [76, false, 60, 'hidden'], // content-box: the height is the text alone
    [400, false, 100, 'auto'],
  ] as const)('scrollHeight %i (border-box %s) → %i px, overflow %s', (scrollHeight, borderBox, height, overflowY) => {
    expect(fitTextareaHeight({ ...box, scrollHeight, borderBox })).toEqual({ height, overflowY })
  })

  it('tolerates sub-pixel rounding at the cap without showing a scrollbar', () => {
    expect(fitTextareaHeight({ ...box, scrollHeight: 116.4 }).overflowY).toBe('hidden')
  })

  it('treats maxRows below one as one line', () => {
    expect(fitTextareaHeight({ ...box, scrollHeight: 200, maxRows: 0 }).height).toBe(38)
  })
})
