import { describe, expect, test } from 'vitest'
import { limitNesting } from './limit-nesting.ts'

const depthOfQuotes = (line: string) => (line.match(/>/g) ?? []).length

describe('limitNesting', () => {
  test.each([
    'Plain paragraph with [a link](https://x.example) and **bold**.',
    '> quote\n> > nested\n\n- a\n  - b\n    - c',
    '1. one\n2. two\n\n| a | b |\n|---|---|',
    '```\n' + '>'.repeat(100) + '\n' + '['.repeat(100) + '\n```',
    'Name: ________________',
    '---\n\n***\n\n' + '*'.repeat(40),
    '[![img](https://a.example/i.png)](https://a.example)',
  ])('leaves ordinary markdown unchanged: %j', (text) => {
    expect(limitNesting(text)).toBe(text)
  })

  test('drops blockquote markers beyond the cap and keeps the text', () => {
    const out = limitNesting('>'.repeat(5000) + ' deep', 32)
    expect(depthOfQuotes(out)).toBe(32)
    expect(out.endsWith('deep')).toBe(true)
  })

  test('drops list markers beyond the cap, mixed with quotes', () => {
    const out = limitNesting('> - '.repeat(100) + 'deep', 10)
    expect(out).toBe('> - > - > - > - > - deep')
  })

  test('caps indentation so indented nesting cannot grow without bound', () => {
    const out = limitNesting(' '.repeat(1000) + '- deep', 8)
    expect(out).toBe(' '.repeat(16) + '- deep')
  })

  test('escapes every bracket of a line where brackets nest more than 8 deep', () => {
    expect(limitNesting('a [b] ' + '['.repeat(9) + 'x' + ']'.repeat(9))).toBe('a \\[b\\] ' + '\\['.repeat(9) + 'x' + '\\]'.repeat(9))
  })

  test('keeps brackets nested 8 deep', () => {
    const text = '['.repeat(8) + 'x' + ']'.repeat(8)
    expect(limitNesting(text)).toBe(text)
  })

  test('escapes runs of more than 16 emphasis delimiters', () => {
    expect(limitNesting('a ' + '_'.repeat(17) + 'b')).toBe('a ' + '\\_'.repeat(17) + 'b')
  })

  test('does not touch lines inside a fence', () => {
    const text = '~~~\n' + '> '.repeat(100) + '\n~~~\n' + '> '.repeat(40) + 'x'
    const out = limitNesting(text, 32)
    expect(out.split('\n')[1]).toBe('> '.repeat(100))
    expect(depthOfQuotes(out.split('\n')[3] as string)).toBe(32)
  })
})
