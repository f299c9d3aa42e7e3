import { describe, expect, it } from 'vitest'
import { decodeText } from '../decoders/decode-stream.ts'
import type { StreamFormat } from '../decoders/stream-format.ts'
import type { ChatEvent, UnsequencedChatEvent } from '../events.ts'
import { encodeEvents } from './create-encoder.ts'

function script(...events: UnsequencedChatEvent[]): ChatEvent[] {
  return events.map((event, seq) => ({ ...event, seq }) as ChatEvent)
}

const NILE = 'https://en.wikipedia.org/wiki/Nile'
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1Pe'
const rich = script(
  { type: 'start', streamId: 'resp_1', metadata: { model: 'm' } },
  { type: 'data', name: 'progress', id: 'job', data: { step: 1 } },
  { type: 'source', id: NILE, url: NILE, title: 'Nile' },
  { type: 'source', id: 'handbook', title: 'Handbook' },
  { type: 'token', content: 'Rivers 🌍. ' },
  { type: 'token', content: 'The Nile is long.' },
  { type: 'citation', sourceId: NILE, length: 'The Nile is long.'.length },
  { type: 'citation', sourceId: 'handbook', length: 4 },
  { type: 'token', content: ' More.' },
  { type: 'file', mediaType: 'image/png', url: PNG, name: 'dot.png' },
  { type: 'metadata', metadata: { searches: 1 } },
  { type: 'done', finishReason: 'stop', metadata: { totalTokens: 9 } },
)

/** What a format carried of the rich parts, without the stream scaffolding. */
function carried(format: StreamFormat) {
  const events = decodeText(encodeEvents(format, rich), format)
  const text = events.flatMap((e) => (e.type === 'token' ? [e.content] : [])).join('')
  const pick = (types: string[]) => events.filter((e) => types.includes(e.type)).map(({ seq: _seq, ...rest }) => rest)
  return { text, rich: pick(['data', 'source', 'citation', 'file', 'metadata']), start: events[0], done: events.at(-1) }
}

describe('rich parts through every encoder and back', () => {
  it('rivulet keeps everything as it was', () => {
    expect(decodeText(encodeEvents('rivulet', rich), 'rivulet')).toEqual(rich)
  })

  it('ai-sdk keeps data, sources, files and metadata; it has no inline citations', () => {
    const { text, rich: parts, start, done } = carried('ai-sdk')
    expect(text).toBe('Rivers 🌍. The Nile is long. More.')
    expect(parts).toEqual([
      { type: 'data', name: 'progress', id: 'job', data: { step: 1 } },
      { type: 'source', id: NILE, url: NILE, title: 'Nile' },
      { type: 'source', id: 'handbook', title: 'Handbook', mediaType: 'text/plain' },
      { type: 'file', mediaType: 'image/png', url: PNG },
      { type: 'metadata', metadata: { searches: 1 } },
    ])
    expect(start).toMatchObject({ type: 'start', metadata: { model: 'm' } })
    expect(done).toMatchObject({ type: 'done', metadata: { totalTokens: 9 } })
  })

  it('openai-responses keeps sources, exact citation ranges (astral characters included) and the image', () => {
    const { text, rich: parts } = carried('openai-responses')
    expect(text).toBe('Rivers 🌍. The Nile is long. More.')
    expect(parts).toEqual([
      { type: 'source', id: NILE, url: NILE, title: 'Nile' },
      { type: 'citation', sourceId: NILE, end: 0, length: 17 },
      { type: 'source', id: 'handbook', title: 'Handbook' },
      { type: 'citation', sourceId: 'handbook', end: 0, length: 0 },
      { type: 'file', mediaType: 'image/png', url: PNG },
    ])
  })

  it('anthropic keeps sources and citations of the block they end', () => {
    const { text, rich: parts } = carried('anthropic')
    expect(text).toBe('Rivers 🌍. The Nile is long. More.')
    expect(parts).toEqual([
      { type: 'source', id: NILE, url: NILE, title: 'Nile' },
      { type: 'source', id: 'handbook', url: 'handbook', title: 'Handbook' },
      { type: 'citation', sourceId: NILE, length: 'Rivers 🌍. The Nile is long.'.length },
      { type: 'citation', sourceId: 'handbook', length: 'Rivers 🌍. The Nile is long.'.length },
    ])
  })

  it('openai-chat keeps the source URLs, as a Perplexity-style citations array', () => {
    const { text, rich: parts } = carried('openai-chat')
    expect(text).toBe('Rivers 🌍. The Nile is long. More.')
    expect(parts).toEqual([{ type: 'source', id: NILE, url: NILE }])
  })
})
