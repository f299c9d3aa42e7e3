import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { createTextLog, logAppended, textVersionOf } from './text-log.ts'

describe('createTextLog', () => {
  test('reads any range as the joined text, across the joins of small pieces', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 400 }), fc.nat(), fc.nat(), (initial, pieces, a, b) => {
        const log = createTextLog(initial)
        let text = initial
        for (const piece of pieces) {
          const version = log.append(piece)
          text += piece
          expect(version.end).toBe(text.length)
        }
        expect(log.length).toBe(text.length)
        const from = text.length === 0 ? 0 : a % (text.length + 1)
        const to = from + (text.length === 0 ? 0 : b % (text.length - from + 1))
        expect(log.read(from, to)).toBe(text.slice(from, to))
        expect(log.read(from)).toBe(text.slice(from))
        expect(log.read(0)).toBe(text)
      }),
      { numRuns: 300 },
    )
  })

  test('reads the end of a long text it started with, and ranges inside it', () => {
    const long = 'x'.repeat(1_000_000)
    const log = createTextLog(long)
    for (let i = 0; i < 300; i++) log.append('token ')
    expect(log.read(999_990)).toBe('x'.repeat(10) + 'token '.repeat(300))
    expect(log.read(0, 3)).toBe('xxx')
    expect(log.read(5, 3)).toBe('')
  })

  test('an earlier version still reads as it was', () => {
    const log = createTextLog()
    const early = log.append('Hello')
    for (let i = 0; i < 300; i++) log.append(' more')
    expect(log.read(0, early.end)).toBe('Hello')
    expect(log.read(early.end, early.end + 5)).toBe(' more')
  })
})

describe('logAppended', () => {
  test('continues the log of the newest version and starts a new one from an older version', () => {
    const a = { text: 'He' }
    const b = { text: 'Hel' }
    logAppended(b, a, a.text, 'l')
    const c = { text: 'Hell' }
    logAppended(c, b, b.text, 'l')
    const fromB = textVersionOf(b)!
    const fromC = textVersionOf(c)!
    expect(fromC.log).toBe(fromB.log)
    expect(fromC.log.read(0, fromC.end)).toBe('Hell')
    // Growing b again (a state from before c): b's version is no longer the log's newest.
    const other = { text: 'Help' }
    logAppended(other, b, b.text, 'p')
    const fromOther = textVersionOf(other)!
    expect(fromOther.log).not.toBe(fromC.log)
    expect(fromOther.log.read(0, fromOther.end)).toBe('Help')
    expect(fromC.log.read(0, fromC.end)).toBe('Hell')
  })

  test('an object no one grew has no version', () => {
    expect(textVersionOf({ text: 'x' })).toBeUndefined()
  })
})
