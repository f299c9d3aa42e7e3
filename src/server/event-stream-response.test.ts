// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { decodeStream, decodeText } from '../protocol/decoders/decode-stream.ts'
import type { ChatEvent, UnsequencedChatEvent } from '../protocol/events.ts'
import { createEventStreamResponse, type EventStreamResponseOptions } from './event-stream-response.ts'
import { createMemoryResumeStore } from './memory-resume-store.ts'

async function eventsOf(response: Response): Promise<ChatEvent[]> {
  const out: ChatEvent[] = []
  const reader = decodeStream(response.body!, { format: 'rivulet' }).getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return out
    out.push(value)
  }
}

async function* from(events: Array<UnsequencedChatEvent | ChatEvent>) {
  yield* events
}

const respond = (events: Array<UnsequencedChatEvent | ChatEvent>, options: EventStreamResponseOptions = {}) =>
  createEventStreamResponse(from(events), { keepAliveMs: false, streamId: 's', ...options })

describe('createEventStreamResponse', () => {
  it('numbers events from a start it sends itself and ends a source that just returns with done', async () => {
    const events = await eventsOf(respond([{ type: 'token', content: 'Hi' }, { type: 'status', message: 'Looking…' }], { messageId: 'm1' }))
    expect(events).toEqual([
      { type: 'start', seq: 0, streamId: 's', messageId: 'm1' },
      { type: 'token', seq: 1, content: 'Hi' },
      { type: 'status', seq: 2, message: 'Looking…' },
      { type: 'done', seq: 3 },
    ])
  })

  it("renumbers a decoded source and drops the provider's own start", async () => {
    const events = await eventsOf(
      respond([
        { type: 'start', seq: 0, streamId: 'chatcmpl-1' },
        { type: 'token', seq: 1, content: 'a' },
        { type: 'done', seq: 2, finishReason: 'stop', usage: { outputTokens: 1 } },
      ]),
    )
    expect(events).toEqual([
      { type: 'start', seq: 0, streamId: 's' },
      { type: 'token', seq: 1, content: 'a' },
      { type: 'done', seq: 2, finishReason: 'stop', usage: { outputTokens: 1 } },
    ])
  })

  it('writes seq as the SSE id so Last-Event-ID works', async () => {
    const text = await respond([{ type: 'token', content: 'Hi' }]).text()
    expect(text).toBe(
      'id: 0\ndata: {"type":"start","seq":0,"streamId":"s"}\n\n' + 'id: 1\ndata: {"type":"token","seq":1,"content":"Hi"}\n\n' + 'id: 2\ndata: {"type":"done","seq":2}\n\n',
    )
  })

  it('stops the source after a terminal event and sends nothing more', async () => {
    let returned = false
    async function* source(): AsyncGenerator<UnsequencedChatEvent> {
      try {
        yield { type: 'error', code: 'rate_limited', message: 'slow down', retryAfter: 2 }
        yield { type: 'token', content: 'never' }
      } finally {
        returned = true
      }
    }
    const events = await eventsOf(createEventStreamResponse(source(), { keepAliveMs: false }))
    expect(events.map((e) => e.type)).toEqual(['start', 'error'])
    expect(events[1]).toMatchObject({ code: 'rate_limited', retryAfter: 2 })
    expect(returned).toBe(true)
  })

  it('closes tool calls the source left open before done', async () => {
    const events = await eventsOf(respond([{ type: 'tool_call_start', id: 'c1', name: 'search' }, { type: 'tool_call_delta', id: 'c1', argsDelta: '{}' }]))
    expect(events.map((e) => e.type)).toEqual(['start', 'tool_call_start', 'tool_call_delta', 'tool_call_end', 'done'])
  })

  it('sends the error an onError handler chooses instead of the safe default', async () => {
    async function* failing(): AsyncGenerator<UnsequencedChatEvent> {
      yield { type: 'token', content: 'x' }
      throw Object.assign(new Error('429'), { status: 429 })
    }
    const events = await eventsOf(
      createEventStreamResponse(failing(), {
        keepAliveMs: false,
        onError: (error) => ((error as { status?: number }).status === 429 ? { code: 'rate_limited', message: 'Busy, retry soon', retryAfter: 5 } : undefined),
      }),
    )
    expect(events.at(-1)).toEqual({ type: 'error', seq: 2, code: 'rate_limited', message: 'Busy, retry soon', retryAfter: 5 })
  })

  it('reads the source only when the body is pulled, at most two events ahead of the reader', async () => {
    let produced = 0
    async function* counting(): AsyncGenerator<UnsequencedChatEvent> {
      for (let i = 0; i < 1000; i++) {
        produced++
        yield { type: 'token', content: String(i) }
      }
    }
    const reader = createEventStreamResponse(counting(), { keepAliveMs: false }).body!.getReader()
    let maxAhead = 0
    for (let consumed = 0; consumed < 50; consumed++) {
      await reader.read()
      // Let every pending pull run before measuring.
      for (let i = 0; i < 20; i++) await Promise.resolve()
      maxAhead = Math.max(maxAhead, produced - consumed)
    }
    await reader.cancel()
    expect(produced).toBeLessThan(60)
    expect(maxAhead).toBeLessThanOrEqual(2)
  })

  it('calls return() on the source as soon as the body is cancelled, even mid-read', async () => {
    let returnCalled = false
    let pendingNext!: (value: IteratorResult<UnsequencedChatEvent>) => void
    const source: AsyncIterable<UnsequencedChatEvent> = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise((resolve) => (pendingNext = resolve)),
        return: async () => {
          returnCalled = true
          return { done: true, value: undefined }
        },
      }),
    }
    const reader = createEventStreamResponse(source, { keepAliveMs: false }).body!.getReader()
    await reader.read() // start
    const pending = reader.read() // the source is now waiting on the provider
    await Promise.resolve()
    await reader.cancel()
    expect(returnCalled).toBe(true)
    pendingNext({ done: false, value: { type: 'token', content: 'late' } })
    expect((await pending).done).toBe(true)
  })

  it('stops the source when the request signal aborts and records how the stream ended', async () => {
    const store = createMemoryResumeStore()
    const request = new AbortController()
    let returned = false
    async function* endless(): AsyncGenerator<UnsequencedChatEvent> {
      try {
        for (let i = 0; ; i++) yield { type: 'token', content: String(i) }
      } finally {
        returned = true
      }
    }
    const reader = createEventStreamResponse(endless(), { keepAliveMs: false, streamId: 's', store, signal: request.signal }).body!.getReader()
    await reader.read()
    await reader.read()
    request.abort()
    await expect(reader.read()).rejects.toBeDefined()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(returned).toBe(true)
    const recorded = (await store.read('s', -1))!
    expect(recorded.finished).toBe(true)
    expect(recorded.events.at(-1)).toMatchObject({ type: 'error', code: 'upstream_error' })
    expect(recorded.events.map((e) => e.seq)).toEqual(recorded.events.map((_, i) => i))
  })

  it('never reads the source when the request was already aborted', async () => {
    let read = false
    const source: AsyncIterable<UnsequencedChatEvent> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          read = true
          return { done: true, value: undefined }
        },
      }),
    }
    const response = createEventStreamResponse(source, { signal: AbortSignal.abort() })
    await expect(response.text()).rejects.toBeDefined()
    expect(read).toBe(false)
  })

  it("with disconnect: 'continue', keeps recording into the store after the client leaves", async () => {
    const store = createMemoryResumeStore()
    const reader = respond(
      Array.from({ length: 20 }, (_, i) => ({ type: 'token' as const, content: String(i) })),
      { store, disconnect: 'continue' },
    ).body!.getReader()
    await reader.read()
    await reader.cancel()
    for (let i = 0; i < 100 && !(await store.read('s', -1))!.finished; i++) await new Promise((resolve) => setTimeout(resolve, 0))
    const recorded = (await store.read('s', -1))!
    expect(recorded.finished).toBe(true)
    expect(recorded.events).toHaveLength(22)
    expect(recorded.events.at(-1)).toEqual({ type: 'done', seq: 21 })
  })

  it('holds a detached producer back while the store lags, so unwritten events stay bounded', async () => {
    // With `disconnect: 'continue'` the store is the only reader, so its pace is the model's.
    const memory = createMemoryResumeStore()
    const waiting: Array<() => void> = []
    const slowStore = { ...memory, append: (id: string, event: ChatEvent) => new Promise<void>((resolve) => waiting.push(() => resolve(memory.append(id, event)))) }
    let yielded = 0
    async function* fast(): AsyncGenerator<UnsequencedChatEvent> {
      for (let i = 0; i < 1000; i++) {
        yielded++
        yield { type: 'token', content: String(i) }
      }
    }
    const reader = createEventStreamResponse(fast(), { store: slowStore, keepAliveMs: false, streamId: 's', disconnect: 'continue' }).body!.getReader()
    await reader.read()
    await reader.cancel()
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setTimeout(resolve, 0))
    expect(yielded).toBeLessThanOrEqual(70)
    // Let the store catch up: everything arrives, in order.
    while (!(await memory.read('s', -1))?.finished) {
      for (const release of waiting.splice(0)) release()
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
    expect((await memory.read('s', -1))!.events.map((e) => e.seq)).toEqual(Array.from({ length: 1002 }, (_, i) => i))
  })

  it('never holds its own client back for the store: a hung store costs the recording past 1,024 unwritten events, not the answer', async () => {
    const memory = createMemoryResumeStore()
    const waiting: Array<() => void> = []
    const hungStore = { ...memory, append: (id: string, event: ChatEvent) => new Promise<void>((resolve) => waiting.push(() => resolve(memory.append(id, event)))) }
    async function* fast(): AsyncGenerator<UnsequencedChatEvent> {
      for (let i = 0; i < 3000; i++) yield { type: 'token', content: String(i) }
    }
    const response = createEventStreamResponse(fast(), { store: hungStore, keepAliveMs: false, streamId: 's' })
    const events = decodeText(await response.text(), 'rivulet')
    // The client got the whole answer while the store answered nothing.
    expect(events.filter((e) => e.type === 'token')).toHaveLength(3000)
    expect(events.at(-1)).toEqual({ type: 'done', seq: 3001 })
    // Writes were handed over in order without waiting; at most 1,024 were left hanging, and the ending.
    expect(waiting).toHaveLength(1025)
    for (const release of waiting.splice(0)) release()
    const recorded = (await memory.read('s', -1))!
    expect(recorded.events.map((e) => e.seq)).toEqual([...Array.from({ length: 1024 }, (_, i) => i), 3001])
    expect(recorded.finished).toBe(true)
  })
})
