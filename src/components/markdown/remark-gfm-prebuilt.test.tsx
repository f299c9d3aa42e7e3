import { describe, expect, test } from 'vitest'
import { renderToStaticMarkup } from 'react-dom/server'
import Markdown from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { REMARK_GFM_OPTIONS, remarkGfmPrebuilt } from './remark-gfm-prebuilt.ts'

// remark-gfm itself is the reference, configured as Rivulet renders (no single-tilde strikethrough).
const html = (plugin: typeof remarkGfm, text: string) =>
  renderToStaticMarkup(
    <Markdown remarkPlugins={[plugin === remarkGfm ? [remarkGfm, REMARK_GFM_OPTIONS] : plugin]}>{text}</Markdown>,
  )

describe('remarkGfmPrebuilt', () => {
  test('is built from remark-gfm once, not a fallback to it', () => {
    expect(remarkGfmPrebuilt).not.toBe(remarkGfm)
  })

  test.each([
    ['a table', '| a | b |\n|:--|--:|\n| 1 | 2 |'],
    ['a task list', '- [x] done\n- [ ] todo'],
    ['strikethrough', '~~old~~ and ~single~'],
    ['autolink literals', 'see www.example.com, https://a.example/x?y and me@mail.example'],
    ['footnotes', 'Text[^1] more[^n].\n\n[^1]: One.\n[^n]: Two.'],
    ['plain CommonMark', '# Title\n\n**bold** _em_ `code` [l](https://a.example)\n\n> quote'],
  ])('renders %s exactly as remark-gfm does', (_what, text) => {
    expect(html(remarkGfmPrebuilt, text)).toBe(html(remarkGfm, text))
  })

  test('renders the same on every parse, so nothing built once keeps state', () => {
    const text = 'A[^1] ~~b~~ www.c.example\n\n| x |\n|---|\n| y |\n\n[^1]: d'
    const first = html(remarkGfmPrebuilt, text)
    expect(html(remarkGfmPrebuilt, text)).toBe(first)
    expect(html(remarkGfmPrebuilt, 'other [^2]\n\n[^2]: e')).toBe(html(remarkGfm, 'other [^2]\n\n[^2]: e'))
  })

  test.each([
    ['a temperature range', '20~25°C。20~25°C', '<p>20~25°C。20~25°C</p>'],
    ['tildes inside words', 'foo~bar~baz', '<p>foo~bar~baz</p>'],
    ['an approximation and a range', 'about ~5 to ~10 min', '<p>about ~5 to ~10 min</p>'],
  ])('never strikes through %s with single tildes', (_what, text, expected) => {
    expect(html(remarkGfmPrebuilt, text)).toBe(expected)
    expect(html(remarkGfmPrebuilt, '~~gone~~')).toBe('<p><del>gone</del></p>')
  })
})
