import '../../styles.css'
import { act } from 'react'
import { describe, expect, it } from 'vitest'
import { StreamingMarkdown } from './streaming-markdown.tsx'
import { mountPerTest } from '../../../test/support/browser-root.ts'
import { accessibilityTree, exposedText, headingNames, settleSkipping } from '../../../test/support/ax-tree.ts'

/*
 * What a screen reader gets of a long answer, read from Chromium's accessibility tree (the
 * DevTools protocol's full tree of this test's frame) after the reader has scrolled to its end:
 * every heading and every piece of text, not only what is near the viewport. The content that
 * scrolled away is given time to be skipped, if the stylesheet lets the browser skip it
 * (`settleSkipping`), before the tree is read: the check is of the state a reader is in.
 *
 * The tree is the one Chromium builds for the DevTools protocol. With `content-visibility: auto`
 * it lacked whatever was skipped (8 of the 40 headings here); Chromium with renderer
 * accessibility on from the start, as when it detects a screen reader, exposed skipped content
 * (scripts/ax-mode-probe.ts). Rivulet skips nothing, so every consumer of the tree gets all of it,
 * whatever mode turned it on.
 */

// Renders go through act(), so React must know this is a test environment.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const page = mountPerTest('width: 640px; height: 400px; overflow: auto')
const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))

const PARAGRAPH = 'Rivers carry water from high ground to the sea, and the way they do it depends on slope, rock and rain. '
const SECTIONS = 40
/** 40 sections (a heading, two paragraphs, a list): 160 blocks, five groups of blocks. */
const answer = Array.from(
  { length: SECTIONS },
  (_, i) => `## Section ${i + 1}\n\n${PARAGRAPH.repeat(3)}para${i}x\n\n- first of ${i}\n- second of ${i}\n\n${PARAGRAPH}`,
).join('\n\n')

/** Streams `text` in `steps` renders, one frame apart, then renders it finished. */
async function streamThenSettle(text: string, steps: number) {
  for (let step = 1; step <= steps; step++) {
    await act(async () => page.root.render(<StreamingMarkdown streaming>{text.slice(0, Math.ceil((text.length * step) / steps))}</StreamingMarkdown>))
    await frame()
  }
  await act(async () => page.root.render(<StreamingMarkdown>{text}</StreamingMarkdown>))
  await frame()
}

describe('a long answer in Chromium’s accessibility tree', () => {
  it('exposes every heading and paragraph after the reader scrolled to its end', { timeout: 180_000 }, async () => {
    await streamThenSettle(answer, 20)
    expect(page.host.querySelectorAll('[data-rivulet="markdown-group"]').length).toBeGreaterThan(2)
    page.host.scrollTop = page.host.scrollHeight
    await settleSkipping(page.host.querySelector('h2')!)
    const nodes = await accessibilityTree()
    expect(headingNames(nodes)).toEqual(Array.from({ length: SECTIONS }, (_, i) => `Section ${i + 1}`))
    const text = exposedText(nodes)
    const missing = Array.from({ length: SECTIONS }, (_, i) => `para${i}x`).filter((marker) => !text.includes(marker))
    expect(missing).toEqual([])
  })

  it('exposes every line of a long fence after the reader scrolled past it', { timeout: 180_000 }, async () => {
    const lines = Array.from({ length: 600 }, (_, i) => `const line${i}x = ${i}`)
    await streamThenSettle('Before.\n\n```ts\n' + lines.join('\n') + '\n```\n\nAfter the fence.', 10)
    expect(page.host.querySelectorAll('[data-rivulet="code-segment"]').length).toBeGreaterThan(4)
    page.host.scrollTop = page.host.scrollHeight
    await settleSkipping(page.host.querySelector('[data-rivulet="code-line"]')!)
    const text = exposedText(await accessibilityTree())
    expect(lines.filter((line) => !text.includes(line.split(' ')[1]!))).toEqual([])
  })

  it('exposes all of a block too long for markdown, shown as plain text, after scrolling to its end', { timeout: 180_000 }, async () => {
    const lines = Array.from({ length: 1_500 }, (_, i) => `plain${i}x ${PARAGRAPH}`)
    await streamThenSettle(lines.join('\n'), 5)
    expect(page.host.querySelector('[data-rivulet="markdown-plain"]')!.children.length).toBeGreaterThan(2)
    page.host.scrollTop = page.host.scrollHeight
    await settleSkipping(page.host.querySelector('[data-rivulet="markdown-plain"] > span')!)
    const text = exposedText(await accessibilityTree())
    expect(lines.map((_, i) => `plain${i}x `).filter((marker) => !text.includes(marker))).toEqual([])
  })
})
