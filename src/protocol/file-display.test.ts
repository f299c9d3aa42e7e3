import { describe, expect, test } from 'vitest'
import { fileDisplay, isRasterImageType } from './file-display.ts'
import { toOrigins } from './safe-url.ts'

const allowed = toOrigins(['https://images.example.com'])
const png = 'data:image/png;base64,iVBORw0KGgo='

describe('fileDisplay', () => {
  test.each([
    ['image/png', png],
    ['image/jpeg', 'data:image/jpeg;base64,/9j/4AAQ'],
    ['image/gif', 'data:image/gif;base64,R0lGOD'],
    ['image/webp', 'data:image/webp;base64,UklGR'],
    ['IMAGE/PNG; name=x', png],
  ])('shows a %s data: URL as an image', (mediaType, url) => {
    expect(fileDisplay({ mediaType, url }, new Set())).toEqual({ kind: 'image', src: url })
  })

  test.each([
    ['image/svg+xml', 'data:image/svg+xml,<svg onload="alert(1)"/>', 'image/svg+xml'],
    ['text/html', 'data:text/html,<script>alert(1)</script>', 'text/html'],
    ['application/xhtml+xml', 'https://files.example.com/x.xhtml', 'application/xhtml+xml'],
    ['image/svg+xml', 'https://images.example.com/logo.svg', 'image/svg+xml'],
    // The type inside the data: URL counts as much as the declared one.
    ['image/png', 'data:text/html;base64,PHNjcmlwdD4=', 'text/html'],
    ['image/png', 'data:image/svg+xml;base64,PHN2Zz4=', 'image/svg+xml'],
    ['application/pdf', 'data:image/svg+xml,<svg/>', 'image/svg+xml'],
    ['image/png', 'data:application/octet-stream;base64,AA==', 'application/octet-stream'],
  ])('refuses %s at %j as an unsafe type', (mediaType, url, label) => {
    expect(fileDisplay({ mediaType, url }, allowed)).toEqual({ kind: 'placeholder', reason: 'unsafe-type', label })
  })

  test('offers passive files as downloads: data: PDFs and remote files', () => {
    expect(fileDisplay({ mediaType: 'application/pdf', url: 'data:application/pdf;base64,JVBER' }, new Set())).toEqual({ kind: 'download', href: 'data:application/pdf;base64,JVBER' })
    expect(fileDisplay({ mediaType: 'text/csv', url: 'https://files.example.com/a b.csv' }, new Set())).toEqual({ kind: 'download', href: 'https://files.example.com/a%20b.csv' })
  })

  test('loads remote images only from allowed origins, like markdown images', () => {
    expect(fileDisplay({ mediaType: 'image/png', url: 'https://images.example.com/cat.png' }, allowed)).toEqual({ kind: 'image', src: 'https://images.example.com/cat.png' })
    expect(fileDisplay({ mediaType: 'image/png', url: 'https://tracker.example/p.png?u=1' }, allowed)).toEqual({ kind: 'placeholder', reason: 'blocked-origin', label: 'tracker.example' })
  })

  test.each([
    ['javascript:alert(1)', 'javascript:'],
    ['', 'no URL'],
    ['/uploads/a.png', 'relative URL'],
    ['file:///etc/passwd', 'file:'],
    ['blob:https://app.example/1234', 'blob:'],
  ])('refuses the URL %j', (url, label) => {
    expect(fileDisplay({ mediaType: 'image/png', url }, allowed)).toEqual({ kind: 'placeholder', reason: 'unsafe-url', label })
  })
})

describe('isRasterImageType', () => {
  test('accepts png, jpeg, gif and webp only', () => {
    expect(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml', 'image/bmp', 'text/html'].map(isRasterImageType)).toEqual([true, true, true, true, false, false, false])
  })
})
