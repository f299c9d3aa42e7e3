/**
 * Every recorded stream in `fixtures/` decodes to what its provenance sidecar says a correct
 * decoder must find, however the bytes are chunked.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../src/protocol/events.ts'
import { SseParserStream } from '../src/protocol/sse/parser-stream.ts'
import { decodeStream, type DecodeStreamOptions } from '../src/protocol/decoders/decode-stream.ts'
import { detectFormat } from '../src/protocol/decoders/detect-format.ts'
import type { DecoderOptions, StreamFormat } from '../src/protocol/decoders/stream-format.ts'
import { summarizeEvents } from './support/chat-events.ts'
import { chatReducer } from '../src/core/chat-reducer.ts'
import { initialChatState } from '../src/core/state.ts'
import { beginTurn } from '../src/core/turn.ts'

interface Summary {
  format: StreamFormat
  reconstructed_text_chars: number
  reconstructed_reasoning_chars: number
  text_head: string
  tool_calls: Array<{ name: string; args: string }>
  has_error: boolean
  ends_cleanly: boolean
  /** Distinct source ids the stream names (issue 12), when the sidecar counts them. */
  sources?: number
  /** Each inline citation, in order: the source and the first 40 characters of the passage it marks. */
  citations?: Array<{ sourceId: string; cited_head: string }>
  /** Files the assistant produced: media type and the start of the URL. */
  files?: Array<{ mediaType: string; url_head: string }>
}
interface Sidecar {
  summary: Summary
  response_headers?: Record<string, string>
  response_content_type?: string[]
}

// jsdom gives import.meta.url an http: scheme, so resolve from the module's directory instead.
const dir = join(import.meta.dirname, '../fixtures/')
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.sse'))
  .map((file) => {
    const name = file.slice(0, -'.sse'.length)
    const sidecar = JSON.parse(readFileSync(`${dir}${name}.source.json`, 'utf8')) as Sidecar
    return { name, bytes: new Uint8Array(readFileSync(`${dir}${file}`)), sidecar, summary: sidecar.summary }
  })

const THINK_FIXTURE = 'huggingface-chat-long-markdown-think-tags'
const ONE_BYTE_LIMIT = 100_000
const options: DecoderOptions = { generateId: () => 'generated' }

/** mulberry32: a tiny seeded PRNG, so a failing split can be reproduced. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b)
  const chunks: Uint8Array[] = []
  let from = 0
  for (const p of points) {
    chunks.push(bytes.subarray(from, p))
    from = p
  }
  chunks.push(bytes.subarray(from))
  return chunks
}

/** Byte offsets that fall inside a multi-byte UTF-8 character (after a lead byte). */
function insideCharacters(bytes: Uint8Array): number[] {
  const out: number[] = []
  for (let i = 1; i < bytes.length; i++) if ((bytes[i]! & 0xc0) === 0x80) out.push(i)
  return out
}

async function decodeChunks(chunks: Uint8Array[], format: StreamFormat | 'auto', extra: Omit<DecodeStreamOptions, 'format'> = {}): Promise<ChatEvent[]> {
  let i = 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]!)
      else controller.close()
    },
  })
  const events: ChatEvent[] = []
  for await (const event of decodeStream(body, { ...options, ...extra, format })) events.push(event)
  return events
}


const codePoints = (s: string) => [...s].length
const head = (s: string, n = 60) => [...s].slice(0, n).join('')

/** What every decoded stream must look like, whatever the provider. */
function expectWellFormed(events: ChatEvent[]) {
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i))
  expect(events[0]?.type).toBe('start')
  const terminals = events.filter((e) => e.type === 'done' || e.type === 'error')
  expect(terminals).toHaveLength(1)
  expect(events.at(-1)).toBe(terminals[0])
  const open = new Set<string>()
  for (const e of events) {
    if (e.type === 'tool_call_start') open.add(e.id)
    if (e.type === 'tool_call_delta') expect(open.has(e.id)).toBe(true)
    if (e.type === 'tool_call_end') expect(open.delete(e.id)).toBe(true)
  }
  if (events.at(-1)?.type === 'done') expect(open.size).toBe(0)
}

function expectSummary(events: ChatEvent[], summary: Summary, name: string) {
  expectWellFormed(events)
  const { text, reasoning, toolCalls: calls } = summarizeEvents(events)
  if (name === THINK_FIXTURE) {
    // The decoder moves the leading <think>…</think> into reasoning and drops the two tags.
    expect(codePoints(text) + codePoints(reasoning)).toBe(summary.reconstructed_text_chars - '<think>'.length - '</think>'.length)
    expect(summary.text_head.startsWith('<think>')).toBe(true)
    expect(head(reasoning, 60 - '<think>'.length)).toBe(summary.text_head.slice('<think>'.length))
    expect(text).not.toMatch(/<\/?think>/)
    expect(reasoning).not.toMatch(/<\/?think>/)
  } else {
    expect(codePoints(text)).toBe(summary.reconstructed_text_chars)
    expect(codePoints(reasoning)).toBe(summary.reconstructed_reasoning_chars)
    expect(head(text)).toBe(summary.text_head)
  }
  expect(calls.map((c) => c.name)).toEqual(summary.tool_calls.map((c) => c.name))
  calls.forEach((call, i) => expect(JSON.parse(call.args)).toEqual(JSON.parse(summary.tool_calls[i]!.args)))
  const errors = events.filter((e) => e.type === 'error')
  expect(errors.length > 0).toBe(summary.has_error)
  // In-band errors are the provider's, never the decoder's own complaints.
  for (const e of errors) expect(['network', 'protocol']).not.toContain(e.code)
  // An error terminates the stream, so a [DONE] after it (OpenRouter) yields no done event:
  // the sidecar's ends_cleanly says the format's end marker was present, not that it succeeded.
  expect(events.some((e) => e.type === 'done')).toBe(summary.ends_cleanly && !summary.has_error)
  expectRichParts(events, summary)
}

/** Sources, citations and files, checked where they land: in the message the reducer builds. */
function expectRichParts(events: ChatEvent[], summary: Summary) {
  if (summary.sources !== undefined) expect(new Set(events.flatMap((e) => (e.type === 'source' ? [e.id] : []))).size).toBe(summary.sources)
  if (summary.citations === undefined && summary.files === undefined) return
  let state = beginTurn(initialChatState, { userMessage: { id: 'u', role: 'user', parts: [] }, assistantId: 'a' })
  for (const event of events) state = chatReducer(state, event, 0)
  const parts = state.messages.at(-1)!.parts
  if (summary.citations !== undefined) {
    const cited = parts.flatMap((p) => (p.type === 'text' ? (p.citations ?? []).map((c) => ({ sourceId: c.sourceId, cited_head: p.text.slice(c.start, c.end).slice(0, 40) })) : []))
    expect(cited).toEqual(summary.citations)
  }
  if (summary.files !== undefined) {
    const files = parts.flatMap((p) => (p.type === 'file' ? [p] : []))
    expect(files.map((f) => f.mediaType)).toEqual(summary.files.map((f) => f.mediaType))
    files.forEach((f, i) => expect(f.url.startsWith(summary.files![i]!.url_head)).toBe(true))
  }
}

describe.each(fixtures)('fixture $name', ({ name, bytes, sidecar, summary }) => {
  it('decodes whole to what the sidecar summary says', async () => {
    expectSummary(await decodeChunks([bytes], summary.format), summary, name)
  })

  it('decodes identically when split at 20 random byte boundaries, inside characters too', async () => {
    const whole = await decodeChunks([bytes], summary.format)
    const inside = insideCharacters(bytes)
    for (let seed = 1; seed <= 5; seed++) {
      const next = random(seed * 7919 + bytes.length)
      const cuts = Array.from({ length: 20 }, () => Math.floor(next() * bytes.length))
      // Make sure some cuts land in the middle of a multi-byte character when the file has any.
      if (inside.length > 0) for (let k = 0; k < 3; k++) cuts.push(inside[Math.floor(next() * inside.length)]!)
      expect(await decodeChunks(splitAt(bytes, cuts), summary.format)).toEqual(whole)
    }
  })

  it.runIf(bytes.length <= ONE_BYTE_LIMIT)('decodes identically when fed one byte at a time', async () => {
    const whole = await decodeChunks([bytes], summary.format)
    const oneByOne = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1))
    expect(await decodeChunks(oneByOne, summary.format)).toEqual(whole)
  })

  const headers: Record<string, string> = { ...sidecar.response_headers }
  if (sidecar.response_content_type?.[0]) headers['content-type'] = sidecar.response_content_type[0]

  it('decodes the same with format auto as with its format named', async () => {
    expect(await decodeChunks([bytes], 'auto', { headers })).toEqual(await decodeChunks([bytes], summary.format))
  })

  it('is detected as its sidecar format from its headers and first frames', async () => {
    const events: Parameters<typeof detectFormat>[0]['events'][number][] = []
    const parser = new SseParserStream()
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes)
        c.close()
      },
    })
    for await (const sse of body.pipeThrough(parser)) events.push(sse)
    expect(detectFormat({ headers, events: events.slice(0, 3) })).toBe(summary.format)
  })
})

describe(`fixture ${THINK_FIXTURE} with think-tag splitting off`, () => {
  it('keeps the tags as text, exactly as recorded', async () => {
    const fixture = fixtures.find((f) => f.name === THINK_FIXTURE)!
    const events = await decodeChunks([fixture.bytes], 'openai-chat', { thinkTags: false })
    const { text, reasoning } = summarizeEvents(events)
    expect(codePoints(text)).toBe(fixture.summary.reconstructed_text_chars)
    expect(reasoning).toBe('')
    expect(head(text)).toBe(fixture.summary.text_head)
  })
})

describe('the fixture set', () => {
  it('covers every decoder format', () => {
    expect(new Set(fixtures.map((f) => f.summary.format))).toEqual(new Set(['openai-chat', 'openai-responses', 'anthropic', 'ai-sdk']))
  })
})

describe('fixture ai-sdk-ui-stream-rich-parts in the message', () => {
  it('keeps one progress card updated in place, no transient notification, and the merged metadata', async () => {
    const fixture = fixtures.find((f) => f.name === 'ai-sdk-ui-stream-rich-parts')!
    const events = await decodeChunks([fixture.bytes], 'ai-sdk')
    expect(events.filter((e) => e.type === 'data' && e.transient)).toHaveLength(6)
    let state = beginTurn(initialChatState, { userMessage: { id: 'u', role: 'user', parts: [] }, assistantId: 'a' })
    for (const event of events) state = chatReducer(state, event, 0)
    const message = state.messages.at(-1)!
    const data = message.parts.filter((p) => p.type === 'data')
    expect(data).toEqual([{ type: 'data', name: 'search-progress', id: 'web-search', data: { searches: 6, action: 'find_in_page', detail: 'https://techcrunch.com/2025/12/05/petco-confirms-security-lapse-exposed-customers-personal-data/' } }])
    expect(message.parts[1]).toBe(data[0])
    expect(message.metadata).toEqual({ model: 'gpt-5-mini-2025-08-07', createdAt: 1764964102, searches: 6, inputTokens: expect.any(Number), outputTokens: expect.any(Number) })
    expect(message.parts.filter((p) => p.type === 'source').map((p) => p.id)).toHaveLength(13)
  })
})
