import { render, waitFor } from '@testing-library/react'
import { renderToString } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { PlainTextBlock } from './plain-text-block.tsx'

const text = Array.from({ length: 8_000 }, (_, i) => `line${i}x of plain text`).join('\n')

describe('PlainTextBlock', () => {
  test('server rendering holds every piece: the markup a page hydrates has all of the text', () => {
    const html = renderToString(<PlainTextBlock text={text} />)
    expect(html).not.toContain('markdown-placeholder')
    expect(html).not.toContain('aria-busy')
    expect(html).toContain('line0x of')
    expect(html).toContain('line4000x of')
    expect(html).toContain('line7999x of')
  })

  test('on the client, the middle follows the two ends and the text ends exact', async () => {
    const { container } = render(<PlainTextBlock text={text} />)
    const paragraph = container.querySelector('[data-rivulet="markdown-plain"]')!
    expect(paragraph.getAttribute('aria-busy')).toBe('true')
    expect(paragraph.textContent).not.toContain('line4000x')
    await waitFor(() => expect(paragraph.getAttribute('aria-busy')).toBeNull(), { timeout: 30_000 })
    expect(paragraph.textContent).toBe(text)
  })
})
