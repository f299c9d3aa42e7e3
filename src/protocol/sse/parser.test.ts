import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createSseParser, type SseEvent } from './parser.ts'
import { SseParserStream } from './parser-stream.ts'
import { cutAt, parseChunks } from '../../../test/support/sse.ts'
import { liveHeapBytes } from '../../../test/support/heap.ts'



/** Every way we split the input must give the same result as feeding it whole. */
function splits(input: string): string[][] {
  const ways: string[][] = [[input], [...input.split('')]]
  for (let i = 1; i < input.length; i++) ways.push([input.slice(0, i), input.slice(i)])
  return ways
}

const ev = (data: string, type = 'message', lastEventId = ''): SseEvent => ({ type, data, lastEventId })

interface Case {
  name: string
  input: string
  events: SseEvent[]
  comments?: string[]
  retries?: number[]
}

const cases: Case[] = [
  { name: 'dispatches a data line on a blank line', input: 'data: hello\n\n', events: [ev('hello')] },
  { name: 'ends lines at CRLF', input: 'data: a\r\n\r\ndata: b\r\n\r\n', events: [ev('a'), ev('b')] },
  { name: 'ends lines at a lone CR', input: 'data: a\r\rdata: b\r\r', events: [ev('a'), ev('b')] },
  { name: 'mixes CR, LF and CRLF in one stream', input: 'data: a\rdata: b\r\n\ndata: c\n\r', events: [ev('a\nb'), ev('c')] },
  { name: 'strips exactly one leading byte-order mark', input: '\uFEFFdata: a\n\n', events: [ev('a')] },
  {
    name: 'treats a second byte-order mark as part of the field name (unknown field)',
    input: '\uFEFF\uFEFFdata: a\n\ndata: b\n\n',
    events: [ev('b')],
  },
  { name: 'keeps a byte-order mark that is not at the start', input: 'data: \uFEFFa\n\n', events: [ev('\uFEFFa')] },
  {
    name: 'reports comment lines and never dispatches them',
    input: ': ping\n:no-space\n:\ndata: a\n\n',
    events: [ev('a')],
    comments: ['ping', 'no-space', ''],
  },
  { name: 'gives a field without a colon an empty value', input: 'data\n\n', events: [ev('')] },
  { name: 'removes exactly one leading space after the colon', input: 'data:  two\n\ndata:none\n\n', events: [ev(' two'), ev('none')] },
  { name: 'joins data lines with a newline', input: 'data: a\ndata:\ndata: b\n\n', events: [ev('a\n\nb')] },
  { name: 'keeps a trailing space in the value', input: 'data: a  \n\n', events: [ev('a  ')] },
  { name: 'uses the event field as the type', input: 'event: delta\ndata: x\n\n', events: [ev('x', 'delta')] },
  {
    name: 'defaults the type to message, also after an empty event field',
    input: 'event:\ndata: x\n\nevent: a\ndata: y\n\ndata: z\n\n',
    events: [ev('x'), ev('y', 'a'), ev('z')],
  },
  {
    name: 'dispatches nothing for a block without data, and forgets its type',
    input: 'event: ghost\n\ndata: real\n\n',
    events: [ev('real')],
  },
  {
    name: 'persists the last event id across events',
    input: 'id: 5\ndata: a\n\ndata: b\n\n',
    events: [ev('a', 'message', '5'), ev('b', 'message', '5')],
  },
  {
    name: 'takes the id from an id-only block',
    input: 'id: 7\n\ndata: a\n\n',
    events: [ev('a', 'message', '7')],
  },
  {
    name: 'ignores an id that contains NUL',
    input: 'id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n',
    events: [ev('a', 'message', '1'), ev('b', 'message', '1')],
  },
  { name: 'resets the id with an empty id field', input: 'id: 1\ndata: a\n\nid\ndata: b\n\n', events: [ev('a', 'message', '1'), ev('b')] },
  {
    name: 'accepts retry only when it is all ASCII digits',
    input: 'retry: 1500\nretry: 10a\nretry: -1\nretry:\nretry: 1.5\nretry: ３\ndata: a\n\n',
    events: [ev('a')],
    retries: [1500],
  },
  { name: 'ignores unknown fields', input: 'foo: bar\ndata: a\nbaz\n\n', events: [ev('a')] },
  { name: 'does not dispatch on extra blank lines', input: 'data: a\n\n\n\n\r\n', events: [ev('a')] },
  { name: 'never dispatches an event without its blank line', input: 'data: a\n\ndata: b\n', events: [ev('a')] },
  { name: 'never dispatches an unterminated line', input: 'data: a\n\ndata: b', events: [ev('a')] },
  { name: 'keeps multi-byte characters whole', input: 'data: héllo 🦀 世界\n\n', events: [ev('héllo 🦀 世界')] },
  { name: 'treats a colon-less line with spaces as a field name', input: 'data a\ndata: b\n\n', events: [ev('b')] },
  {
    name: 'parses a realistic provider stream',
    input: 'event: message_start\ndata: {"type":"message_start"}   \n\n: ping\nid: 1\ndata: {"t":1}\n\n',
    events: [ev('{"type":"message_start"}   ', 'message_start'), ev('{"t":1}', 'message', '1')],
    comments: ['ping'],
  },
]

describe('createSseParser conformance (whole, split at every position, char by char)', () => {
  for (const c of cases) {
    it(c.name, () => {
      for (const chunks of splits(c.input)) {
        const out = parseChunks(chunks)
        expect(out.events, JSON.stringify(chunks)).toEqual(c.events)
        expect(out.comments).toEqual(c.comments ?? [])
        expect(out.retries).toEqual(c.retries ?? [])
        expect(out.errors).toEqual([])
      }
    })
  }
})

describe('createSseParser robustness', () => {
  it('reports an over-long line as a typed ParseError and keeps parsing after it', () => {
    const long = 'data: ' + 'x'.repeat(100) + '\n\ndata: ok\n\n'
    for (const chunks of [[long], long.match(/.{1,7}/gs)!]) {
      const out = parseChunks(chunks, 50)
      expect(out.events).toEqual([ev('ok')])
      expect(out.errors).toHaveLength(1)
      expect(out.errors[0]!.type).toBe('buffer-overflow')
      expect(out.errors[0]).toBeInstanceOf(Error)
    }
  })

  it('holds a long line arriving in tiny pieces at about the size of its text, not a heap node per piece', () => {
    const parser = createSseParser({ onEvent: () => {} })
    const before = liveHeapBytes()
    parser.feed('data: ')
    // 1 MiB in 262,144 pieces of 4 one-byte characters: 1 MiB of text; a rope of one node per
    // piece would weigh about 8 MiB more (32 bytes a node).
    for (let i = 0; i < 262_144; i++) parser.feed(i % 2 === 0 ? 'abcd' : 'wxyz')
    const held = liveHeapBytes() - before
    expect(held).toBeLessThan(3 * 1024 * 1024)
    let data = ''
    const check = createSseParser({ onEvent: (e) => (data = e.data) })
    check.feed('data: ')
    for (let i = 0; i < 2048; i++) check.feed(i % 2 === 0 ? 'abcd' : 'wxyz')
    check.feed('\n\n')
    expect(data).toBe('abcdwxyz'.repeat(1024))
    parser.end()
  })

  it('reports event data that grows past the limit over many lines', () => {
    const input = 'data: 0123456789\n'.repeat(10) + '\ndata: ok\n\n'
    const out = parseChunks([input], 60)
    expect(out.events).toEqual([ev('ok')])
    expect(out.errors.map((e) => e.type)).toEqual(['buffer-overflow'])
  })

  it('never throws out of feed on arbitrary input', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 20 }), (chunks) => {
        parseChunks(chunks, 64)
      }),
      { seed: 42, numRuns: 500 },
    )
  })

  it('gives the same events for any chunking of any stream', () => {
    const line = fc.oneof(
      fc.constantFrom('', 'data: a', 'data:b', 'data', 'event: x', 'id: 1', 'id: 2', 'retry: 9', ': c', 'data: 🦀é'),
      fc.string({ maxLength: 8 }),
    )
    const terminator = fc.constantFrom('\n', '\r', '\r\n')
    const stream = fc
      .array(fc.tuple(line, terminator), { maxLength: 30 })
      .map((lines) => lines.map(([l, t]) => l + t).join(''))
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 10 }), (text, cuts) => {
        const chunks = cutAt(text, cuts)
        expect(parseChunks(chunks)).toEqual(parseChunks([text]))
      }),
      { seed: 7, numRuns: 1000 },
    )
  })

  it('reset forgets the last event id and checks for a byte-order mark again', () => {
    const events: SseEvent[] = []
    const parser = createSseParser({ onEvent: (e) => events.push(e) })
    parser.feed('id: 3\ndata: a\n\ndata: half')
    parser.reset()
    parser.feed('\uFEFFdata: b\n\n')
    expect(events).toEqual([ev('a', 'message', '3'), ev('b')])
  })
})

async function collect(chunks: (string | Uint8Array)[]): Promise<SseEvent[]> {
  const source = new ReadableStream<string | Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c)
      controller.close()
    },
  })
  const events: SseEvent[] = []
  const reader = source.pipeThrough(new SseParserStream()).getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return events
    events.push(value)
  }
}

describe('SseParserStream', () => {
  const text = '\uFEFFid: 1\ndata: héllo 🦀\r\n\r\ndata: 世界\n\n'
  const bytes = new TextEncoder().encode(text)
  const expected = [ev('héllo 🦀', 'message', '1'), ev('世界', 'message', '1')]

  it('decodes UTF-8 split at every byte position, including inside multi-byte characters', async () => {
    expect(bytes[0]).toBe(0xef) // the BOM really is on the wire
    for (let i = 0; i <= bytes.length; i++) {
      expect(await collect([bytes.slice(0, i), bytes.slice(i)])).toEqual(expected)
    }
    expect(await collect([...bytes].map((b) => Uint8Array.of(b)))).toEqual(expected)
  })

  it('strips the byte-order mark once, not once in the decoder and again in the parser', async () => {
    const twice = new TextEncoder().encode('\uFEFF\uFEFFdata: a\n\ndata: b\n\n')
    expect(await collect([twice])).toEqual([ev('b')])
  })

  it('accepts strings as well as bytes', async () => {
    expect(await collect(['data: a\n', '\ndata: b\n\n'])).toEqual([ev('a'), ev('b')])
  })

  it('does not dispatch an event cut off by the end of the body', async () => {
    expect(await collect([new TextEncoder().encode('data: a\n\ndata: b\n')])).toEqual([ev('a')])
  })
})

describe('createSseParser fast path (LF-only streams)', () => {
  it('gives the expected events for id + data frames at any chunking', () => {
    const frame = fc.record({
      id: fc.option(fc.oneof(fc.nat().map(String), fc.constant('a\0b')), { nil: undefined }),
      event: fc.option(fc.constantFrom('delta', 'error'), { nil: undefined }),
      data: fc.array(fc.string({ maxLength: 6 }).filter((s) => !/[\r\n]/.test(s)), { minLength: 0, maxLength: 3 }),
    })
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 12 }), (frames, cuts) => {
        let text = ''
        let lastId = ''
        const expected: SseEvent[] = []
        for (const f of frames) {
          if (f.id !== undefined) text += `id: ${f.id}\n`
          if (f.event !== undefined) text += `event: ${f.event}\n`
          for (const line of f.data) text += `data: ${line}\n`
          text += '\n'
          if (f.id !== undefined && !f.id.includes('\0')) lastId = f.id
          if (f.data.length > 0) expected.push(ev(f.data.join('\n'), f.event ?? 'message', lastId))
        }
        const chunks = cutAt(text, cuts)
        expect(parseChunks(chunks).events).toEqual(expected)
      }),
      { seed: 11, numRuns: 1000 },
    )
  })
})
