import { describe, expect, test } from 'vitest'
import { act, render, waitFor } from '@testing-library/react'
import { renderToString } from 'react-dom/server'
import type { Components } from 'react-markdown'
import { StreamingMarkdown } from './streaming-markdown.tsx'
import { PROGRESSIVE_MIN_CHARS } from './progressive-mount.ts'

/** Numbered sections of prose, lists, tables and quotes (no fences: their colouring is asynchronous). */
const SECTIONS = 140
const text = Array.from(
  { length: SECTIONS },
  (_, i) =>
    `## Section ${i}\n\nParagraph ${i} with **bold**, \`code\` and [a link](https://example.com/${i}).\n\n` +
    `- item ${i}a\n- item ${i}b\n\n| k | v |\n|---|---|\n| r${i} | ${i * 3} |\n\n> quote ${i}`,
).join('\n\n')

const sectionsIn = (root: Element) => [...root.querySelectorAll('h2')].map((h) => Number(h.textContent?.replace('Section ', '')))
/** React's server markup separates adjacent text with comments; the DOM has none. */
const withoutComments = (html: string) => html.replace(/<!--.*?-->/g, '')

describe('a settled long answer mounting in slices', () => {
  test('shows a whole start and a whole end at every commit, renders each block once, and ends with the DOM of a whole render', { timeout: 120_000 }, async () => {
    expect(text.length).toBeGreaterThan(2 * PROGRESSIVE_MIN_CHARS)
    const renders = new Map<number, number>()
    const components: Components = {
      h2: ({ children }) => {
        const n = Number(String(children).replace('Section ', ''))
        renders.set(n, (renders.get(n) ?? 0) + 1)
        return <h2>{children}</h2>
      },
    }
    const { container } = render(<StreamingMarkdown components={components}>{text}</StreamingMarkdown>)
    const root = container.querySelector('[data-rivulet="markdown"]')!
    expect(root.getAttribute('aria-busy')).toBe('true')
    // Every commit shows sections 0…a-1 and b…last, in order, and a placeholder between them while busy.
    const snapshots: number[][] = []
    const watch = new MutationObserver(() => snapshots.push(sectionsIn(root)))
    watch.observe(root, { childList: true, subtree: true })
    await waitFor(() => expect(root.hasAttribute('aria-busy')).toBe(false), { timeout: 100_000, interval: 5 })
    watch.disconnect()
    expect(snapshots.length).toBeGreaterThan(2)
    for (const seen of snapshots) {
      const gapAt = seen.findIndex((n, i) => n !== i)
      const tail = gapAt === -1 ? [] : seen.slice(gapAt)
      expect(tail).toEqual(Array.from({ length: tail.length }, (_, i) => SECTIONS - tail.length + i))
    }
    expect(sectionsIn(root)).toEqual(Array.from({ length: SECTIONS }, (_, i) => i))
    expect(root.querySelector('[data-rivulet="markdown-placeholder"]')).toBeNull()
    // Memoised blocks: no section rendered twice on its way in.
    expect([...renders.values()].every((count) => count === 1)).toBe(true)
    expect(renders.size).toBe(SECTIONS)
    // The server renders everything at once: the same markup.
    const whole = withoutComments(renderToString(<StreamingMarkdown components={components}>{text}</StreamingMarkdown>))
    expect(withoutComments(container.innerHTML)).toBe(whole)
  })

  test('a new text arriving mid-mount ends with the DOM of that text, not of the old one', { timeout: 120_000 }, async () => {
    const { container, rerender } = render(<StreamingMarkdown>{text}</StreamingMarkdown>)
    const root = container.querySelector('[data-rivulet="markdown"]')!
    expect(root.getAttribute('aria-busy')).toBe('true')
    const shorter = text.slice(0, text.indexOf('## Section 70'))
    act(() => rerender(<StreamingMarkdown>{shorter}</StreamingMarkdown>))
    await waitFor(() => expect(root.hasAttribute('aria-busy')).toBe(false), { timeout: 100_000, interval: 5 })
    expect(sectionsIn(root)).toEqual(Array.from({ length: 70 }, (_, i) => i))
    expect(withoutComments(container.innerHTML)).toBe(withoutComments(renderToString(<StreamingMarkdown>{shorter}</StreamingMarkdown>)))
  })
})
