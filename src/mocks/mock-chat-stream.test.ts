// @vitest-environment node
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { decodeStream } from '../protocol/decoders/decode-stream.ts'
import type { StreamFormat } from '../protocol/decoders/stream-format.ts'
import type { ChatEvent } from '../protocol/events.ts'
import { SseParserStream } from '../protocol/sse/parser-stream.ts'
import { streamStopUrl } from '../protocol/stream-urls.ts'
import type { SseEvent } from '../protocol/sse/parser.ts'
import { dropConnectionAt, httpError, keepAlivesOnly, stallAt } from './faults.ts'
import { INSTANT_PACE, mockChatStream, type MockChatStreamOptions } from './mock-chat-stream.ts'
import { createScript } from './script.ts'

const URL_BASE = 'http://rivulet.test'
const CHAT = `${URL_BASE}/api/chat`
const server = setupServer()

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  vi.useRealTimers()
})
afterAll(() => server.close())

const story = createScript({ streamId: 'stream-a' })
  .reasoning('Thinking about rivers.')
  .status('Searching…')
  .toolCall({ name: 'search', args: { q: 'longest river' }, result: ['Nile', 'Amazon'] })
  .text('The Nile — about 6 650 km 🌍. ', { chunk: 'word' })
  .text('Ünïcödé survives byte splits.', { chunk: 'char' })
  .done({ usage: { inputTokens: 3, outputTokens: 9 } })

function use(options: Partial<MockChatStreamOptions> = {}) {
  const mock = mockChatStream({ url: CHAT, script: story, ...INSTANT_PACE, ...options })
  server.use(...mock.handlers)
  return mock
}

function post(init: RequestInit = {}) {
  return fetch(CHAT, { method: 'POST', body: JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }] }), ...init })
}

async function readAll<T>(stream: ReadableStream<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of stream) out.push(item)
  return out
}

async function decoded(response: Response, format: StreamFormat = 'rivulet'): Promise<ChatEvent[]> {
  return readAll(decodeStream(response.body!, { format }))
}

/** Reads SSE events and comments until the body ends or fails; the failure is returned, not thrown. */
async function readSse(response: Response): Promise<{ events: SseEvent[]; comments: string[]; error?: unknown }> {
  const comments: string[] = []
  const events: SseEvent[] = []
  try {
    for await (const event of response.body!.pipeThrough(new SseParserStream({ onComment: (c) => comments.push(c) }))) events.push(event)
    return { events, comments }
  } catch (error) {
    return { events, comments, error }
  }
}

describe('mockChatStream', () => {
  it('streams the script in the rivulet format to a real fetch POST', async () => {
    const mock = use()
    const response = await post()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(await decoded(response)).toEqual(story)
    expect(mock.requests).toEqual([
      { kind: 'chat', method: 'POST', url: CHAT, body: { messages: [{ role: 'user', content: 'Hi' }] }, streamId: 'stream-a', status: 200 },
    ])
  })

  it.each(['openai-chat', 'openai-responses', 'anthropic', 'ai-sdk'] as const)('speaks %s with that format\'s headers', async (format) => {
    use({ format })
    const response = await post()
    if (format === 'ai-sdk') expect(response.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1')
    const events = await decoded(response, format)
    const text = (list: ChatEvent[]) => list.flatMap((e) => (e.type === 'token' ? [e.content] : [])).join('')
    expect(text(events)).toBe(text(story))
    expect(events.at(-1)?.type).toBe('done')
  })

  it.each(['byte', 'random', 'whole'] as const)('%s chunking decodes to the same events as per-event chunking', async (chunking) => {
    for (const format of ['rivulet', 'anthropic'] as const) {
      use({ format, chunking: 'event' })
      const perEvent = await decoded(await post(), format)
      server.resetHandlers()
      use({ format, chunking, seed: 7 })
      const response = await post()
      expect(await decoded(response, format)).toEqual(perEvent)
      server.resetHandlers()
    }
  })

  it('whole chunking delivers the body in a single read, byte chunking in many', async () => {
    use({ chunking: 'whole' })
    const whole = await readAll((await post()).body!)
    use({ chunking: 'byte' })
    const bytes = await readAll((await post()).body!)
    expect(whole).toHaveLength(1)
    expect(bytes.every((chunk) => chunk.byteLength === 1)).toBe(true)
    expect(bytes.length).toBe(whole[0]!.byteLength)
  })

  it('answers 429 with Retry-After and the given body, without streaming', async () => {
    const mock = use({ httpStatus: 429, retryAfter: 12, httpBody: 'slow down' })
    const response = await post()
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('12')
    expect(await response.text()).toBe('slow down')
    expect(mock.requests.map((r) => r.status)).toEqual([429])
  })

  it('fails only the first failRequests POSTs, so a retry gets the stream', async () => {
    const mock = use({ httpStatus: 503, failRequests: 1 })
    const first = await post()
    expect(first.status).toBe(503)
    expect(await first.json()).toEqual({ error: { message: 'mock HTTP 503', code: 503 } })
    expect(await decoded(await post())).toEqual(story)
    expect(mock.requests.map((r) => [r.kind, r.status])).toEqual([['chat', 503], ['chat', 200]])
  })

  it('errorAfter ends the stream with an error event in place of event n', async () => {
    use({ errorAfter: { events: 4, code: 'rate_limited', message: 'Too many requests', retryAfter: 3 } })
    const events = await decoded(await post())
    expect(events.slice(0, 4)).toEqual(story.slice(0, 4))
    expect(events.slice(4)).toEqual([{ type: 'error', seq: 4, code: 'rate_limited', message: 'Too many requests', retryAfter: 3 }])
  })

  it('disconnectAfter makes the reader reject after exactly n events', async () => {
    use({ disconnectAfter: 5, chunking: 'random', seed: 3 })
    const { events, error } = await readSse(await post())
    expect(error).toBeInstanceOf(TypeError)
    expect(events.map((e) => JSON.parse(e.data))).toEqual(story.slice(0, 5))
  })

  it('resume replays exactly the events after Last-Event-ID, then the rest of the stream', async () => {
    const mock = use({ disconnectAfter: 6 })
    const first = await readSse(await post())
    const received = first.events.map((e) => JSON.parse(e.data) as ChatEvent)
    const last = received.at(-1)!.seq
    expect(last).toBe(5)

    const resumed = await fetch(mock.resumeUrl('stream-a'), { headers: { 'Last-Event-ID': String(last) } })
    expect(resumed.status).toBe(200)
    const rest = await decoded(resumed)
    expect(rest[0]?.seq).toBe(last + 1)
    expect([...received, ...rest]).toEqual(story)
    expect(mock.requests.map((r) => r.kind)).toEqual(['chat', 'resume'])
    expect(mock.requests[1]).toMatchObject({ lastEventId: '5', streamId: 'stream-a', status: 200 })
  })

  it('resume of an unknown stream is a 404, and a non-numeric Last-Event-ID a 400', async () => {
    const mock = use()
    expect((await fetch(mock.resumeUrl('nope'), { headers: { 'Last-Event-ID': '1' } })).status).toBe(404)
    await decoded(await post())
    expect((await fetch(mock.resumeUrl('stream-a'), { headers: { 'Last-Event-ID': 'abc' } })).status).toBe(400)
  })

  it('resume is refused for formats that carry no event ids', async () => {
    const mock = use({ format: 'openai-chat' })
    await decoded(await post(), 'openai-chat')
    expect((await fetch(mock.resumeUrl('stream-a'), { headers: { 'Last-Event-ID': '1' } })).status).toBe(404)
  })

  it('answers the stop route like a Rivulet server: 204 for a stream it started', async () => {
    const mock = use()
    await decoded(await post())
    const stopped = await fetch(streamStopUrl(CHAT, 'stream-a'), { method: 'POST' })
    expect(stopped.status).toBe(204)
    expect(mock.requests.map((r) => r.kind)).toEqual(['chat', 'stop'])
    expect(mock.requests[1]).toMatchObject({ method: 'POST', streamId: 'stream-a', status: 204 })
  })

  it('a stop for a stream the mock did not start is a 404', async () => {
    const mock = use()
    expect((await fetch(streamStopUrl(CHAT, 'nope'), { method: 'POST' })).status).toBe(404)
    expect(mock.requests).toMatchObject([{ kind: 'stop', streamId: 'nope', status: 404 }])
  })

  it('a bounded replay buffer turns a late resume into a visible gap', async () => {
    const mock = use({ replay: { maxEvents: 5 } })
    await decoded(await post())
    const replayed = await readSse(await fetch(mock.resumeUrl('stream-a'), { headers: { 'Last-Event-ID': '0' } }))
    expect(replayed.events.map((e) => Number(e.lastEventId))).toEqual(story.slice(-5).map((e) => e.seq))
  })

  it('duplicateSeq sends one event twice and skipSeq leaves a gap', async () => {
    use({ duplicateSeq: 2 })
    const duplicated = await readSse(await post())
    expect(duplicated.events.map((e) => Number(e.lastEventId)).slice(0, 5)).toEqual([0, 1, 2, 2, 3])
    use({ skipSeq: 2 })
    const skipped = await readSse(await post())
    expect(skipped.events.map((e) => Number(e.lastEventId)).slice(0, 4)).toEqual([0, 1, 3, 4])
  })

  it('malformedAfter puts a broken frame on the wire, which the decoder reports as a protocol error', async () => {
    use({ malformedAfter: 3 })
    const events = await decoded(await post())
    expect(events.slice(0, 3)).toEqual(story.slice(0, 3))
    expect(events[3]).toMatchObject({ type: 'error', code: 'protocol' })
  })

  it('keepAlivesOnly sends only comments until the request aborts, then stops', async () => {
    const mock = use({ keepAlivesOnly: { intervalMs: 1 } })
    const controller = new AbortController()
    const response = await post({ signal: controller.signal })
    const comments: string[] = []
    const events: SseEvent[] = []
    const reader = response.body!.pipeThrough(new SseParserStream({ onComment: (c) => comments.push(c) })).getReader()
    const reading = (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) return
          events.push(value)
        }
      } catch {
        // The abort rejects the read.
      }
    })()
    await vi.waitFor(() => expect(comments.length).toBeGreaterThanOrEqual(3))
    expect(mock.openStreams).toBe(1)
    controller.abort()
    await reading
    expect(events).toEqual([])
    expect(new Set(comments)).toEqual(new Set(['ping']))
    await vi.waitFor(() => expect(mock.openStreams).toBe(0))
  })

  it('stops its timers when the client aborts mid-stream', async () => {
    const mock = use({ ttft: 0, tokensPerSecond: 20 })
    const controller = new AbortController()
    const response = await post({ signal: controller.signal })
    const reader = response.body!.getReader()
    await reader.read()
    expect(mock.openStreams).toBe(1)
    controller.abort()
    // Chunks already on their way may still be read; after them the body must fail, not end.
    const drain = async () => {
      for (;;) if ((await reader.read()).done) return 'ended cleanly'
    }
    await expect(drain()).rejects.toThrow()
    await vi.waitFor(() => expect(mock.openStreams).toBe(0))
  })

  it('stallAfter goes quiet after n events while keep-alives keep flowing', async () => {
    use({ stallAfter: { events: 3, ms: 40 }, keepAliveIntervalMs: 10 })
    const log: string[] = []
    const response = await post()
    for await (const event of response.body!.pipeThrough(new SseParserStream({ onComment: () => log.push('ping') }))) {
      log.push(`event ${event.lastEventId}`)
    }
    const firstPing = log.indexOf('ping')
    expect(log.slice(0, firstPing)).toEqual(['event 0', 'event 1', 'event 2'])
    expect(log.slice(firstPing, firstPing + 3)).toEqual(['ping', 'ping', 'ping'])
    expect(log.filter((entry) => entry !== 'ping')).toHaveLength(story.length)
  })

  it('builds the script from the request and counts each POST once', async () => {
    const mock = mockChatStream({
      url: CHAT,
      ...INSTANT_PACE,
      script: async (request) => {
        const { prompt } = (await request.json()) as { prompt: string }
        return createScript({ streamId: `echo-${prompt}` }).text(`You said: ${prompt}`).done()
      },
    })
    server.use(...mock.handlers)
    const events = await decoded(await fetch(CHAT, { method: 'POST', body: JSON.stringify({ prompt: 'hi' }) }))
    expect(events.filter((e) => e.type === 'token').map((e) => (e as { content: string }).content).join('')).toBe('You said: hi')
    expect(mock.requests).toHaveLength(1)
    expect(mock.requests[0]).toMatchObject({ body: { prompt: 'hi' }, streamId: 'echo-hi' })
  })
})

describe('mockChatStream with faults (the vocabulary of replayRecording)', () => {
  it('a dropped connection from the faults list breaks the body after exactly that many events', async () => {
    use({ faults: [dropConnectionAt({ event: 5 })], chunking: 'random', seed: 3 })
    const { events, error } = await readSse(await post())
    expect(error).toBeInstanceOf(TypeError)
    expect(events.map((e) => JSON.parse(e.data))).toEqual(story.slice(0, 5))
  })

  it('an HTTP error limited to the first request fails it, and the retry streams', async () => {
    const mock = use({ faults: [httpError({ status: 503, retryAfter: 1, requests: 1 })] })
    const first = await post()
    expect(first.status).toBe(503)
    expect(first.headers.get('retry-after')).toBe('1')
    expect(await decoded(await post())).toEqual(story)
    // A refused POST produced no stream: only the second one names it.
    expect(mock.requests.map((r) => [r.status, r.streamId])).toEqual([[503, undefined], [200, 'stream-a']])
  })

  it('faults count frames in a foreign format, where the legacy flags counted script events', async () => {
    use({ format: 'anthropic', faults: [dropConnectionAt({ event: 2 })] })
    const { events, error } = await readSse(await post())
    expect(error).toBeInstanceOf(TypeError)
    expect(events).toHaveLength(2)
  })

  it('keep-alives without a count go on until the request aborts', async () => {
    const mock = use({ faults: [keepAlivesOnly({ intervalMs: 1 })] })
    const controller = new AbortController()
    const response = await post({ signal: controller.signal })
    const comments: string[] = []
    const reader = response.body!.pipeThrough(new SseParserStream({ onComment: (c) => comments.push(c) })).getReader()
    const reading = reader.read().catch(() => undefined)
    await vi.waitFor(() => expect(comments.length).toBeGreaterThanOrEqual(5))
    controller.abort()
    expect(await reading).toBeUndefined() // no event ever arrived: the read ends in the abort
    await vi.waitFor(() => expect(mock.openStreams).toBe(0))
  })

  it('stalls and pace compose: a stall from the faults list is scaled by speed like the rest', async () => {
    vi.useFakeTimers()
    use({ faults: [stallAt({ event: 2, ms: 10_000 })], ttft: 0, tokensPerSecond: Infinity, speed: 10 })
    const response = await post()
    const reader = response.body!.getReader()
    const seen: string[] = []
    const reading = (async () => {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        seen.push(new TextDecoder().decode(value))
      }
    })()
    await vi.advanceTimersByTimeAsync(999)
    expect(seen).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1)
    await reading
    expect(seen).toHaveLength(story.length)
  })
})
