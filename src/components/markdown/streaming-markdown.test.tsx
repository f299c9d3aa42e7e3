import { describe, expect, test } from 'vitest'
import { createRef } from 'react'
import { render } from '@testing-library/react'
import { StreamingMarkdown } from './streaming-markdown.tsx'
import { countingParagraphs } from '../../../test/support/counting-paragraphs.tsx'

describe('StreamingMarkdown', () => {
  test('re-renders only the last block when tokens are appended to it', () => {
    const { renders, components } = countingParagraphs()
    const head = 'Alpha one.\n\nBravo two.\n\nCharlie'
    const { rerender } = render(<StreamingMarkdown streaming components={components}>{head}</StreamingMarkdown>)
    const tokens = [' three', ' and', ' more', ' words', '.']
    let text = head
    for (const token of tokens) {
      text += token
      rerender(<StreamingMarkdown streaming components={components}>{text}</StreamingMarkdown>)
    }
    expect(renders.get('Alpha')).toBe(1)
    expect(renders.get('Bravo')).toBe(1)
    expect(renders.get('Charlie')).toBe(tokens.length + 1)
  })

  test('renders a settled block once more only when it stops being the streaming block', () => {
    const { renders, components } = countingParagraphs()
    const { rerender } = render(<StreamingMarkdown streaming components={components}>{'Alpha **bold'}</StreamingMarkdown>)
    rerender(<StreamingMarkdown streaming components={components}>{'Alpha **bold**\n\nBravo'}</StreamingMarkdown>)
    rerender(<StreamingMarkdown streaming components={components}>{'Alpha **bold**\n\nBravo two'}</StreamingMarkdown>)
    rerender(<StreamingMarkdown streaming components={components}>{'Alpha **bold**\n\nBravo two three'}</StreamingMarkdown>)
    expect(renders.get('Alpha')).toBe(2)
    expect(renders.get('Bravo')).toBe(3)
  })

  test('keeps earlier blocks memoised when the allowed origins are passed as a new but equal array', () => {
    const { renders, components } = countingParagraphs()
    const { rerender } = render(<StreamingMarkdown components={components} allowedImageOrigins={['https://a.example']}>{'Alpha\n\nBravo'}</StreamingMarkdown>)
    rerender(<StreamingMarkdown components={components} allowedImageOrigins={['https://a.example']}>{'Alpha\n\nBravo two'}</StreamingMarkdown>)
    expect(renders.get('Alpha')).toBe(1)
  })

  test('repairs unfinished syntax in the last block only while streaming', () => {
    const { container, rerender } = render(<StreamingMarkdown streaming>{'Some **bold'}</StreamingMarkdown>)
    expect(container.querySelector('strong')?.textContent).toBe('bold')
    rerender(<StreamingMarkdown streaming={false}>{'Some **bold'}</StreamingMarkdown>)
    expect(container.querySelector('strong')).toBeNull()
    expect(container.textContent).toBe('Some **bold')
  })

  test('does not repair a finished block before the streaming one', () => {
    const { container } = render(<StreamingMarkdown streaming>{'Stray *star\n\nNow **bold'}</StreamingMarkdown>)
    expect(container.querySelector('em')).toBeNull()
    expect(container.querySelector('strong')?.textContent).toBe('bold')
  })

  test('marks the root and reflects streaming as a boolean data attribute', () => {
    const { container, rerender } = render(<StreamingMarkdown streaming id="m1" className="prose" aria-label="Answer">{'Hi'}</StreamingMarkdown>)
    const root = container.firstElementChild as HTMLElement
    expect(root).toHaveAttribute('data-rivulet', 'markdown')
    expect(root).toHaveAttribute('data-streaming', '')
    expect(root).toHaveAttribute('id', 'm1')
    expect(root).toHaveClass('prose')
    expect(root).toHaveAttribute('aria-label', 'Answer')
    rerender(<StreamingMarkdown>{'Hi'}</StreamingMarkdown>)
    expect(root).not.toHaveAttribute('data-streaming')
  })

  test('forwards its ref to the root element', () => {
    const ref = createRef<HTMLDivElement>()
    render(<StreamingMarkdown ref={ref}>{'Hi'}</StreamingMarkdown>)
    expect(ref.current).toHaveAttribute('data-rivulet', 'markdown')
  })

  test('adds no live region of its own', () => {
    const { container } = render(<StreamingMarkdown streaming>{'Hello\n\nworld'}</StreamingMarkdown>)
    expect(container.querySelector('[aria-live], [role="log"], [role="status"]')).toBeNull()
  })

  test('renders fences with CodeBlock, incomplete while the fence is still open', () => {
    const { container, rerender } = render(<StreamingMarkdown streaming>{'Intro\n\n```ts\nconst a = 1'}</StreamingMarkdown>)
    let block = container.querySelector('[data-rivulet="code-block"]') as HTMLElement
    expect(block).toHaveAttribute('data-language', 'ts')
    expect(block).toHaveAttribute('data-streaming')
    expect(block.querySelector('code')?.textContent).toBe('const a = 1')
    rerender(<StreamingMarkdown streaming>{'Intro\n\n```ts\nconst a = 1\n```'}</StreamingMarkdown>)
    block = container.querySelector('[data-rivulet="code-block"]') as HTMLElement
    expect(block).not.toHaveAttribute('data-streaming')
  })

  test('marks only the unclosed fence as incomplete when a block has several', () => {
    const { container } = render(<StreamingMarkdown streaming>{'```\na\n```\ntext\n```py\nb'}</StreamingMarkdown>)
    const streaming = [...container.querySelectorAll('[data-rivulet="code-block"]')].map((el) => el.hasAttribute('data-streaming'))
    expect(streaming).toEqual([false, true])
  })

  test('marks an unclosed fence complete once streaming has ended', () => {
    const { container } = render(<StreamingMarkdown>{'```\nleft open'}</StreamingMarkdown>)
    expect(container.querySelector('[data-rivulet="code-block"]')).not.toHaveAttribute('data-streaming')
  })

  test('keeps inline code as a code element', () => {
    const { container } = render(<StreamingMarkdown>{'Run `npm test` now'}</StreamingMarkdown>)
    expect(container.querySelector('p > code')?.textContent).toBe('npm test')
    expect(container.querySelector('[data-rivulet="code-block"]')).toBeNull()
  })

  test('renders GFM tables, task lists, strikethrough and autolinks', () => {
    const md = '| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~old~~ see https://example.com'
    const { container } = render(<StreamingMarkdown>{md}</StreamingMarkdown>)
    expect(container.querySelectorAll('table td')).toHaveLength(2)
    expect(container.querySelectorAll('input[type="checkbox"]')).toHaveLength(2)
    expect(container.querySelector('del')?.textContent).toBe('old')
    expect(container.querySelector('a')).toHaveAttribute('href', 'https://example.com/')
  })

  test('gives safe links rel and the configured target, and none to in-page anchors', () => {
    const { container, rerender } = render(<StreamingMarkdown>{'[a](https://a.example) [b](#part)'}</StreamingMarkdown>)
    const [external, anchor] = [...container.querySelectorAll('a')]
    expect(external).toHaveAttribute('rel', 'noopener noreferrer')
    expect(external).toHaveAttribute('target', '_blank')
    expect(anchor).toHaveAttribute('href', '#part')
    expect(anchor).not.toHaveAttribute('target')
    rerender(<StreamingMarkdown linkTarget={null}>{'[a](https://a.example)'}</StreamingMarkdown>)
    expect(container.querySelector('a')).not.toHaveAttribute('target')
  })

  test('renders an image from an allowed origin and blocks the rest with a placeholder naming the host', () => {
    const md = '![ok](https://cdn.example/a.png) ![leak](https://evil.example/?q=secret)'
    const { container } = render(<StreamingMarkdown allowedImageOrigins={['https://cdn.example']}>{md}</StreamingMarkdown>)
    const images = container.querySelectorAll('img')
    expect(images).toHaveLength(1)
    expect(images[0]).toHaveAttribute('src', 'https://cdn.example/a.png')
    const blocked = container.querySelector('[data-rivulet="blocked-image"]') as HTMLElement
    expect(blocked.textContent).toContain('Image blocked: evil.example')
    expect(blocked.textContent).toContain('leak')
    expect(blocked).toHaveAttribute('title', 'Image blocked: evil.example')
  })

  test('shows raw HTML as text', () => {
    const { container } = render(<StreamingMarkdown>{'<b>bold?</b>\n\n<div onclick="x()">block</div>'}</StreamingMarkdown>)
    expect(container.querySelector('b, div[onclick]')).toBeNull()
    expect(container.textContent).toContain('<b>bold?</b>')
    expect(container.textContent).toContain('<div onclick="x()">block</div>')
  })

  test('puts blocks in groups of 32 that never move, so a growing message keeps every element it showed', () => {
    const paragraphs = (count: number) => Array.from({ length: count }, (_, i) => `Para ${i}.`).join('\n\n')
    const { container, rerender } = render(<StreamingMarkdown streaming>{paragraphs(31)}</StreamingMarkdown>)
    const first = container.querySelector('p')
    const thirtyFirst = container.querySelectorAll('p')[30]
    rerender(<StreamingMarkdown streaming>{paragraphs(70)}</StreamingMarkdown>)
    const groups = container.querySelectorAll('[data-rivulet="markdown"] > [data-rivulet="markdown-group"]')
    expect([...groups].map((group) => group.children.length)).toEqual([32, 32, 6])
    expect(container.querySelector('p')).toBe(first)
    expect(container.querySelectorAll('p')[30]).toBe(thirtyFirst)
    expect(groups[2]?.lastElementChild?.textContent).toBe('Para 69.')
  })

  test('re-renders no earlier group when a token reaches the last one', () => {
    const { renders, components } = countingParagraphs()
    const head = Array.from({ length: 40 }, (_, i) => `P${i} text.`).join('\n\n')
    const { rerender } = render(<StreamingMarkdown streaming components={components}>{head}</StreamingMarkdown>)
    rerender(<StreamingMarkdown streaming components={components}>{head + ' more'}</StreamingMarkdown>)
    expect(renders.get('P0')).toBe(1)
    expect(renders.get('P38')).toBe(1)
    expect(renders.get('P39')).toBe(2)
  })

  test('resolves a reference in one group with a definition in another', () => {
    const filler = Array.from({ length: 40 }, (_, i) => `Filler ${i}.`).join('\n\n')
    const { container } = render(<StreamingMarkdown streaming>{`See [the docs][d].\n\n${filler}\n\n[d]: https://docs.example/\n\nEnd`}</StreamingMarkdown>)
    expect(container.querySelector('a')).toHaveAttribute('href', 'https://docs.example/')
  })

  test('keeps the streaming code block mounted while its fence grows', () => {
    const { container, rerender } = render(<StreamingMarkdown streaming>{'```ts\nconst a = 1'}</StreamingMarkdown>)
    const block = container.querySelector('[data-rivulet="code-block"]')
    rerender(<StreamingMarkdown streaming>{'```ts\nconst a = 1\nconst b = 2'}</StreamingMarkdown>)
    expect(container.querySelector('[data-rivulet="code-block"]')).toBe(block)
    expect(block?.querySelector('code')?.textContent).toBe('const a = 1\nconst b = 2')
    rerender(<StreamingMarkdown streaming>{'```ts\nconst a = 1\nconst b = 2\n```'}</StreamingMarkdown>)
    expect(container.querySelector('[data-rivulet="code-block"]')).toBe(block)
    expect(block).not.toHaveAttribute('data-streaming')
  })
})
