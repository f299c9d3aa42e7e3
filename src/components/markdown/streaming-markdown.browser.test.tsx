import '../../styles.css'
import { flushSync } from 'react-dom'
import { describe, expect, it } from 'vitest'
import { StreamingMarkdown } from './streaming-markdown.tsx'
import { mountPerTest } from '../../../test/support/browser-root.ts'

const page = mountPerTest('width: 640px')

function show(text: string, streaming: boolean) {
  flushSync(() => page.root.render(<StreamingMarkdown streaming={streaming}>{text}</StreamingMarkdown>))
}

const paragraphs = (count: number) => Array.from({ length: count }, (_, i) => `Paragraph ${i}.`).join('\n\n')
const caret = (element: Element) => getComputedStyle(element, '::after').content

describe('StreamingMarkdown with the default theme', () => {
  it.each([3, 40])('shows the caret after the last of %i blocks while streaming, and nowhere else', (count) => {
    show(paragraphs(count), true)
    const all = [...page.host.querySelectorAll('p')]
    expect(all).toHaveLength(count)
    expect(caret(all.at(-1)!)).not.toBe('none')
    expect(all.slice(0, -1).filter((p) => caret(p) !== 'none')).toEqual([])
    show(paragraphs(count), false)
    expect(caret(all.at(-1)!)).toBe('none')
  })

  it('shows the caret after the last list item when a list is the last block of a later group', () => {
    show(`${paragraphs(33)}\n\n- one\n- two`, true)
    const items = page.host.querySelectorAll('li')
    expect(caret(items[1]!)).not.toBe('none')
    expect(caret(items[0]!)).toBe('none')
  })

  it('spaces blocks across a group edge exactly as within a group', async () => {
    show(paragraphs(40), false)
    // Measured after a couple of frames, as a reader sees it.
    for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve))
    const tops = [...page.host.querySelectorAll('p')].map((p) => p.getBoundingClientRect().top)
    const gaps = tops.slice(1).map((top, i) => top - tops[i]!)
    // Paragraph 32 is the first of the second group.
    expect(gaps[31]).toBeCloseTo(gaps[30]!, 3)
    expect(gaps[31]).toBeGreaterThan(0)
  })
})
