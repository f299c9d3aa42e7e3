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
})
