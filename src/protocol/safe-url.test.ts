import { describe, expect, test } from 'vitest'
import { imageVerdict, safeLinkHref, safeSourceUrl, toOrigins } from './safe-url.ts'

describe('safeLinkHref', () => {
  test.each([
    ['https://example.com/a?b=c#d', 'https://example.com/a?b=c#d'],
    ['http://example.com', 'http://example.com/'],
    ['mailto:a@example.com', 'mailto:a@example.com'],
    ['#section', '#section'],
    ['/docs/page', '/docs/page'],
    ['page.html', 'page.html'],
    ['  https://example.com', 'https://example.com/'],
    ['//evil.example/x', 'https://evil.example/x'],
    ['/\\evil.example/x', 'https://evil.example/x'],
    ['\\\\evil.example/x', 'https://evil.example/x'],
  ])('allows %j as %j', (url, expected) => {
    expect(safeLinkHref(url)).toBe(expected)
  })

  test.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'jav\tascript:alert(1)',
    'java\nscript:alert(1)',
    '\tjavascript:alert(1)',
    ' \u0001javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'tel:123',
    'http://[invalid',
  ])('refuses %j', (url) => {
    expect(safeLinkHref(url)).toBeUndefined()
  })
})

describe('imageVerdict', () => {
  const allowed = toOrigins(['https://cdn.example/any/path'])

  test('allows an absolute URL on an allowed origin', () => {
    expect(imageVerdict('https://cdn.example/a.png', allowed)).toEqual({ allowed: true, src: 'https://cdn.example/a.png', label: 'cdn.example' })
  })

  test.each([
    ['https://evil.example/?q=secret', 'evil.example'],
    ['//evil.example/a.png', 'evil.example'],
    ['http://cdn.example/a.png', 'cdn.example'],
    ['https://cdn.example:8443/a.png', 'cdn.example:8443'],
    ['https://cdn.example.evil.example/a.png', 'cdn.example.evil.example'],
    ['https://cdn.example@evil.example/a.png', 'evil.example'],
    ['/a.png', 'relative URL'],
    ['a.png', 'relative URL'],
    ['data:image/png;base64,AAAA', 'data:'],
    ['javascript:alert(1)', 'javascript:'],
  ])('blocks %j and names %j', (url, label) => {
    expect(imageVerdict(url, allowed)).toEqual({ allowed: false, src: undefined, label })
  })

  test('blocks everything by default', () => {
    expect(imageVerdict('https://cdn.example/a.png', toOrigins([])).allowed).toBe(false)
  })

  test('ignores allowlist entries that are not URLs', () => {
    expect([...toOrigins(['cdn.example', 'https://ok.example'])]).toEqual(['https://ok.example'])
  })
})

describe('safeSourceUrl', () => {
  test.each([
    ['https://example.com/a', 'https://example.com/a'],
    ['http://example.com/a b', 'http://example.com/a%20b'],
    ['//example.com/x', 'https://example.com/x'],
    ['  HTTPS://Example.com/  ', 'https://example.com/'],
  ])('keeps %j as %j', (url, href) => {
    expect(safeSourceUrl(url)).toBe(href)
  })

  test.each([['javascript:alert(1)'], ['JAVA\nSCRIPT:alert(1)'], ['data:text/html,x'], ['mailto:a@example.com'], ['/relative'], ['page.html'], ['#top'], ['ftp://example.com/f'], ['']])(
    'drops %j',
    (url) => {
      expect(safeSourceUrl(url)).toBeUndefined()
    },
  )
})
