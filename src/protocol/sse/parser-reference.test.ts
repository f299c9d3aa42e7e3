import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { cutAt, parseChunks } from '../../../test/support/sse.ts'
import type { SseEvent } from './parser.ts'
import peerFixtures from '../../../test/peers/esp-fixtures.json'

interface Parsed {
  events: SseEvent[]
  comments: string[]
  retries: number[]
}

/**
 * The WHATWG event-stream interpretation written straight from the spec, one character at a
 * time and without any buffer limit: slow and obviously right, so the fast parser's paths
 * (CR-free chunks, pending lines, single-data frames) have something independent to agree with.
 */
function referenceParse(text: string): Parsed {
  const out: Parsed = { events: [], comments: [], retries: [] }
  let data = ''
  let eventType = ''
  let lastEventId = ''
  const processLine = (line: string) => {
    if (line === '') {
      if (data !== '') {
        out.events.push({ type: eventType === '' ? 'message' : eventType, data: data.slice(0, -1), lastEventId })
      }
      data = ''
      eventType = ''
      return
    }
    if (line.startsWith(':')) {
      out.comments.push(line.slice(line.startsWith(': ') ? 2 : 1))
      return
    }
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    let value = colon === -1 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'event') eventType = value
    else if (field === 'data') data += value + '\n'
    else if (field === 'id') {
      if (!value.includes('\0')) lastEventId = value
    } else if (field === 'retry' && /^[0-9]+$/.test(value)) out.retries.push(Number(value))
  }
  let i = text.startsWith('\uFEFF') ? 1 : 0
  let line = ''
  for (; i < text.length; i++) {
    const c = text[i]!
    if (c === '\r') {
      processLine(line)
      line = ''
      if (text[i + 1] === '\n') i++
    } else if (c === '\n') {
      processLine(line)
      line = ''
    } else line += c
  }
  return out
}



// Lines shaped like real streams (so the fast paths are taken) mixed with arbitrary text.
const line = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('', '', 'data: {"seq":1}', 'data:x', 'data', 'data: ', 'id: 1', 'id: 12', 'id:', 'id', 'id: 1\0') },
  { weight: 2, arbitrary: fc.constantFrom('event: delta', 'event:', 'retry: 250', 'retry: x', ': ping', ':', 'data: 🦀é世', '\uFEFFdata: b') },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
)
const terminator = fc.oneof({ weight: 8, arbitrary: fc.constant('\n') }, { weight: 1, arbitrary: fc.constantFrom('\r', '\r\n') })
const stream = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(line, terminator), { maxLength: 40 }), fc.string({ maxLength: 5 }))
  .map(([bom, lines, tail]) => (bom ? '\uFEFF' : '') + lines.map(([l, t]) => l + t).join('') + tail)

describe('createSseParser against a character-by-character WHATWG reference', () => {
  it('finds the same events, comments and retries for random streams at random chunkings', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 16 }), (text, cuts) => {
        const { events, comments, retries } = parseChunks(cutAt(text, cuts))
        expect({ events, comments, retries }).toEqual(referenceParse(text))
      }),
      { seed: 17, numRuns: 3000 },
    )
  })

  it('agrees with the reference when lines outgrow the short-pending join (lines of hundreds of characters)', () => {
    const long = fc.oneof(line, fc.constantFrom('data: ' + 'y'.repeat(300), ': ' + 'z'.repeat(700), 'id: ' + '7'.repeat(250), 'data: ' + 'é'.repeat(255)))
    const longStream = fc.array(fc.tuple(long, terminator), { maxLength: 30 }).map((lines) => lines.map(([l, t]) => l + t).join(''))
    fc.assert(
      fc.property(longStream, fc.array(fc.nat(), { maxLength: 40 }), (text, cuts) => {
        const { events, comments, retries } = parseChunks(cutAt(text, cuts))
        expect({ events, comments, retries }).toEqual(referenceParse(text))
      }),
      { seed: 19, numRuns: 1000 },
    )
  })

  it('agrees with the reference when lines arrive in thousands of tiny pieces (the pending line is kept in blocks)', () => {
    // Past 1,024 pieces a pending line is flattened into a block and a new rope begins: lines of
    // 2,000-5,000 pieces cross that seam once or more, in every field and with every line end.
    const huge = fc.oneof(
      line,
      fc.constantFrom('data: ' + 'y'.repeat(5000), ': ' + 'z'.repeat(2100), 'id: ' + '7'.repeat(3000), 'data: ' + 'é🦀'.repeat(1500), 'event: ' + 'e'.repeat(2049), 'retry: ' + '9'.repeat(1030)),
    )
    const hugeStream = fc.array(fc.tuple(huge, terminator), { maxLength: 8 }).map((lines) => lines.map(([l, t]) => l + t).join(''))
    fc.assert(
      fc.property(hugeStream, fc.integer({ min: 1, max: 9 }), (text, size) => {
        const pieces: string[] = []
        for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size))
        const { events, comments, retries } = parseChunks(pieces)
        expect({ events, comments, retries }).toEqual(referenceParse(text))
      }),
      { seed: 37, numRuns: 150 },
    )
  })

  it('agrees with the reference when every character arrives alone', () => {
    fc.assert(
      fc.property(stream, (text) => {
        const { events, comments, retries } = parseChunks([...text])
        expect({ events, comments, retries }).toEqual(referenceParse(text))
      }),
      { seed: 23, numRuns: 500 },
    )
  })

  it('gives the same events and overflow reports at any chunking when lines exceed a small limit', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 16 }), fc.integer({ min: 4, max: 24 }), (text, cuts, limit) => {
        const whole = parseChunks([text], limit)
        const cut = parseChunks(cutAt(text, cuts), limit)
        expect(cut.events).toEqual(whole.events)
        expect(cut.comments).toEqual(whole.comments)
        // The size in the message is how much had arrived when the limit was crossed, which depends on the chunking.
        expect(cut.errors.map((e) => e.type)).toEqual(whole.errors.map((e) => e.type))
      }),
      { seed: 29, numRuns: 2000 },
    )
  })
})

/** eventsource-parser's own test streams (v4.1.0 fixtures, see test/peers/README.md), chunked as its tests feed them. */
const esp = peerFixtures as { fixtures: Record<string, string[]>; expectedMultiByteEvents: { data: string; event: string | null; id: string | null }[] }

describe("createSseParser on eventsource-parser's fixture streams", () => {
  it.each(Object.entries(esp.fixtures))('%s: same reading as the reference, chunked as given, per character and at random cuts', (_name, chunks) => {
    const expected = referenceParse(chunks.join(''))
    const pick = ({ events, comments, retries }: Parsed) => ({ events, comments, retries })
    expect(pick(parseChunks(chunks))).toEqual(expected)
    expect(pick(parseChunks([...chunks.join('')]))).toEqual(expected)
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 24 }), (cuts) => {
        expect(pick(parseChunks(cutAt(chunks.join(''), cuts)))).toEqual(expected)
      }),
      { seed: 31, numRuns: 200 },
    )
  })

  it('reads the multi-byte stream as eventsource-parser expects (data, type, id)', () => {
    const { events } = parseChunks(esp.fixtures.getMultibyteFixtureStream!)
    expect(events.map((e) => e.data)).toEqual(esp.expectedMultiByteEvents.map((e) => e.data))
    expect(events.map((e) => e.type)).toEqual(esp.expectedMultiByteEvents.map((e) => e.event ?? 'message'))
    // eventsource-parser reports only an event's own id; the WHATWG last event id persists to later events.
    for (const [i, e] of esp.expectedMultiByteEvents.entries()) if (e.id !== null) expect(events[i]!.lastEventId).toBe(e.id)
  })
})
