import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../events.ts'
import { decodeText } from './decode-stream.ts'

const withoutSeq = (events: ChatEvent[]) => events.map(({ seq: _seq, ...rest }) => rest)
const rich = (events: ChatEvent[]) => withoutSeq(events).filter((e) => ['source', 'citation', 'file', 'token'].includes(e.type))

describe('anthropic citations', () => {
  const ev = (type: string, fields: Record<string, unknown> = {}) => `event: ${type}\ndata: ${JSON.stringify({ type, ...fields })}\n\n`
  const start = ev('message_start', { message: { id: 'msg_1' } })
  const end = ev('message_stop')
  const decode = (body: string) => rich(decodeText(start + body + end, 'anthropic'))

  it('cites request documents by index, and marks the whole block once per source', () => {
    const body =
      ev('content_block_start', { index: 0, content_block: { type: 'text', text: '', citations: [] } }) +
      ev('content_block_delta', { index: 0, delta: { type: 'citations_delta', citation: { type: 'char_location', cited_text: 'grass is green', document_index: 0, document_title: 'Facts', start_char_index: 0, end_char_index: 14 } } }) +
      ev('content_block_delta', { index: 0, delta: { type: 'citations_delta', citation: { type: 'page_location', cited_text: 'green', document_index: 0, start_page_number: 1, end_page_number: 2 } } }) +
      ev('content_block_delta', { index: 0, delta: { type: 'citations_delta', citation: { type: 'page_location', cited_text: 'sky', document_index: 1, start_page_number: 1, end_page_number: 2 } } }) +
      ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Grass is green 🌱' } }) +
      ev('content_block_stop', { index: 0 })
    expect(decode(body)).toEqual([
      { type: 'source', id: 'document-0', title: 'Facts', snippet: 'grass is green' },
      { type: 'source', id: 'document-0', title: 'Document 1', snippet: 'green' },
      { type: 'source', id: 'document-1', title: 'Document 2', snippet: 'sky' },
      { type: 'token', content: 'Grass is green 🌱' },
      { type: 'citation', sourceId: 'document-0', length: 17 },
      { type: 'citation', sourceId: 'document-1', length: 17 },
    ])
  })

  it('takes citations that come with the block itself (non-streamed) and web fetch results', () => {
    const body =
      ev('content_block_start', { index: 0, content_block: { type: 'web_fetch_tool_result', tool_use_id: 'srv', content: { type: 'web_fetch_result', url: 'https://en.wikipedia.org/wiki/X', content: { type: 'document', title: 'X', source: { type: 'text', media_type: 'text/plain', data: '…' } } } } }) +
      ev('content_block_stop', { index: 0 }) +
      ev('content_block_start', { index: 1, content_block: { type: 'text', text: 'X is Y.', citations: [{ type: 'search_result_location', source: 'https://kb.example/x', title: 'KB', cited_text: 'Y' }] } }) +
      ev('content_block_stop', { index: 1 })
    expect(decode(body)).toEqual([
      { type: 'source', id: 'https://en.wikipedia.org/wiki/X', url: 'https://en.wikipedia.org/wiki/X', title: 'X', mediaType: 'text/plain' },
      { type: 'source', id: 'https://kb.example/x', url: 'https://kb.example/x', title: 'KB', snippet: 'Y' },
      { type: 'token', content: 'X is Y.' },
      { type: 'citation', sourceId: 'https://kb.example/x', length: 7 },
    ])
  })

  it('ignores citations it does not understand and citations outside a text block', () => {
    const body =
      ev('content_block_delta', { index: 5, delta: { type: 'citations_delta', citation: { type: 'web_search_result_location', url: 'https://a.example' } } }) +
      ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }) +
      ev('content_block_delta', { index: 0, delta: { type: 'citations_delta', citation: { type: 'hologram_location' } } }) +
      ev('content_block_delta', { index: 0, delta: { type: 'citations_delta' } }) +
      ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hi' } }) +
      ev('content_block_stop', { index: 0 })
    expect(decode(body)).toEqual([{ type: 'token', content: 'Hi' }])
  })
})

describe('openai responses annotations and images', () => {
  const ev = (fields: Record<string, unknown>) => `event: ${String(fields['type'])}\ndata: ${JSON.stringify(fields)}\n\n`
  const start = ev({ type: 'response.created', response: { id: 'resp_1' } })
  const end = ev({ type: 'response.completed', response: { id: 'resp_1' } })
  const decode = (body: string) => rich(decodeText(start + body + end, 'openai-responses'))
  const text = (delta: string) => ev({ type: 'response.output_text.delta', item_id: 'msg', content_index: 0, delta })
  const annotation = (a: Record<string, unknown>) => ev({ type: 'response.output_text.annotation.added', item_id: 'msg', content_index: 0, annotation: a })

  it('turns code point ranges into UTF-16 markers counted back from the end, astral characters included', () => {
    // "🌍 Earth (a)" then more text; the annotation covers "(a)": code points 8..11, UTF-16 9..12.
    const body = text('🌍 Earth (a)') + text(' and more') + annotation({ type: 'url_citation', url: 'https://a.example', title: 'A', start_index: 8, end_index: 11 })
    expect(decode(body)).toEqual([
      { type: 'token', content: '🌍 Earth (a)' },
      { type: 'token', content: ' and more' },
      { type: 'source', id: 'https://a.example', url: 'https://a.example', title: 'A' },
      { type: 'citation', sourceId: 'https://a.example', end: 9, length: 3 },
    ])
  })

  it('names a source without a marker when the annotation has no positions, and cites files by id', () => {
    const body = text('See the report.') + annotation({ type: 'url_citation', url: 'https://x.ai/' }) + annotation({ type: 'file_citation', file_id: 'file_1', filename: 'report.pdf', index: 15 }) + annotation({ type: 'mystery' })
    expect(decode(body)).toEqual([
      { type: 'token', content: 'See the report.' },
      { type: 'source', id: 'https://x.ai/', url: 'https://x.ai/' },
      { type: 'source', id: 'file_1', title: 'report.pdf' },
      { type: 'citation', sourceId: 'file_1', end: 0, length: 0 },
    ])
  })

  it('turns a finished image_generation_call into a file with a data: URL of its format', () => {
    const body =
      ev({ type: 'response.output_item.done', item: { type: 'image_generation_call', id: 'ig_1', output_format: 'webp', result: 'UklGRg==' } }) +
      ev({ type: 'response.output_item.done', item: { type: 'image_generation_call', id: 'ig_2', result: 'iVBORw0KGgo=' } }) +
      ev({ type: 'response.output_item.done', item: { type: 'image_generation_call', id: 'ig_3', status: 'failed' } })
    expect(decode(body)).toEqual([
      { type: 'file', mediaType: 'image/webp', url: 'data:image/webp;base64,UklGRg==' },
      { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,iVBORw0KGgo=' },
    ])
  })
})

describe('openai-compatible chat citations (Perplexity, OpenRouter)', () => {
  const chunk = (fields: Record<string, unknown>, content?: string) =>
    `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', ...fields, choices: [{ index: 0, delta: content === undefined ? {} : { content } }] })}\n\n`
  const decode = (body: string) => rich(decodeText(body + 'data: [DONE]\n\n', 'openai-chat'))
  const citations = ['https://a.example', 'https://b.example']

  it('names each citation URL once and marks [n] markers, even split across tokens', () => {
    const body = chunk({ citations }, 'Paris [1') + chunk({ citations }, '][2] is big [') + chunk({ citations }, '3] [x]')
    expect(decode(body)).toEqual([
      { type: 'source', id: 'https://a.example', url: 'https://a.example' },
      { type: 'source', id: 'https://b.example', url: 'https://b.example' },
      { type: 'token', content: 'Paris [1' },
      { type: 'token', content: '][2] is big [' },
      { type: 'citation', sourceId: 'https://a.example', end: 12, length: 3 },
      { type: 'citation', sourceId: 'https://b.example', end: 9, length: 3 },
      { type: 'token', content: '3] [x]' },
    ])
  })

  it('leaves [n] alone when the stream has no citations, and fills titles from search_results', () => {
    expect(decode(chunk({}, 'a[1]'))).toEqual([{ type: 'token', content: 'a[1]' }])
    const body = chunk({ citations: ['https://a.example'] }, 'x') + chunk({ search_results: [{ title: 'A page', url: 'https://a.example', date: null }] }, 'y')
    expect(decode(body).filter((e) => e.type === 'source')).toEqual([
      { type: 'source', id: 'https://a.example', url: 'https://a.example' },
      { type: 'source', id: 'https://a.example', url: 'https://a.example', title: 'A page' },
    ])
  })

  it('names OpenRouter url_citation annotations as sources', () => {
    const body = `data: ${JSON.stringify({ id: 'c1', choices: [{ index: 0, delta: { content: 'Hi', annotations: [{ type: 'url_citation', url_citation: { url: 'https://o.example', title: 'O', content: 'quote', start_index: 0, end_index: 2 } }] } }] })}\n\n`
    expect(decode(body)).toEqual([
      { type: 'source', id: 'https://o.example', url: 'https://o.example', title: 'O', snippet: 'quote' },
      { type: 'token', content: 'Hi' },
    ])
  })
})
