import { describe, expect, test } from 'vitest'
import { liveHeapBytes } from '../../../test/support/heap.ts'
import { splitCodeLines } from './split-lines.ts'

describe('splitCodeLines', () => {
  test('splits on \\n and \\r\\n, keeping a final empty line', () => {
    expect(splitCodeLines('a\r\nb\n')).toEqual(['a', 'b', ''])
    expect(splitCodeLines('')).toEqual([''])
  })

  test('a growing text gives the same lines as a fresh split, cut anywhere (a \\r\\n split across tokens too)', () => {
    const code = 'const a = 1\r\n\r\n  let b = "x"\nreturn a\r\n\n// end\r\n'
    for (let step = 1; step <= 4; step++) {
      splitCodeLines('reset')
      for (let end = 0; end <= code.length; end += step) {
        const text = code.slice(0, end)
        expect(splitCodeLines(text)).toEqual(text.split(/\r?\n/))
      }
    }
  })

  test('appending reuses the finished lines: same array for the same text, same strings for earlier lines', () => {
    const first = splitCodeLines('one\ntwo\nthr')
    expect(splitCodeLines('one\ntwo\nthr')).toBe(first)
    const next = splitCodeLines('one\ntwo\nthree\nfo')
    expect(next).toEqual(['one', 'two', 'three', 'fo'])
    expect(next[0]).toBe(first[0])
    // An edit (not an append) is split again from scratch.
    expect(splitCodeLines('one\nTWO')).toEqual(['one', 'TWO'])
  })

  test('finished lines of a streaming fence do not keep the versions of the text they were cut from alive', () => {
    // Each version of the streamed text is a new string; lines cut from one as slices kept all of
    // it alive (1,000 lines after 40 KB of prose, streamed 60 characters at a time: ~70 MB held).
    const prose = 'Some introduction text for the answer, long enough to matter here.\n\n'.repeat(600)
    let code = ''
    for (let i = 0; i < 1_000; i++) code += `const value${i}: number = compute(${i}, 'stream parser frame')\n`
    const full = prose + code
    let text = prose
    let lines: readonly string[] = []
    const before = liveHeapBytes()
    for (let at = prose.length; at < full.length; at += 60) {
      text += full.slice(at, at + 60)
      lines = splitCodeLines(text.slice(prose.length))
    }
    const held = liveHeapBytes() - before
    expect(lines).toHaveLength(1_001)
    expect(lines[999]).toBe(`const value999: number = compute(999, 'stream parser frame')`)
    expect(held).toBeLessThan(4_000_000)
  })
})
