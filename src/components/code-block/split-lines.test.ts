import { describe, expect, test } from 'vitest'
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
})
