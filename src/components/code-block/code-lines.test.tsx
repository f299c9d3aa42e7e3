import { render } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import { CodeLines } from './code-lines.tsx'
import type { HighlightedLine } from './highlight-types.ts'

const style = Object.freeze({ color: '#111111' })
/** How many times each line's token was rendered (its `content` is read once per render). */
const renders = new Map<string, number>()
const colour = (text: string): HighlightedLine =>
  Object.freeze([
    Object.freeze({
      get content() {
        renders.set(text, (renders.get(text) ?? 0) + 1)
        return text
      },
      style,
    }),
  ])

/** The index of the `code-line` a mutated node belongs to, or -1 for nodes outside any line. */
function lineOf(node: Node, root: HTMLElement): number {
  const element = node instanceof Element ? node : node.parentElement
  const line = element?.closest('[data-rivulet="code-line"]')
  return line ? [...root.querySelectorAll('[data-rivulet="code-line"]')].indexOf(line) : -1
}

describe('CodeLines while a fence streams', () => {
  test('a token or a newly coloured line touches only its own lines: a coloured line renders once and never again', () => {
    const source = Array.from({ length: 150 }, (_, i) => `const value${i} = ${i}`)
    const tokens: HighlightedLine[] = []
    const { container, rerender } = render(
      <code>
        <CodeLines code={source[0]!} tokens={tokens} />
      </code>,
    )
    const root = container.querySelector('code')!
    const touched: number[] = []
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        touched.push(lineOf(record.target, root))
        for (const node of record.addedNodes) touched.push(lineOf(node, root))
      }
    })
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true })
    for (let count = 2; count <= source.length; count++) {
      // A new line arrives; the one above it is now finished and gets its colours.
      const code = source.slice(0, count).join('\n')
      rerender(
        <code>
          <CodeLines code={code} tokens={tokens} />
        </code>,
      )
      tokens.push(colour(source[count - 2]!))
      rerender(
        <code>
          <CodeLines code={code} tokens={tokens.slice()} />
        </code>,
      )
      observer.takeRecords().forEach((record) => touched.push(lineOf(record.target, root)))
      // Only the two last lines (the one coloured, the one added) and segment boundaries changed.
      const lines = touched.filter((line) => line !== -1)
      expect(Math.min(...lines)).toBeGreaterThanOrEqual(count - 2)
      touched.length = 0
    }
    observer.disconnect()
    expect(root.querySelectorAll('[data-rivulet="code-line"]')).toHaveLength(source.length)
    expect(root.textContent).toBe(source.join('\n'))
    // Every coloured line (all but the last) rendered its tokens exactly once.
    expect(source.slice(0, -1).map((line) => renders.get(line))).toEqual(source.slice(0, -1).map(() => 1))
  })
})
