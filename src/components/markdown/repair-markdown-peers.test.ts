import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { MarkdownBlock } from './markdown-block.tsx'
import { repairMarkdown } from './repair-markdown.ts'

/** One input of streamdown's remend suite, as classified in test/peers/remend-cases.json. */
interface PeerCase {
  id: number
  test: string
  input: string
  /** What remend returns. */
  remend: string
  /** a: Rivulet rendered it broken (fixed now); b: policy difference; c: Rivulet arguably better. */
  class?: 'a' | 'b' | 'c'
  tag?: string
  /** What Rivulet returned when the cases were classified (kept for b and c). */
  rivuletAtPort?: string
}

// jsdom gives import.meta.url an http: scheme, so resolve from the module's directory instead.
const file = join(import.meta.dirname, '../../../test/peers/remend-cases.json')
const cases = (JSON.parse(readFileSync(file, 'utf8')) as { cases: PeerCase[] }).cases
const label = (c: PeerCase) => `#${c.id} ${c.test}`

/**
 * Class a cases where Rivulet's fix differs from remend's string but renders the same:
 * a dash being typed under a paragraph is dropped (remend adds a zero-width space), and
 * single tildes are left to the parser, which no longer reads them as strikethrough.
 */
const fixedDifferently: Record<string, (input: string) => string> = {
  'setext-dash-space': (input) => input.replace(/-[ \t]*$/, ''),
  'single-tilde-strikethrough': (input) => input,
}

const render = (text: string) =>
  renderToStaticMarkup(
    createElement(MarkdownBlock, { text, streaming: true, allowedImageOrigins: new Set<string>(), linkTarget: undefined, components: undefined, maxNesting: 32 }),
  )

describe('repairMarkdown on streamdown remend suite inputs', () => {
  test('the peer data is all there', () => {
    expect(cases.length).toBe(605)
    expect(cases.filter((c) => c.class === 'a').length).toBe(18)
  })

  test.each(cases.filter((c) => c.class === undefined).map((c) => [label(c), c] as const))('%s: same as remend', (_name, c) => {
    expect(repairMarkdown(c.input)).toBe(c.remend)
  })

  test.each(cases.filter((c) => c.class === 'a').map((c) => [label(c), c] as const))('%s: class a defect is fixed', (_name, c) => {
    const fix = fixedDifferently[c.tag ?? '']
    expect(repairMarkdown(c.input)).toBe(fix ? fix(c.input) : c.remend)
  })

  test.each(cases.filter((c) => c.class === 'b' || c.class === 'c').map((c) => [label(c), c] as const))(
    '%s: keeps the classified behaviour',
    (_name, c) => {
      expect(repairMarkdown(c.input)).toBe(c.rivuletAtPort)
    },
  )

  test('a list item being typed under a paragraph never renders as a heading', () => {
    for (const c of cases.filter((c) => c.tag === 'setext-dash-space')) {
      expect(render(c.input)).not.toMatch(/<h\d/)
    }
    expect(render('Some text\n-')).not.toMatch(/<h\d/)
    expect(render('Some text\n---\n')).toMatch(/<h2>/)
  })

  test('single tildes never strike through, in a streaming or a finished message', () => {
    for (const c of cases.filter((c) => c.tag === 'single-tilde-strikethrough')) {
      expect(render(c.input)).not.toContain('<del>')
    }
    expect(render('~~gone~~ and 20~25°C')).toBe('<p><del>gone</del> and 20~25°C</p>')
  })
})
