import '../../styles.css'
import { flushSync } from 'react-dom'
import { describe, expect, it } from 'vitest'
import { StreamCursor } from './stream-cursor.tsx'
import { StreamingMarkdown } from '../markdown/streaming-markdown.tsx'
import { mountPerTest } from '../../../test/support/browser-root.ts'

const page = mountPerTest('width: 480px; font: 16px/1.5 sans-serif; color: rgb(10, 20, 30)')

/** A caret drawn by the stylesheet: no character to be missing from a font, a visible box of the text colour. */
function expectDrawnCaret(style: CSSStyleDeclaration, box: { width: number; height: number }) {
  expect(box.width).toBeGreaterThan(0)
  expect(box.height).toBeGreaterThan(0)
  expect(style.backgroundColor).toBe('rgb(10, 20, 30)')
}

describe('the streaming caret with the default theme', () => {
  it('StreamCursor is a drawn block with no glyph, inside the line it ends', () => {
    flushSync(() =>
      page.root.render(
        <p>
          The Nile is usually measured as the longer river
          <StreamCursor />
        </p>,
      ),
    )
    const cursor = page.host.querySelector<HTMLElement>('[data-rivulet="cursor"]')!
    expect(cursor.textContent).toBe('')
    const box = cursor.getBoundingClientRect()
    expectDrawnCaret(getComputedStyle(cursor), box)
    const paragraph = page.host.querySelector('p')!.getBoundingClientRect()
    expect(box.top).toBeGreaterThanOrEqual(paragraph.top)
    expect(box.bottom).toBeLessThanOrEqual(paragraph.bottom)
  })

  it("StreamingMarkdown's caret is a pseudo-element with empty content, drawn the same way", () => {
    flushSync(() => page.root.render(<StreamingMarkdown streaming>{'Rivers carry sediment.'}</StreamingMarkdown>))
    const paragraph = page.host.querySelector('p')!
    const after = getComputedStyle(paragraph, '::after')
    expect(after.content).toBe('""')
    expect(after.backgroundColor).toBe('rgb(10, 20, 30)')
    expect(parseFloat(after.width)).toBeGreaterThan(0)
    expect(parseFloat(after.height)).toBeGreaterThan(0)
  })
})
