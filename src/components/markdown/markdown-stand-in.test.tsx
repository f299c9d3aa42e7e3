import { render } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import { MarkdownStandInBlock, standInBlocks } from './markdown-stand-in.tsx'
import { StreamingMarkdown } from './streaming-markdown.tsx'

/** What a reader sees of `element`: its text without the hidden syntax markers. */
function visibleText(element: Element): string {
  const copy = element.cloneNode(true) as Element
  for (const marker of copy.querySelectorAll('[data-rivulet="markdown-syntax"], [style*="visibility: hidden"]')) marker.remove()
  return copy.textContent ?? ''
}

/** [why, block, what shows] */
const blocks: Array<[string, string, string]> = [
  ['a paragraph with emphasis, code and a link', 'Use **bold**, _it_, `npm i` and [docs](https://x.io/a_b "T").', 'Use bold, it, npm i and docs.'],
  ['a heading', '## Install **now**', 'Install now'],
  ['a heading with a paragraph under it', '# Title\nBody *text*', 'TitleBody text'],
  ['a bullet list', '- one **1**\n- two\n  more', 'one 1two\nmore'],
  ['a numbered list', '1. first\n2. `second`', 'firstsecond'],
  ['a quote', '> quoted **words**\n> more', 'quoted words\nmore'],
  ['a table', '| A | B |\n|---|:-:|\n| `x` | **y** |', 'ABxy'],
  ['a table with only some outer pipes', 'A | B |\n---|---\n| x | y\nz | \\|', 'ABxyz|'],
  ['a fence (its language in the header, as the code block shows it)', '```ts\nconst a = 1\n```', 'tsconst a = 1'],
  ['an open fence', '```py\nx = 1', 'pyx = 1'],
  ['escapes and intraword underscores', 'snake_case and \\*literal\\* 2*3*4', 'snake_case and *literal* 2*3*4'],
  ['strikethrough', 'was ~~gone~~ here', 'was gone here'],
]

describe('MarkdownStandInBlock: a block before the parser has loaded', () => {
  test.each(blocks)('%s: shows its text without syntax and keeps the source in the DOM', (_why, block, shown) => {
    const { container } = render(<MarkdownStandInBlock text={block} />)
    expect(visibleText(container)).toBe(shown)
    // Hidden, not dropped: the source is all there (a table's delimiter row included), beside the code header's label.
    const source = container.cloneNode(true) as Element
    for (const decoration of source.querySelectorAll('[aria-hidden="true"]')) decoration.remove()
    expect(source.textContent?.replace(/\s+/g, '')).toBe(block.replace(/\s+/g, ''))
    for (const marker of container.querySelectorAll('[data-rivulet="markdown-syntax"]')) expect(marker).toHaveStyle({ display: 'none' })
  })

  test.each(blocks)('%s: is the same element as the rendered block', (_why, block) => {
    const standIn = render(<MarkdownStandInBlock text={block} />).container
    const rendered = render(<StreamingMarkdown>{block}</StreamingMarkdown>).container.querySelector('[data-rivulet="markdown-group"]')!
    const shape = (nodes: Iterable<Element>) => [...nodes].map((node) => (node.getAttribute('data-rivulet') === 'code-block' ? 'code-block' : node.tagName))
    expect(shape(standIn.children)).toEqual(shape(rendered.children))
  })

  test('makes no link and requests no image', () => {
    const { container } = render(<MarkdownStandInBlock text={'[a](https://x.io) ![b](https://evil.example/p.png)'} />)
    expect(container.querySelector('a, img')).toBeNull()
  })
})

describe('standInBlocks', () => {
  test('splits at blank lines, but not inside a fence', () => {
    expect(standInBlocks('# A\n\ntext\n\n```\nx\n\ny\n```\n\n\nlast\n')).toEqual(['# A', 'text', '```\nx\n\ny\n```', 'last'])
  })
})
