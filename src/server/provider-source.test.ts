// @vitest-environment node
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createSseParser, type SseEvent } from '../protocol/sse/parser.ts'
import type { ChatEvent } from '../protocol/events.ts'
import { fromAnthropic } from './from-anthropic.ts'
import { fromOpenAIChat } from './from-openai-chat.ts'
import type { ProviderStreamInput } from './provider-source.ts'
import { summarizeEvents } from '../../test/support/chat-events.ts'

interface Summary {
  format: string
  reconstructed_text_chars: number
  reconstructed_reasoning_chars: number
  text_head: string
  tool_calls: Array<{ name: string; args: string }>
  has_error: boolean
  ends_cleanly: boolean
}

const dir = join(import.meta.dirname, '../../fixtures/')
const fixtures = readdirSync(dir)
  .filter((file) => file.endsWith('.sse'))
  .map((file) => {
    const name = file.slice(0, -'.sse'.length)
    const summary = (JSON.parse(readFileSync(`${dir}${name}.source.json`, 'utf8')) as { summary: Summary }).summary
    return { name, text: readFileSync(`${dir}${file}`, 'utf8'), summary }
  })
  .filter((fixture) => fixture.summary.format === 'openai-chat' || fixture.summary.format === 'anthropic')

const sources = { 'openai-chat': fromOpenAIChat, anthropic: fromAnthropic } as const
const options = { generateId: () => 'generated', thinkTags: false }

async function collect(iterable: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = []
  for await (const event of iterable) out.push(event)
  return out
}

/** The body in uneven byte chunks, as a network delivers it. */
function body(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  let offset = 0
  let size = 7
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close()
      controller.enqueue(bytes.subarray(offset, offset + size))
      offset += size
      size = (size * 7) % 97 + 1
    },
  })
}

function sseEvents(text: string): SseEvent[] {
  const events: SseEvent[] = []
  const parser = createSseParser({ onEvent: (event) => events.push(event) })
  parser.feed(text)
  parser.end()
  return events
}

/**
 * What the official SDKs hand their users for the same bytes: parsed chunk objects, `[DONE]`
 * swallowed, and an in-band error thrown as an API error carrying the provider's JSON.
 */
async function* sdkStream(format: string, text: string): AsyncGenerator<unknown> {
  for (const sse of sseEvents(text)) {
    if (sse.data.trim() === '[DONE]') return
    const data = JSON.parse(sse.data) as Record<string, unknown>
    if (format === 'anthropic' && sse.type === 'error') throw Object.assign(new Error('stream error'), { status: undefined, error: data, headers: new Headers() })
    if (format === 'openai-chat' && (sse.type === 'error' || data['error'])) throw Object.assign(new Error('stream error'), { status: undefined, error: data['error'] ?? data, headers: new Headers() })
    yield data
  }
}


describe.each(fixtures)('provider source on fixture $name', ({ text, summary }) => {
  const from = sources[summary.format as keyof typeof sources]

  it('decodes the raw SSE body to what the recording holds', async () => {
    const events = await collect(from(body(text), options))
    const { text: answer, reasoning, toolCalls } = summarizeEvents(events)
    expect([...answer].length).toBe(summary.reconstructed_text_chars)
    expect(answer.startsWith(summary.text_head)).toBe(true)
    expect([...reasoning].length).toBe(summary.reconstructed_reasoning_chars)
    expect(toolCalls).toEqual(summary.tool_calls)
    expect(events.some((e) => e.type === 'error' && e.code !== 'network')).toBe(summary.has_error)
    if (summary.ends_cleanly && !summary.has_error) expect(events.at(-1)!.type).toBe('done')
    expect(events.filter((e) => e.type === 'done' || e.type === 'error')).toHaveLength(1)
  })

  it('gives the same events for a fetch Response and for the SDK stream of chunk objects', async () => {
    const fromBody = await collect(from(body(text), options))
    const fromResponse = await collect(from(new Response(body(text), { headers: { 'content-type': 'text/event-stream' } }), options))
    const fromSdk = await collect(from(sdkStream(summary.format, text), options))
    expect(fromResponse).toEqual(fromBody)
    // The SDKs swallow what follows an in-band error; up to and including the error, both agree.
    expect(fromSdk).toEqual(fromBody.slice(0, fromSdk.length))
    expect(fromSdk.at(-1)!.type).toBe(fromBody.find((e) => e.type === 'done' || e.type === 'error')!.type)
  })
})

describe('provider sources', () => {
  it('turns a 429 response into a rate_limited error with Retry-After', async () => {
    const response = new Response(JSON.stringify({ error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }), {
      status: 429,
      headers: { 'retry-after': '12', 'content-type': 'application/json' },
    })
    expect(await collect(fromOpenAIChat(response, options))).toEqual([
      { type: 'start', seq: 0, streamId: 'generated' },
      { type: 'error', seq: 1, code: 'rate_limited', message: 'Rate limit reached', retryAfter: 12 },
    ])
  })

  it('reports an Anthropic overload answered before streaming as an upstream error', async () => {
    const response = new Response(JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }), { status: 529 })
    const events = await collect(fromAnthropic(response, options))
    expect(events.at(-1)).toEqual({ type: 'error', seq: 1, code: 'upstream_error', message: 'Overloaded' })
  })

  it('maps an SDK API error thrown before the first chunk, using its status', async () => {
    async function* refused(): AsyncGenerator<unknown> {
      throw Object.assign(new Error('429 rate limited'), { status: 429, error: { type: 'error', error: { type: 'rate_limit_error', message: 'Too many requests' } }, headers: { 'retry-after': '3' } })
    }
    expect((await collect(fromAnthropic(refused(), options))).at(-1)).toEqual({ type: 'error', seq: 1, code: 'rate_limited', message: 'Too many requests', retryAfter: 3 })
  })

  it('rethrows errors that are not provider API errors, for the response to report safely', async () => {
    async function* broken(): AsyncGenerator<unknown> {
      throw new TypeError('socket hang up')
    }
    await expect(collect(fromOpenAIChat(broken(), options))).rejects.toThrow('socket hang up')
  })

  it.each<[string, (input: ProviderStreamInput) => AsyncIterableIterator<ChatEvent>]>([
    ['a raw body', (input) => fromOpenAIChat(input)],
    ['a Response', (input) => fromOpenAIChat(new Response(input as ReadableStream<Uint8Array>))],
  ])('cancels %s at once when return() is called mid-read', async (_, make) => {
    let cancelled = false
    const encoder = new TextEncoder()
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('data: {"id":"c1","choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\n'))
      },
      cancel() {
        cancelled = true
      },
    })
    const iterator = make(stalled)
    expect((await iterator.next()).value).toMatchObject({ type: 'start' })
    expect((await iterator.next()).value).toMatchObject({ type: 'token', content: 'Hi' })
    const pending = iterator.next() // the provider has gone quiet
    await iterator.return!()
    expect(cancelled).toBe(true)
    expect((await pending).done).toBe(true)
  })

  it('stops the SDK stream when return() is called', async () => {
    let returned = false
    async function* sdk(): AsyncGenerator<unknown> {
      try {
        for (let i = 0; ; i++) yield { id: 'c1', choices: [{ index: 0, delta: { content: `${i}` } }] }
      } finally {
        returned = true
      }
    }
    const iterator = fromOpenAIChat(sdk())
    await iterator.next()
    await iterator.next()
    await iterator.return!()
    expect(returned).toBe(true)
    expect((await iterator.next()).done).toBe(true)
  })
})
