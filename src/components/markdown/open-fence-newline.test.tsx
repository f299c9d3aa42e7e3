import { cleanup, render, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { openFenceLineFinished, readFenceBlock } from './fence-block.ts'
import { preloadMarkdown } from './markdown-loader.ts'
import { StreamingMarkdown } from './streaming-markdown.tsx'

/*
 * An open fence's last line is finished the moment its newline arrives: the code block must
 * get it then (and colour it), not one token later when a character follows the newline.
 */

afterEach(cleanup)

const codeLines = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('[data-rivulet="code-line"]')]

describe('an open fence keeps the newline that finishes its last line', () => {
  it('in the lone-fence short cut, only while streaming', () => {
    expect(readFenceBlock('```ts\nlet a = 1\n', true)).toEqual({ language: 'ts', code: 'let a = 1\n', complete: false })
    expect(readFenceBlock('```ts\nlet a = 1\n\n', true)?.code).toBe('let a = 1\n\n')
    // The line before a closer being typed is finished too.
    expect(readFenceBlock('```ts\nlet a = 1\n``', true)?.code).toBe('let a = 1\n')
    // Half a line, or no code line yet: nothing finished.
    expect(readFenceBlock('```ts\nlet a', true)?.code).toBe('let a')
    expect(readFenceBlock('```ts\n', true)?.code).toBe('')
    // A message that ended with its fence open: the text as before.
    expect(readFenceBlock('```ts\nlet a = 1\n', false)?.code).toBe('let a = 1')
  })

  it('tells the parsed path when the last code line is finished', () => {
    expect(openFenceLineFinished('```ts\nlet a\n', 0, '```')).toBe(true)
    expect(openFenceLineFinished('Intro\n\n```ts a&b\nlet a\n', 7, '```')).toBe(true)
    expect(openFenceLineFinished('```ts\nlet a\n``', 0, '```')).toBe(true)
    expect(openFenceLineFinished('```ts\nlet a', 0, '```')).toBe(false)
    expect(openFenceLineFinished('```ts\nlet a\n`x', 0, '```')).toBe(false)
    expect(openFenceLineFinished('```ts\n', 0, '```')).toBe(false)
    expect(openFenceLineFinished('```ts\n``', 0, '```')).toBe(false)
    expect(openFenceLineFinished('```ts', 0, '```')).toBe(false)
  })

  // Both render paths: a fence read without the parser, and one the parser reads.
  it.each([
    ['a fence alone in its block', 'Here:\n\n```ts\nconst answer = 42\n'],
    // An `&` in the info string sends the block to the parser.
    ['a fence the parser reads', 'Here:\n\n```ts lines=1&2\nconst answer = 42\n'],
  ])('%s: the finished line is coloured with nothing after its newline, and no empty line shows', { timeout: 60_000 }, async (_, text) => {
    await preloadMarkdown()
    const { container } = render(<StreamingMarkdown streaming>{text}</StreamingMarkdown>)
    // No further token arrives: before the fix the line stayed plain until one did.
    await waitFor(() => expect(codeLines(container)[0]?.querySelector('span')).not.toBeNull(), { timeout: 30_000 })
    // One line, carrying the newline that finished it: no empty line element after it.
    expect(codeLines(container).map((line) => line.textContent)).toEqual(['const answer = 42\n'])
    expect(container.querySelector('[data-rivulet="code-block"]')).toHaveAttribute('data-state', 'streaming')
  })
})
