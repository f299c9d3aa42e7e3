import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { reducerTurn } from '../../../test/support/reducer-turn.ts'
import { Message } from '../message/message.tsx'
import { LabelsProvider } from '../labels/labels-context.tsx'
import type { DataRenderProps } from './data-part.tsx'
import type { ToolRenderProps } from './tool-ui.ts'

describe('data parts', () => {
  it('render through the registry by name; unregistered data is not shown', () => {
    const Weather = ({ data }: DataRenderProps<{ tempC: number }>) => <p>{data.tempC} °C</p>
    const t = reducerTurn()
    const message = t.apply(
      { type: 'start', streamId: 's' },
      { type: 'data', name: 'weather', data: { tempC: 21 } },
      { type: 'data', name: 'secret-telemetry', data: { token: 'do-not-show' } },
    )
    const { container } = render(<Message message={message} dataRenderers={{ weather: Weather }} />)
    expect(screen.getByText('21 °C')).toBeInTheDocument()
    expect(container.querySelectorAll('[data-rivulet="data-part"]')).toHaveLength(1)
    expect(container).not.toHaveTextContent('do-not-show')
  })

  it('update in place: only the updated card renders again, tokens render none', () => {
    const renders: Record<string, number> = {}
    const Progress = ({ id, data }: DataRenderProps<{ done: number }>) => {
      renders[id!] = (renders[id!] ?? 0) + 1
      return <p>{`${id}: ${data.done}`}</p>
    }
    const dataRenderers = { progress: Progress }
    const t = reducerTurn()
    t.apply({ type: 'start', streamId: 's' }, { type: 'data', name: 'progress', id: 'a', data: { done: 0 } })
    const view = render(<Message message={t.apply({ type: 'data', name: 'progress', id: 'b', data: { done: 0 } })} streaming dataRenderers={dataRenderers} />)
    for (let i = 0; i < 10; i++) view.rerender(<Message message={t.apply({ type: 'token', content: `w${i} ` })} streaming dataRenderers={{ progress: Progress }} />)
    expect(renders).toEqual({ a: 1, b: 1 })
    view.rerender(<Message message={t.apply({ type: 'data', name: 'progress', id: 'a', data: { done: 3 } })} streaming dataRenderers={dataRenderers} />)
    expect(renders).toEqual({ a: 2, b: 1 })
    expect(screen.getByText('a: 3')).toBeInTheDocument()
    // Replaced where it stood: still before the other card.
    expect(view.container.querySelector('[data-rivulet="data-part"]')).toHaveTextContent('a: 3')
  })

  it('contain a data renderer that throws on data it did not expect', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const Strict = ({ data }: DataRenderProps<{ rows: string[] }>) => <ul>{data.rows.map((row) => <li key={row}>{row}</li>)}</ul>
    const t = reducerTurn()
    const message = t.apply({ type: 'start', streamId: 's' }, { type: 'data', name: 'table', data: 'not rows' }, { type: 'token', content: 'After the card.' })
    const { container } = render(<Message message={message} dataRenderers={{ table: Strict }} />)
    expect(container.querySelector('[data-rivulet="part-error"]')).toHaveTextContent('table could not be shown')
    expect(screen.getByText('After the card.')).toBeInTheDocument()
    vi.restoreAllMocks()
  })
})

describe('metadata', () => {
  it('reaches tool and data renderers as start, metadata and done events merge it', () => {
    const seen: unknown[] = []
    const Card = ({ metadata }: DataRenderProps<unknown, { model?: string; totalTokens?: number }>) => <p>{`${metadata?.model} ${metadata?.totalTokens ?? '…'}`}</p>
    const Tool = ({ metadata }: ToolRenderProps<unknown, unknown, { model?: string }>) => (seen.push(metadata), <p>tool on {metadata?.model}</p>)
    const t = reducerTurn()
    t.apply({ type: 'start', streamId: 's', metadata: { model: 'rivulet-large' } }, { type: 'data', name: 'card', data: null })
    const view = render(<Message message={t.apply({ type: 'tool_call_start', id: 'c', name: 'tool' })} dataRenderers={{ card: Card }} tools={{ tool: { render: Tool } }} />)
    expect(screen.getByText('rivulet-large …')).toBeInTheDocument()
    view.rerender(<Message message={t.apply({ type: 'done', metadata: { totalTokens: 42 } })} dataRenderers={{ card: Card }} tools={{ tool: { render: Tool } }} />)
    expect(screen.getByText('rivulet-large 42')).toBeInTheDocument()
    expect(seen.at(-1)).toEqual({ model: 'rivulet-large', totalTokens: 42 })
  })
})

describe('sources and citations', () => {
  const answer = () => {
    const t = reducerTurn()
    t.apply(
      { type: 'start', streamId: 's' },
      { type: 'token', content: 'The Rhine is 1,230 km long.' },
      { type: 'source', id: 'wiki', url: 'https://en.wikipedia.org/wiki/Rhine', title: 'Rhine — Wikipedia', snippet: '1,230 km' },
      { type: 'citation', sourceId: 'wiki', length: 27 },
      { type: 'token', content: ' It rises in the Alps.' },
      { type: 'source', id: 'untitled', url: 'https://alps.example/rhine' },
      { type: 'citation', sourceId: 'untitled' },
    )
    return t
  }

  it('list the sources numbered under the answer, with citation markers pointing at them', () => {
    const { container } = render(<Message message={answer().apply({ type: 'done' })} />)
    const list = screen.getByRole('region', { name: 'Sources' })
    expect(container.firstElementChild!.lastElementChild).toBe(list)
    const items = within(list).getAllByRole('listitem')
    expect(items.map((item) => item.textContent)).toEqual(['1Rhine — Wikipediaen.wikipedia.org', '2alps.example'])
    expect(within(items[0]!).getByRole('link', { name: 'Rhine — Wikipedia' })).toHaveAttribute('href', 'https://en.wikipedia.org/wiki/Rhine')
    expect(within(items[0]!).getByRole('link')).toHaveAttribute('rel', 'noopener noreferrer')
    const markers = [...container.querySelectorAll('[data-rivulet="citation"] a')]
    expect(markers.map((a) => a.getAttribute('aria-label'))).toEqual(['Source 1: Rhine — Wikipedia', 'Source 2: alps.example'])
    expect(markers.map((a) => a.getAttribute('href'))).toEqual([`#${items[0]!.id}`, `#${items[1]!.id}`])
    // The markers sit in the text, at the end of each cited passage.
    expect(container.querySelector('[data-rivulet="markdown"] p')?.textContent).toBe('The Rhine is 1,230 km long.1 It rises in the Alps.2')
  })

  it('jump to the source without touching the page URL', async () => {
    const { container } = render(<Message message={answer().apply({ type: 'done' })} />)
    const before = window.location.href
    await userEvent.click(container.querySelector<HTMLAnchorElement>('[data-rivulet="citation"] a')!)
    expect(window.location.href).toBe(before)
    expect(document.activeElement).toBe(screen.getAllByRole('listitem')[0])
  })

  it('show a source whose URL is unsafe without a link, and cite nothing unknown', () => {
    const message = {
      id: 'm',
      role: 'assistant' as const,
      parts: [
        { type: 'text' as const, text: 'Trust me.', citations: [{ sourceId: 'bad', start: 0, end: 9 }, { sourceId: 'ghost', start: 0, end: 9 }] },
        // Restored from storage, so never filtered on the way in.
        { type: 'source' as const, id: 'bad', url: 'javascript:alert(1)', title: 'Click me' },
        { type: 'source' as const, id: 'proto', url: '//evil.example/x' },
      ],
    }
    const { container } = render(<Message message={message} />)
    const list = screen.getByRole('region', { name: 'Sources' })
    expect(within(list).queryAllByRole('link').map((a) => a.getAttribute('href'))).toEqual(['https://evil.example/x'])
    expect(within(list).getByText('Click me').tagName).toBe('SPAN')
    expect(container.querySelectorAll('[data-rivulet="citation"]')).toHaveLength(1)
    expect(container.innerHTML).not.toContain('javascript:')
  })

  it('place markers after emphasis, headings, list items and table cells, and never inside a link or its address', () => {
    const text = '# Rhine\n\nIt is _long_ and **wide**\n\n- Alps\n\n| River |\n| --- |\n| Rhine |\n\nSee https://rhine.example/a and [the map](https://map.example/).\n'
    const end = (passage: string) => text.indexOf(passage) + passage.length
    const message = {
      id: 'm',
      role: 'assistant' as const,
      parts: [
        {
          type: 'text' as const,
          text,
          citations: ['# Rhine', '_long_', '**wide**', 'Alps', '| Rhine', 'https://rhine.example/a', '[the map'].map((passage, i) => ({ sourceId: i % 2 === 0 ? 'a' : 'b', start: 0, end: end(passage) })),
        },
        { type: 'source' as const, id: 'a', url: 'https://a.example/' },
        { type: 'source' as const, id: 'b', url: 'https://b.example/' },
      ],
    }
    const { container } = render(<Message message={message} />)
    const markdown = container.querySelector('[data-rivulet="markdown"]')!
    const numberAfter = (selector: string) => markdown.querySelector(selector)?.nextElementSibling?.matches('[data-rivulet="citation"]') ? markdown.querySelector(selector)!.nextElementSibling!.textContent : undefined
    expect(markdown.querySelector('h1')?.textContent).toBe('Rhine1')
    // Emphasis still closes next to a marker, as it did next to a link.
    expect(numberAfter('em')).toBe('2')
    expect(numberAfter('strong')).toBe('1')
    expect(markdown.querySelector('li')?.textContent).toBe('Alps2')
    expect(markdown.querySelector('tbody td')?.textContent).toBe('Rhine1')
    const links = [...markdown.querySelectorAll('a:not([data-rivulet="citation"] a)')]
    expect(links.map((a) => [a.getAttribute('href'), a.textContent])).toEqual([
      ['https://rhine.example/a', 'https://rhine.example/a'],
      ['https://map.example/', 'the map'],
    ])
    expect(links.map((a) => a.nextElementSibling?.textContent)).toEqual(['2', '1'])
    expect(markdown.querySelectorAll('[data-rivulet="citation"]')).toHaveLength(7)
    expect(markdown.textContent).not.toMatch(/[⁽⁾]/)
  })

  it('show placeholders the message has no source for as written', () => {
    const plain = { id: 'm', role: 'assistant' as const, parts: [{ type: 'text' as const, text: 'Footnote⁽1⁾ and⁽9⁾.' }] }
    const { container, rerender } = render(<Message message={plain} />)
    expect(container.querySelector('p')?.textContent).toBe('Footnote⁽1⁾ and⁽9⁾.')
    rerender(<Message message={{ ...plain, parts: [...plain.parts, { type: 'source' as const, id: 's', url: 'https://s.example/' }] }} />)
    expect(container.querySelector('p')?.textContent).toBe('Footnote1 and⁽9⁾.')
  })

  it('translate the list heading and marker names', () => {
    render(
      <LabelsProvider labels={{ locale: 'de', parts: { sources: 'Quellen', citation: (n, title) => `Quelle ${n}: ${title}` } }}>
        <Message message={answer().apply({ type: 'done' })} />
      </LabelsProvider>,
    )
    expect(screen.getByRole('region', { name: 'Quellen' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Quelle 1: Rhine — Wikipedia' })).toBeInTheDocument()
  })

  it('keep the streaming text live while sources arrive after it', () => {
    const t = reducerTurn()
    const message = t.apply({ type: 'start', streamId: 's' }, { type: 'token', content: 'Open **bold' }, { type: 'source', id: 'x', url: 'https://x.example' })
    const { container } = render(<Message message={message} streaming />)
    expect(container.querySelector('[data-rivulet="markdown"]')).toHaveAttribute('data-streaming', '')
    expect(container.querySelector('strong')).toHaveTextContent('bold')
  })
})
