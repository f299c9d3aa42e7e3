import { describe, expect, it } from 'vitest'
import { encodeEvent } from '../encode.ts'
import type { ChatEvent, UnsequencedChatEvent } from '../events.ts'
import { decodeText } from './decode-stream.ts'

function numbered(events: UnsequencedChatEvent[]): ChatEvent[] {
  return events.map((event, seq) => ({ ...event, seq }) as ChatEvent)
}

const decode = (body: string): ChatEvent[] => decodeText(body, 'rivulet')

const rich = numbered([
  { type: 'start', streamId: 's1', messageId: 'm1', metadata: { model: 'rivulet-mock', nested: { a: [1, 2] } } },
  { type: 'data', name: 'progress', id: 'job', data: { done: 1, of: 3 } },
  { type: 'data', name: 'toast', data: 'saved', transient: true },
  { type: 'token', content: 'The Nile is 6,650 km long.' },
  { type: 'source', id: 's1', url: 'https://example.com/nile', title: 'Nile', mediaType: 'text/html', snippet: '6,650 km' },
  { type: 'citation', sourceId: 's1', end: 0, length: 26 },
  { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,iVBORw0KGgo=', name: 'map.png', size: 8 },
  { type: 'metadata', metadata: { firstTokenMs: 120 } },
  { type: 'done', finishReason: 'stop', metadata: { totalTokens: 42 } },
])

describe('rivulet protocol: rich parts on the wire', () => {
  it('round-trips data, sources, citations, files and metadata through encodeEvent and the decoder', () => {
    expect(decode(rich.map(encodeEvent).join(''))).toEqual(rich)
  })

  it('drops transient: false (absent means stored)', () => {
    const out = decode('data: {"type":"data","seq":0,"name":"n","data":1,"transient":false}\n\n')
    expect(out[0]).toEqual({ type: 'data', seq: 0, name: 'n', data: 1 })
  })

  it('accepts any JSON as data, null included, and keeps unknown data names', () => {
    const out = decode('data: {"type":"data","seq":0,"name":"x-unknown","data":null}\n\n')
    expect(out[0]).toEqual({ type: 'data', seq: 0, name: 'x-unknown', data: null })
  })

  it('keeps a source with a javascript: URL on the wire (the reducer drops the URL, the source stays)', () => {
    const out = decode('data: {"type":"source","seq":0,"id":"s","url":"javascript:alert(1)"}\n\n')
    expect(out[0]).toEqual({ type: 'source', seq: 0, id: 's', url: 'javascript:alert(1)' })
  })

  it.each([
    ['data without data', '{"type":"data","seq":1,"name":"n"}', 'expected field "data" in data'],
    ['a source without an id', '{"type":"source","seq":1,"url":"https://example.com"}', 'expected string "id" in source'],
    ['a negative citation position', '{"type":"citation","seq":1,"sourceId":"s","end":-1}', 'expected non-negative integer "end" in citation'],
    ['a fractional citation length', '{"type":"citation","seq":1,"sourceId":"s","length":1.5}', 'expected non-negative integer "length" in citation'],
    ['a file size that is a string', '{"type":"file","seq":1,"mediaType":"image/png","url":"x","size":"8"}', 'expected non-negative integer "size" in file'],
    ['metadata that is an array', '{"type":"done","seq":1,"metadata":[1]}', 'expected object "metadata" in done'],
  ])('ends the stream with a clear protocol error for %s, keeping what came before', async (_name, json, problem) => {
    const out = decode(`data: {"type":"token","seq":0,"content":"kept"}\n\ndata: ${json}\n\n`)
    expect(out).toEqual([
      { type: 'token', seq: 0, content: 'kept' },
      { type: 'error', seq: 1, code: 'protocol', message: `malformed frame (id 1): ${problem}` },
    ])
  })

  it('decodes a 5 MB data payload intact', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ i, label: `row ${i} ${'x'.repeat(20)}` }))
    const event: ChatEvent = { type: 'data', seq: 0, name: 'table', data: { rows } }
    const body = encodeEvent(event)
    expect(body.length).toBeGreaterThan(4_000_000)
    const out = decode(body)
    expect(out[0]).toEqual(event)
  })
})
