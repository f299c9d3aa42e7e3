// @vitest-environment node
/**
 * The provider sources against the real `openai` and `@anthropic-ai/sdk` clients talking to a
 * local HTTP server that plays the provider: a client disconnect closes the provider
 * connection while the provider is still stalling, even with no signal passed to the SDK,
 * and a 429 thrown by the SDK call becomes `rate_limited` with the provider's Retry-After.
 */
import Anthropic from '@anthropic-ai/sdk'
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import OpenAI from 'openai'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChatEvent } from '../../src/protocol/events.ts'
import { fromAnthropic } from '../../src/server/from-anthropic.ts'
import { fromOpenAIChat } from '../../src/server/from-openai-chat.ts'

/** Long enough that a disconnect seen before it ends can only be the source's doing. */
const STALL_MS = 20_000

interface Provider {
  url: string
  /** Resolves with whether the connection closed before the stall ran out. */
  closed: Promise<'closed-during-stall' | 'stall-ended'>
  requests: number
  close(): Promise<void>
}

let provider: Provider | undefined
afterEach(async () => {
  await provider?.close()
  provider = undefined
})

async function startProvider(answer: (res: ServerResponse) => void): Promise<Provider> {
  let settle!: (value: 'closed-during-stall' | 'stall-ended') => void
  const closed = new Promise<'closed-during-stall' | 'stall-ended'>((resolve) => (settle = resolve))
  const state = { requests: 0 }
  const server: Server = createServer((req, res) => {
    state.requests++
    req.resume()
    answer(res)
    const timer = setTimeout(() => {
      settle('stall-ended')
      res.end()
    }, STALL_MS)
    res.on('close', () => {
      clearTimeout(timer)
      settle('closed-during-stall')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    closed,
    get requests() {
      return state.requests
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const openaiChunk = 'data: {"id":"c1","object":"chat.completion.chunk","created":0,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\n'
const anthropicStart =
  'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"m","usage":{"input_tokens":1,"output_tokens":1}}}\n\n' +
  'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n' +
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}\n\n'

function streamThenStall(body: string) {
  return (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    res.write(body)
  }
}

async function readUntilToken(iterator: AsyncIterableIterator<ChatEvent>) {
  for (;;) {
    const { value, done } = await iterator.next()
    if (done) throw new Error('ended before the first token')
    if (value.type === 'token') return
  }
}

describe('client disconnect with the SDK stream (no signal given to the SDK)', () => {
  it('openai: return() closes the provider connection while it is stalling', async () => {
    provider = await startProvider(streamThenStall(openaiChunk))
    const client = new OpenAI({ apiKey: 'test', baseURL: `${provider.url}/v1`, maxRetries: 0 })
    const iterator = fromOpenAIChat(await client.chat.completions.create({ model: 'm', messages: [], stream: true }))
    await readUntilToken(iterator)
    const pending = iterator.next() // the provider has gone quiet
    await iterator.return!()
    expect(await provider.closed).toBe('closed-during-stall')
    expect((await pending).done).toBe(true)
  })

  it('anthropic: return() closes the provider connection while it is stalling', async () => {
    provider = await startProvider(streamThenStall(anthropicStart))
    const client = new Anthropic({ apiKey: 'test', baseURL: provider.url, maxRetries: 0 })
    const iterator = fromAnthropic(await client.messages.create({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }], stream: true }))
    await readUntilToken(iterator)
    void iterator.next().catch(() => {})
    await iterator.return!()
    expect(await provider.closed).toBe('closed-during-stall')
  })
})

describe('a function that makes the SDK call', () => {
  it('openai: streams, and return() aborts the request through the signal it was given', async () => {
    provider = await startProvider(streamThenStall(openaiChunk))
    const client = new OpenAI({ apiKey: 'test', baseURL: `${provider.url}/v1`, maxRetries: 0 })
    const iterator = fromOpenAIChat((signal) => client.chat.completions.create({ model: 'm', messages: [], stream: true }, { signal }))
    await readUntilToken(iterator)
    await iterator.return!()
    expect(await provider.closed).toBe('closed-during-stall')
  })

  it('is not called before the first read, and is aborted when the client leaves while it waits for headers', async () => {
    provider = await startProvider(() => {}) // never answers
    const client = new OpenAI({ apiKey: 'test', baseURL: `${provider.url}/v1`, maxRetries: 0 })
    const iterator = fromOpenAIChat((signal) => client.chat.completions.create({ model: 'm', messages: [], stream: true }, { signal }))
    expect(provider.requests).toBe(0)
    const first = iterator.next()
    while (provider.requests === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    await iterator.return!()
    expect(await provider.closed).toBe('closed-during-stall')
    expect((await first).done).toBe(true)
  })

  it.each([
    ['openai', (url: string) => fromOpenAIChat(() => new OpenAI({ apiKey: 'test', baseURL: `${url}/v1`, maxRetries: 0 }).chat.completions.create({ model: 'm', messages: [], stream: true }), { generateId: () => 'g' })],
    ['anthropic', (url: string) => fromAnthropic(() => new Anthropic({ apiKey: 'test', baseURL: url, maxRetries: 0 }).messages.create({ model: 'm', max_tokens: 5, messages: [], stream: true }), { generateId: () => 'g' })],
  ] as const)('%s: a 429 thrown by the call becomes rate_limited with the provider Retry-After', async (name, make) => {
    const body =
      name === 'openai'
        ? { error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' } }
        : { type: 'error', error: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit' } }
    provider = await startProvider((res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '17' })
      res.end(JSON.stringify(body))
    })
    const events: ChatEvent[] = []
    for await (const event of make(provider.url)) events.push(event)
    expect(events).toEqual([
      { type: 'start', seq: 0, streamId: 'g' },
      { type: 'error', seq: 1, code: 'rate_limited', message: name === 'openai' ? 'Rate limit reached for requests' : 'Number of requests has exceeded your rate limit', retryAfter: 17 },
    ])
  })

  it('rethrows what is not a provider error, for the response to report safely', async () => {
    const iterator = fromOpenAIChat(() => {
      throw new TypeError('bad options')
    })
    await expect(iterator.next()).rejects.toThrow('bad options')
  })
})
