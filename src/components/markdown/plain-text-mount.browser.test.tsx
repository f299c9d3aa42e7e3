import '../../styles.css'
import { act } from 'react'
import { describe, expect, it } from 'vitest'
import { StreamingMarkdown } from './streaming-markdown.tsx'
import { mountPerTest } from '../../../test/support/browser-root.ts'
import { accessibilityTree, exposedText } from '../../../test/support/ax-tree.ts'

/*
 * A block too long for markdown is plain text, and a long one mounts its first and last pieces
 * at once and the rest in background slices (`usePieceMount`). What is checked: the first
 * commit holds both ends and a placeholder, the paragraph is aria-busy until whole, and then
 * the DOM holds exactly the input (what find-in-page and copy read) and Chromium's
 * accessibility tree every line of it. No timing is asserted: the slices finish when the
 * machine lets them (generous waits).
 */

// Renders go through act(), so React must know this is a test environment.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const page = mountPerTest('width: 640px; height: 400px; overflow: auto')

/** 6,000 numbered lines, some long enough to wrap: about 300 KB, 18 pieces. */
const lines = Array.from({ length: 6_000 }, (_, i) => (i % 7 === 3 ? `row${i}x ${'wide words that wrap '.repeat(8)}` : `row${i}x short`))
const text = lines.join('\n')

const plain = () => page.host.querySelector<HTMLElement>('[data-rivulet="markdown-plain"]')!
const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))

async function whole(timeout = 120_000) {
  const started = performance.now()
  while (plain().getAttribute('aria-busy') === 'true') {
    if (performance.now() - started > timeout) throw new Error('the plain text never finished mounting')
    await frame()
  }
}

describe('a long plain-text block mounting in pieces', () => {
  it('shows both ends at once, then exactly its text, with every line in the accessibility tree', { timeout: 180_000 }, async () => {
    // A synchronous act: the first commit and its effects, before any background slice can run.
    act(() => page.root.render(<StreamingMarkdown>{text}</StreamingMarkdown>))
    expect(plain().getAttribute('aria-busy')).toBe('true')
    const placeholder = plain().querySelector('[data-rivulet="markdown-placeholder"]')
    expect(placeholder?.getAttribute('aria-hidden')).toBe('true')
    expect(placeholder?.textContent).toBe('')
    expect(placeholder!.getBoundingClientRect().height).toBeGreaterThan(1_000)
    const first = plain().textContent!
    expect(first.startsWith('row0x short\n')).toBe(true)
    expect(first.endsWith('row5999x short')).toBe(true)
    expect(first).not.toContain('row3000x')

    await whole()
    expect(plain().getAttribute('aria-busy')).toBeNull()
    expect(plain().querySelector('[data-rivulet="markdown-placeholder"]')).toBeNull()
    expect(plain().textContent).toBe(text)
    page.host.scrollTop = page.host.scrollHeight / 2
    await frame()
    const exposed = exposedText(await accessibilityTree())
    expect(lines.map((_, i) => `row${i}x `).filter((marker) => !exposed.includes(marker))).toEqual([])
  })

  it('ends exactly with text streamed in while the middle was still mounting', { timeout: 180_000 }, async () => {
    act(() => page.root.render(<StreamingMarkdown streaming>{text}</StreamingMarkdown>))
    expect(plain().getAttribute('aria-busy')).toBe('true')
    const more = Array.from({ length: 2_000 }, (_, i) => `\nmore${i}x tail`).join('')
    for (let step = 1; step <= 4; step++) {
      await act(async () => page.root.render(<StreamingMarkdown streaming>{text + more.slice(0, (more.length * step) / 4)}</StreamingMarkdown>))
      await frame()
    }
    await act(async () => page.root.render(<StreamingMarkdown>{text + more}</StreamingMarkdown>))
    await whole()
    expect(plain().textContent).toBe(text + more)
  })

  it('mounts a text with no newline to cut at whole at once', () => {
    const oneLine = Array.from({ length: 6_000 }, (_, i) => `word${i}x`).join(' ')
    act(() => page.root.render(<StreamingMarkdown>{oneLine}</StreamingMarkdown>))
    expect(plain().getAttribute('aria-busy')).toBeNull()
    expect(plain().textContent).toBe(oneLine)
  })
})
