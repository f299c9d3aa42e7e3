import { http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createChatClient, type ChatClient } from '../../src/core/chat-client.ts'
import { syncScheduler } from '../../src/core/frame-scheduler.ts'
import type { ChatState, TextPart } from '../../src/core/state.ts'
import { decodeText } from '../../src/protocol/decoders/decode-stream.ts'
import { STREAM_FORMATS } from '../../src/protocol/decoders/stream-format.ts'
import { createPrng } from '../../src/mocks/prng.ts'
import { INSTANT_PACE, mockChatStream, type MockChatStreamOptions } from '../../src/mocks/mock-chat-stream.ts'
import { scenarios } from '../../src/mocks/scenarios.ts'

// Real fetch, real Response bodies, MSW in the middle: the path an app takes, minus the server.
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const api = 'http://localhost/api/chat'

function text(state: ChatState): string {
  return state.messages
    .at(-1)!
    .parts.filter((p): p is TextPart => p.type === 'text')
    .map((p) => p.text)
    .join('')
}

async function run(options: Omit<MockChatStreamOptions, 'url'>, client?: Partial<Parameters<typeof createChatClient>[0]>) {
  const mock = mockChatStream({ url: api, ...INSTANT_PACE, ...options })
  server.use(...mock.handlers)
  const chat: ChatClient = createChatClient({ api, scheduler: syncScheduler, backoff: { baseMs: 1, maxMs: 4 }, ...client })
  await chat.send('Tell me')
  await vi.waitFor(() => expect(['ready', 'error']).toContain(chat.getSnapshot().status), { timeout: 5000 })
  return { chat, mock, state: chat.getSnapshot() }
}

const expectedMarkdown = scenarios.markdown
  .flatMap((e) => (e.type === 'token' ? [e.content] : []))
  .join('')

describe('client over real fetch and MSW', () => {
  for (const format of STREAM_FORMATS) {
    it(`streams the markdown scenario in ${format}, auto-detected, byte by byte`, async () => {
      const { state, mock } = await run({ script: scenarios.markdown, format, chunking: 'byte' })
      expect(state.status).toBe('ready')
      expect(text(state)).toBe(expectedMarkdown)
      expect(mock.requests).toHaveLength(1)
    })

    it(`streams a tool call in ${format} with its arguments`, async () => {
      const { state } = await run({ script: scenarios.toolCall, format, chunking: 'random', seed: 3 })
      const call = state.messages.at(-1)!.parts.find((p) => p.type === 'tool-call')
      expect(call).toMatchObject({ name: 'get_weather', args: { city: 'Zürich', unit: 'celsius' } })
    })

    it(`keeps partial text and shows the error when a ${format} stream fails mid-way`, async () => {
      const { state } = await run({ script: scenarios.markdown, format, errorAfter: 6 })
      expect(state.status).toBe('error')
      expect(text(state).length).toBeGreaterThan(0)
      expect(expectedMarkdown.startsWith(text(state))).toBe(true)
      expect(state.messages.at(-1)!.parts.at(-1)!.type).toBe('error')
    })

    it(`never shows a dropped ${format} stream as finished`, async () => {
      const { state } = await run({ script: scenarios.markdown, format: format, disconnectAfter: 5 }, { autoResume: format === 'rivulet' ? false : true })
      expect(state.status).toBe('error')
      expect(state.error?.code).toBe('network')
    })
  }

  const prng = createPrng(2026)
  for (let trial = 0; trial < 8; trial++) {
    const dropAt = 2 + Math.floor(prng() * (scenarios.markdown.length - 3))
    it(`resumes a Rivulet stream dropped at event ${dropAt}: same text, no duplicates, one POST`, async () => {
      const { state, mock } = await run({ script: scenarios.markdown, disconnectAfter: dropAt, chunking: 'random', seed: trial })
      expect(state.status).toBe('ready')
      expect(text(state)).toBe(expectedMarkdown)
      expect(state.messages.at(-1)!.parts.filter((p) => p.type === 'text')).toHaveLength(1)
      const kinds = mock.requests.map((r) => r.kind)
      expect(kinds.filter((k) => k === 'chat')).toHaveLength(1)
      expect(kinds.filter((k) => k === 'resume')).toHaveLength(1)
    })
  }

  it('retries a 503 before the stream and then streams', async () => {
    const { state, mock } = await run({ script: scenarios.markdown, httpStatus: 503, failRequests: 1 })
    expect(state.status).toBe('ready')
    expect(mock.requests).toHaveLength(2)
  })

  it('shows rate limiting with its Retry-After when it will not wait', async () => {
    const { state } = await run({ script: scenarios.markdown, httpStatus: 429, retryAfter: 90 })
    expect(state.error).toMatchObject({ code: 'rate_limited', retryAfter: 90, status: 429 })
  })

  it('reports a malformed frame as a protocol error and keeps what came before', async () => {
    const { state } = await run({ script: scenarios.markdown, malformedAfter: 4 })
    expect(state.error?.code).toBe('protocol')
    expect(text(state).length).toBeGreaterThan(0)
  })

  it('counts a skipped seq as a gap, and drops a duplicated one', async () => {
    const { state, chat } = await run({ script: scenarios.markdown, skipSeq: 3, duplicateSeq: 6 })
    expect(state.status).toBe('ready')
    expect(chat.metrics.getSnapshot().gaps).toBe(1)
    const expected = scenarios.markdown.filter((e) => e.seq !== 3).flatMap((e) => (e.type === 'token' ? [e.content] : [])).join('')
    expect(text(state)).toBe(expected)
  })

  it('finishes an OpenAI-compatible body with finish_reason but no [DONE] as done, like decodeText', async () => {
    const frames = [
      'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hi "}}]}\n\n',
      'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"there"},"finish_reason":"stop"}]}\n\n',
    ]
    server.use(
      http.post(api, () => {
        const encoder = new TextEncoder()
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            for (const frame of frames) controller.enqueue(encoder.encode(frame))
            controller.close() // a clean end, no `data: [DONE]`
          },
        })
        return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
      }),
    )
    const errors: unknown[] = []
    const chat = createChatClient({ api, scheduler: syncScheduler, onError: (error) => errors.push(error) })
    await chat.send('Tell me')
    const state = chat.getSnapshot()
    expect(decodeText(frames.join(''), 'auto').at(-1)).toMatchObject({ type: 'done', finishReason: 'stop' })
    expect(state.status).toBe('ready')
    expect(state.messages.at(-1)!.finishReason).toBe('stop')
    expect(text(state)).toBe('Hi there')
    expect(errors).toEqual([])
  })

  it('times out on keep-alives alone', async () => {
    const { state } = await run({ script: scenarios.markdown, keepAlivesOnly: { intervalMs: 5 } }, { firstTokenTimeoutMs: 100 })
    expect(state.error?.code).toBe('timeout')
  })
})

describe("the mock's stop route", () => {
  it("answers a chat client's Stop mid-stream: the stop reaches the mock (204), no request goes unhandled", async () => {
    // onUnhandledRequest is 'error' here: before the route, a story's Stop went to Storybook's own server (404).
    const mock = mockChatStream({ url: api, ...INSTANT_PACE, tokensPerSecond: 20, script: scenarios.markdown })
    server.use(...mock.handlers)
    const chat = createChatClient({ api, scheduler: syncScheduler })
    try {
      const sent = chat.send('Hi')
      await vi.waitFor(() => expect(chat.getSnapshot().messages.at(-1)?.parts.length).toBeGreaterThan(0))
      chat.stop()
      await sent
      await vi.waitFor(() => expect(mock.requests.map((r) => r.kind)).toEqual(['chat', 'stop']))
      expect(mock.requests[1]).toMatchObject({ method: 'POST', status: 204 })
      expect(mock.requests[1]!.streamId).toBe(mock.requests[0]!.streamId)
    } finally {
      chat.destroy()
    }
  })
})
