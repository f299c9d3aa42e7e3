import { cleanup, render, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { CodeBlock } from './code-block.tsx'
import { highlightLines } from './highlighter.ts'

/*
 * A fence that streams and closes with the very same code already highlighted (an earlier
 * mount, the same answer regenerated): the lines it coloured while streaming keep their spans.
 * Taking the cached highlight's token objects instead rendered every line of the block again
 * at close (for a 3,000-line fence, the longest task of the whole stream).
 */

afterEach(cleanup)

const spans = (container: HTMLElement) => [...container.querySelectorAll('[data-rivulet="code-line"] > span')]

describe('a streamed fence closing with its highlight already cached', () => {
  it('keeps the spans of the lines it coloured while streaming, and colours the rest at once', async () => {
    const code = ['const a = 1', 'let b = "two"', 'export default a + b'].join('\n')
    await highlightLines(code, 'ts')
    // Streaming: the first two lines are finished, the third is being typed.
    const typing = code.slice(0, code.lastIndexOf('\n') + 1) + 'export'
    const { container, rerender } = render(<CodeBlock code={typing} language="ts" complete={false} />)
    await waitFor(() => expect(container.querySelectorAll('[data-rivulet="code-line"]:has(> span)')).toHaveLength(2), { timeout: 10_000 })
    const streamed = spans(container)

    rerender(<CodeBlock code={code} language="ts" complete />)
    const block = container.querySelector('[data-rivulet="code-block"]')!
    expect(block).toHaveAttribute('data-state', 'highlighted')
    const closed = spans(container)
    // The streamed lines' spans are the same nodes; the last line's come from the cache.
    expect(closed.slice(0, streamed.length)).toEqual(streamed)
    closed.slice(0, streamed.length).forEach((span, i) => expect(span).toBe(streamed[i]))
    expect(closed.length).toBeGreaterThan(streamed.length)
    expect(container.querySelector('pre')?.textContent).toBe(code)
  })
})
