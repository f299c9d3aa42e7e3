import { describe, expect, test } from 'vitest'
import { act, render, waitFor } from '@testing-library/react'
import { StreamingMarkdown } from './streaming-markdown.tsx'
import { countingParagraphs } from '../../../test/support/counting-paragraphs.tsx'
import { REVEAL_BUDGET_CHARS } from './reveal-budget.ts'
import { createPrng } from '../../mocks/prng.ts'

/** A long answer of every kind of block, numbered so each block's text is its own. */
function answer(sections: number): string {
  let text = ''
  for (let i = 0; i < sections; i++) {
    text +=
      `## Part ${i}\n\nIntro ${i} with **bold ${i}**, \`code${i}\` and [a link](https://example.com/${i}).\n\n` +
      `- item ${i}.1\n- item ${i}.2\n\n| k | v |\n|---|---|\n| r${i} | ${i * 3} |\n\n` +
      '```ts\n' + `const v${i} = ${i}\n` + '```\n\n' + `> quote ${i}\n\n`
  }
  return text
}

const blockCount = (container: HTMLElement) => container.querySelectorAll('[data-rivulet="markdown-group"] > *').length

describe('StreamingMarkdown with a long answer', () => {
  test('streamed in chunks of every size, one far over the budget, it ends with the same text as rendered whole', { timeout: 60_000 }, async () => {
    const whole = answer(60)
    const random = createPrng(15)
    const { container, rerender } = render(<StreamingMarkdown streaming>{''}</StreamingMarkdown>)
    let at = 0
    let jumped = false
    let behind = false
    while (at < whole.length) {
      // One chunk of three budgets at once, as after a busy tab; the rest token-sized.
      const big: boolean = !jumped && at >= 2_000
      jumped ||= big
      at = Math.min(whole.length, at + (big ? 3 * REVEAL_BUDGET_CHARS : 1 + Math.floor(random() * 40)))
      const text = whole.slice(0, at)
      act(() => rerender(<StreamingMarkdown streaming>{text}</StreamingMarkdown>))
      behind ||= big && !(container.textContent ?? '').includes(`quote ${whole.slice(0, at).split('> quote ').length - 2}`)
    }
    expect(behind).toBe(true)
    act(() => rerender(<StreamingMarkdown>{whole}</StreamingMarkdown>))
    const { container: reference } = render(<StreamingMarkdown>{whole}</StreamingMarkdown>)
    // The reference mounts settled, so in pieces (both ends first, then the middle in slices):
    // compared once it is whole (no longer aria-busy), not when the counts happen to match.
    const mountedWhole = (root: HTMLElement) => root.querySelector('[data-rivulet="markdown"]')!.hasAttribute('aria-busy') === false
    await waitFor(() => {
      expect(mountedWhole(reference) && mountedWhole(container)).toBe(true)
      expect(blockCount(container)).toBe(blockCount(reference))
    }, { timeout: 30_000 })
    expect(container.textContent).toBe(reference.textContent)
    expect(container.querySelectorAll('table').length).toBe(60)
    expect(container.querySelectorAll('[data-rivulet="code-block"]').length).toBe(60)
  })

  test('shows text that arrives faster than the budget over the next frames, keeping what it showed', { timeout: 60_000 }, async () => {
    const whole = answer(80)
    const start = whole.slice(0, 500)
    const { container, rerender } = render(<StreamingMarkdown streaming>{start}</StreamingMarkdown>)
    const first = container.querySelector('h2')
    const shownBefore = (container.textContent ?? '').length
    act(() => rerender(<StreamingMarkdown streaming>{whole}</StreamingMarkdown>))
    const shownNow = (container.textContent ?? '').length
    // One render added about a budget of text, not the 14,000 characters that arrived.
    expect(shownNow).toBeGreaterThan(shownBefore)
    expect(shownNow - shownBefore).toBeLessThan(2 * REVEAL_BUDGET_CHARS)
    await waitFor(() => expect(container.textContent).toContain('quote 79'), { timeout: 30_000 })
    expect(container.querySelector('h2')).toBe(first)
  })

  test('re-renders no settled block of a 300-block answer while tokens reach its end', () => {
    const { renders, components } = countingParagraphs()
    const head = Array.from({ length: 300 }, (_, i) => `P${i} text.`).join('\n\n')
    const { rerender } = render(<StreamingMarkdown streaming components={components}>{head}</StreamingMarkdown>)
    let text = head
    for (const token of [' one', ' two', ' three', '\n\nP300 new', ' block']) {
      text += token
      rerender(<StreamingMarkdown streaming components={components}>{text}</StreamingMarkdown>)
    }
    expect(renders.get('P0')).toBe(1)
    expect(renders.get('P150')).toBe(1)
    expect(renders.get('P298')).toBe(1)
    // The block that was streaming renders once per token until it settles, then once more.
    expect(renders.get('P299')).toBe(5)
    expect(renders.get('P300')).toBe(2)
  })
})
