import { renderToStaticMarkup } from 'react-dom/server'
import { render } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import type { Components } from 'react-markdown'
import { readFenceBlock } from './fence-block.ts'
import { MarkdownBlock } from './markdown-block.tsx'
import { Pre, renderMarkdownSource } from './markdown-source.tsx'
import { repairMarkdown } from './repair-markdown.ts'
import { StreamingMarkdown } from './streaming-markdown.tsx'
import { readTableRows, TABLE_CHUNK_ROWS } from './table-block.tsx'
import { TaskCheckbox } from './task-checkbox.tsx'

const origins = new Set<string>()
const block = (text: string, streaming: boolean, components?: Components) =>
  renderToStaticMarkup(
    <MarkdownBlock text={text} streaming={streaming} allowedImageOrigins={origins} linkTarget={undefined} components={components} maxNesting={32} />,
  )
/** The block as react-markdown renders it whole (an app `pre` turns the fence short cut off). */
const parsedFence = (text: string, streaming: boolean) => block(text, streaming, { pre: Pre })
const parsedWhole = (text: string, streaming: boolean) =>
  renderToStaticMarkup(
    <>{renderMarkdownSource(streaming ? repairMarkdown(text) : text, { allowedImageOrigins: origins, linkTarget: undefined, components: { pre: Pre, input: TaskCheckbox } })}</>,
  )

const fences = [
  '```ts\nconst a = 1\n```',
  '```ts\nconst a = 1\n```\n\n\n',
  '```\nplain\n\n  indented\n\ttab\n```\n',
  '~~~python title="x.py"\nx = 1\n~~~~\n',
  '````md\n```js\ninner\n```\n````',
  '```ts\nopen fence',
  '```ts\nopen fence\n',
  '```ts\nopen fence\n\n',
  '```ts\nclosing being typed\n``',
  '```ts',
  '```\n```',
  '```js\n<b>not html</b> & **not bold** [no](link)\n   ```',
]

describe('a block that is one code fence renders without the markdown parser', () => {
  test.each(fences.flatMap((text) => [[text, true] as const, [text, false] as const]))('%j (streaming: %s) renders as parsed', (text, streaming) => {
    expect(readFenceBlock(text, streaming)).toBeDefined()
    expect(block(text, streaming)).toBe(parsedFence(text, streaming))
  })

  test.each(['```ts\na\n```\nafter', '  ```\nindented opener\n```', '```ts &amp;\na\n```', '```\r\na\r\n```', 'text\n```\na\n```'])(
    'leaves %j to the parser',
    (text) => {
      expect(readFenceBlock(text, false)).toBeUndefined()
    },
  )

  test('a 3,000-line fence is a code block, not a paragraph, while it streams and when done', () => {
    const code = Array.from({ length: 3_000 }, (_, i) => `const line${i} = ${i} // ${'x'.repeat(20)}`).join('\n')
    const { container, rerender } = render(<StreamingMarkdown streaming>{'Intro\n\n```ts\n' + code.slice(0, 60_000)}</StreamingMarkdown>)
    expect(container.querySelector('[data-rivulet="code-block"]')?.getAttribute('data-state')).toBe('streaming')
    rerender(<StreamingMarkdown>{'Intro\n\n```ts\n' + code + '\n```\n'}</StreamingMarkdown>)
    const codeBlock = container.querySelector('[data-rivulet="code-block"]')
    expect(codeBlock?.querySelectorAll('[data-rivulet="code-line"]')).toHaveLength(3_000)
    expect(codeBlock?.querySelector('code')?.textContent).toBe(code)
    expect(container.querySelector('[data-rivulet="markdown-plain"]')).toBeNull()
  })
})

const row = (i: number) => `| ${i} | **bold ${i}** and \`code\` | [l](https://x.example/${i}) | a \\| b |`
const table = (rows: number, tail = '') =>
  ['| n | text | link | pipe |', '|---:|:---|:---:|---|', ...Array.from({ length: rows }, (_, i) => row(i))].join('\n') + tail

describe('a long table renders in memoised row chunks', () => {
  test.each([
    ['finished', table(100, '\n\n'), false],
    ['finished, short rows', table(70) + '\n| 1 |\n| 2 | 3 | 4 | 5 | 6 |', false],
    ['streaming a row', table(70, '\n| 70 | **bo'), true],
    ['streaming a new row', table(64, '\n|'), true],
  ] as const)('%s: same DOM as the whole table parsed', (_what, text, streaming) => {
    expect(readTableRows(text)).toBeDefined()
    expect(block(text, streaming)).toBe(parsedWhole(text, streaming))
  })

  test('leaves short tables, lazy rows and a missing delimiter row to the parser', () => {
    expect(readTableRows(table(TABLE_CHUNK_ROWS - 1))).toBeUndefined()
    expect(readTableRows(table(80, '\nlazy line'))).toBeUndefined()
    expect(readTableRows(table(80).replace('|---:|:---|:---:|---|', '| no | delimiter | row | here |'))).toBeUndefined()
    expect(readTableRows(table(80).replace('|---:|:---|:---:|---|', '|---|---|'))).toBeUndefined()
  })

  test('a 2,000-row table is a table, and a token re-renders only its last chunk', () => {
    const counts = new Map<string, number>()
    const components: Components = {
      td({ node: _node, children, ...props }) {
        const key = String(Array.isArray(children) ? children[0] : children)
        counts.set(key, (counts.get(key) ?? 0) + 1)
        return <td {...props}>{children}</td>
      },
    }
    let text = table(2_000)
    const { container, rerender } = render(<StreamingMarkdown streaming components={components}>{text}</StreamingMarkdown>)
    expect(container.querySelectorAll('table')).toHaveLength(1)
    expect(container.querySelectorAll('tbody tr')).toHaveLength(2_000)
    expect(container.querySelector('[data-rivulet="markdown-plain"]')).toBeNull()
    for (const token of ['\n| 2000 ', '| more', ' text |']) {
      text += token
      rerender(<StreamingMarkdown streaming components={components}>{text}</StreamingMarkdown>)
    }
    expect(container.querySelectorAll('tbody tr')).toHaveLength(2_001)
    expect(counts.get('0')).toBe(1)
    expect(counts.get('1950')).toBe(1)
    expect(counts.get('2000')).toBe(3)
  })
})

describe('hostile numbers of escapes', () => {
  test.each([
    ['escaped brackets, a code span and a link', '\\['.repeat(600) + ' `a\\[b` and [x](https://x.example/\\(y) \\*not em\\* `\\`'],
    ['escapes in a list inside a quote', '> - ' + '\\_'.repeat(700) + ' <b>\\*</b>'],
  ])('%s render as the parser renders them', (_what, text) => {
    expect(block(text, false)).toBe(parsedWhole(text, false))
  })
})
