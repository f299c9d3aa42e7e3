import '../../styles.css'
import { flushSync } from 'react-dom'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { StreamingMarkdown } from './streaming-markdown.tsx'
import { mountPerTest } from '../../../test/support/browser-root.ts'

const page = mountPerTest('width: 640px; height: 400px; overflow: auto')
const frames = async (count: number) => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve))
}
const fence = (i: number) => '```ts\n' + Array.from({ length: 10 }, (_, line) => `const v${i}_${line} = ${line}`).join('\n') + '\n```'
/** 80 blocks: a paragraph then a 10-line fence, 40 times; three groups of up to 32 blocks. */
const answer = Array.from({ length: 40 }, (_, i) => `Paragraph ${i}.\n\n${fence(i)}`).join('\n\n')

afterEach(() => {
  vi.restoreAllMocks()
})

/** 400 numbered sections (heading, paragraph, list, fence): ~43,000 characters, far over what mounts at once. */
const SECTIONS = 400
const settled = Array.from(
  { length: SECTIONS },
  (_, i) => `## Section ${i}\n\nParagraph ${i} with **bold** and \`code\`.\n\n- item ${i}a\n- item ${i}b\n\n\`\`\`ts\nconst s${i} = ${i}\n\`\`\``,
).join('\n\n')
const headings = () => [...page.host.querySelectorAll('h2')].map((h) => h.textContent)
const allHeadings = Array.from({ length: SECTIONS }, (_, i) => `Section ${i}`)
const mountedMarkdown = () => page.host.querySelector<HTMLElement>('[data-rivulet="markdown"]')!

describe('a long answer in Chromium with the default theme', () => {
  it('observes the viewport once per group, not per code block, and still highlights a far fence once scrolled near', { timeout: 120_000 }, async () => {
    const observe = vi.spyOn(IntersectionObserver.prototype, 'observe')
    flushSync(() => page.root.render(<StreamingMarkdown>{answer}</StreamingMarkdown>))
    const groups = [...page.host.querySelectorAll<HTMLElement>('[data-rivulet="markdown-group"]')]
    expect(groups).toHaveLength(3)
    const blocks = [...page.host.querySelectorAll<HTMLElement>('[data-rivulet="code-block"]')]
    expect(blocks).toHaveLength(40)
    await vi.waitFor(() => expect(blocks[0]!.dataset.state).toBe('highlighted'), { timeout: 60_000, interval: 20 })
    await frames(30)
    // The last fence is thousands of pixels down: it waits.
    expect(blocks[39]!.dataset.state).toBe('plain')
    expect(observe.mock.calls.length).toBeGreaterThan(0)
    expect(observe.mock.calls.length).toBeLessThanOrEqual(groups.length)
    page.host.scrollTop = page.host.scrollHeight
    await vi.waitFor(() => expect(blocks[39]!.dataset.state).toBe('highlighted'), { timeout: 60_000, interval: 20 })
    expect(observe.mock.calls.length).toBeLessThanOrEqual(groups.length)
  })

  it('contains settled groups (never the last one), skips none of them off screen, and shows the same text', () => {
    flushSync(() => page.root.render(<StreamingMarkdown streaming>{answer}</StreamingMarkdown>))
    const groups = [...page.host.querySelectorAll<HTMLElement>('[data-rivulet="markdown-group"]')]
    // Skipping (content-visibility: auto) would leave the settled groups out of the accessibility tree.
    expect(groups.map((group) => getComputedStyle(group).contentVisibility)).toEqual(['visible', 'visible', 'visible'])
    // Chromium gives `contain: layout style paint` back as its shorthand, `content`.
    expect(groups.map((group) => getComputedStyle(group).contain)).toEqual(['content', 'content', 'layout style'])
    expect(page.host.querySelectorAll('p')).toHaveLength(40)
    expect(page.host.textContent).toContain('const v39_9 = 9')
  })

  it('mounts a settled long answer in pieces, both ends first, and ends up with every block in order', { timeout: 120_000 }, async () => {
    flushSync(() => page.root.render(<StreamingMarkdown>{settled}</StreamingMarkdown>))
    const root = mountedMarkdown()
    // The first render: the start and the end, a placeholder between them, the root busy.
    expect(root.getAttribute('aria-busy')).toBe('true')
    expect(headings()[0]).toBe('Section 0')
    expect(headings().at(-1)).toBe(`Section ${SECTIONS - 1}`)
    expect(headings().length).toBeLessThan(SECTIONS)
    expect(root.querySelectorAll('[data-rivulet="markdown-placeholder"]').length).toBeGreaterThan(0)
    expect(root.querySelector('[data-rivulet="markdown-placeholder"]')!.getAttribute('aria-hidden')).toBe('true')
    await vi.waitFor(() => expect(root.hasAttribute('aria-busy')).toBe(false), { timeout: 100_000, interval: 50 })
    expect(root.querySelectorAll('[data-rivulet="markdown-placeholder"]')).toHaveLength(0)
    expect(headings()).toEqual(allHeadings)
    expect([...root.querySelectorAll('p')].map((p) => p.textContent)).toEqual(allHeadings.map((_, i) => `Paragraph ${i} with bold and code.`))
    expect([...root.querySelectorAll('li')].map((li) => li.textContent)).toEqual(allHeadings.flatMap((_, i) => [`item ${i}a`, `item ${i}b`]))
    expect([...root.querySelectorAll('[data-rivulet="code-block"] code')].map((code) => code.textContent)).toEqual(allHeadings.map((_, i) => `const s${i} = ${i}`))
    // Groups of 32 blocks, as if it had rendered at once.
    expect(root.querySelectorAll('[data-rivulet="markdown-group"]')).toHaveLength(Math.ceil((SECTIONS * 4) / 32))
  })

  it('keeps what the reader sees still while the rest of a settled long answer mounts, at the bottom or at the top', { timeout: 120_000 }, async () => {
    for (const at of ['bottom', 'top'] as const) {
      flushSync(() => page.root.render(<StreamingMarkdown key={at}>{settled}</StreamingMarkdown>))
      page.host.scrollTop = at === 'bottom' ? page.host.scrollHeight : 0
      const seen = [...page.host.querySelectorAll('h2')].at(at === 'bottom' ? -1 : 0)!
      const where = () => seen.getBoundingClientRect().top - page.host.getBoundingClientRect().top
      const first = where()
      let moved = 0
      while (mountedMarkdown().hasAttribute('aria-busy')) {
        await frames(1)
        moved = Math.max(moved, Math.abs(where() - first))
      }
      expect(seen.isConnected).toBe(true)
      // Scroll anchoring adjusts by whole pixels while heights above change by fractions: up to one pixel.
      expect(moved, `${at}: the reader's heading moved`).toBeLessThanOrEqual(1)
      expect(headings()).toEqual(allHeadings)
    }
  })
})

