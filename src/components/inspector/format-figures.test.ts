import { describe, expect, it } from 'vitest'
import { formatBytes, formatMs, formatRate } from './format-figures.ts'

describe('figures for people', () => {
  it.each([
    [undefined, '—'],
    [Number.NaN, '—'],
    [0, '0 ms'],
    [412.4, '412 ms'],
    [1534, '1.53 s'],
    [42_600, '42.6 s'],
  ])('formatMs(%s) is %s', (ms, text) => expect(formatMs(ms)).toBe(text))

  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [97_854, '97.9 KB'],
    [2_500_000, '2.50 MB'],
  ])('formatBytes(%s) is %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text))

  it.each([
    [undefined, '—'],
    [Infinity, '—'],
    [58.27, '58.3'],
    [1234.5, '1235'],
  ])('formatRate(%s) is %s', (rate, text) => expect(formatRate(rate)).toBe(text))
})
