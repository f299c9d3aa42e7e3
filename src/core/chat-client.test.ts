import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChatEvent } from '../protocol/events.ts'
import { encodeEvent } from '../protocol/encode.ts'
import type { Recording } from '../protocol/recording/recording.ts'
import { createChatClient, type ChatClientOptions } from './chat-client.ts'
import { syncScheduler } from './frame-scheduler.ts'
import { textVersionOf } from './text-log.ts'
import type { ChatState, TextPart } from './state.ts'
import { createMemoryTransport, type MemoryReply } from './transports/memory-transport.ts'
import type { ResumeRequest, SendRequest } from './transports/transport.ts'

const words = ['Streaming ', 'is ', 'a ', 'feature, ', 'measured.']

function script(streamId = 's1'): ChatEvent[] {
  const events: ChatEvent[] = [{ type: 'start', seq: 0, streamId }]
  for (const content of words) events.push({ type: 'token', seq: events.length, content })
  events.push({ type: 'done', seq: events.length, finishReason: 'stop' })
  return events
}
const fullText = words.join('')

/** A body that sends `frames` one read each, then either ends or drops the connection. */
function body(frames: string[], end: 'close' | 'drop' | 'hang' = 'close'): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let i = 0
  return new ReadableStream({
    pull(controller) {
      const frame = frames[i++]
      if (frame !== undefined) controller.enqueue(encoder.encode(frame))
      else if (end === 'close') controller.close()
      else if (end === 'drop') controller.error(new TypeError('network error'))
      else return new Promise(() => {}) // a silent connection
    },
  })
}

function assistantText(state: ChatState): string {
  const message = state.messages.at(-1)!
  return message.parts
    .filter((p): p is TextPart => p.type === 'text')
    .map((p) => p.text)
    .join('')
}

function setup(options: Omit<Partial<ChatClientOptions>, 'resume'> & { respond: (r: SendRequest) => MemoryReply | Promise<MemoryReply>; resume?: (r: ResumeRequest) => MemoryReply }) {
  const sends: SendRequest[] = []
  const resumes: ResumeRequest[] = []
  const { respond, resume, ...rest } = options
  const transport = createMemoryTransport({
    respond: (request) => {
      sends.push(request)
      return respond(request)
    },
    resume: resume
      ? (request) => {
          resumes.push(request)
          return resume(request)
        }
      : undefined,
  })
  const client = createChatClient({ transport, scheduler: syncScheduler, backoff: { baseMs: 1, maxMs: 2 }, ...rest })
  return { client, sends, resumes }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('createChatClient', () => {
  it('streams a turn into a user and an assistant message and reports the finish', async () => {
    const onFinish = vi.fn()
    const { client, sends } = setup({ respond: () => script(), onFinish })
    await client.send('Hello')
    const state = client.getSnapshot()
    expect(state.status).toBe('ready')
    expect(state.messages.map((m) => m.role)).toEqual(['user', 'assistant'])
    expect(assistantText(state)).toBe(fullText)
    expect(sends).toHaveLength(1)
    expect(sends[0]!.messages.map((m) => m.role)).toEqual(['user'])
    expect(onFinish).toHaveBeenCalledOnce()
    const metrics = client.metrics.getSnapshot()
    expect(metrics.tokens).toBe(words.length)
    expect(metrics.events).toBe(words.length + 2)
    expect(metrics.ttftMs).toBeGreaterThanOrEqual(0)
  })

  it('decodes any provider format with format auto', async () => {
    const openai = [
      'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hi "}}]}\n\n',
      'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"there"},"finish_reason":"stop"}]}\n\n',
      'data: [DONE]\n\n',
    ]
    const { client } = setup({ respond: () => body(openai) })
    await client.send('Hello')
    expect(assistantText(client.getSnapshot())).toBe('Hi there')
    expect(client.getSnapshot().status).toBe('ready')
  })

  it('fails at once on a 4xx with the status and the body text, without retrying', async () => {
    const onError = vi.fn()
    const { client, sends } = setup({
      respond: () => new Response(JSON.stringify({ error: { message: 'model not found' } }), { status: 404 }),
      onError,
    })
    await client.send('Hello')
    const state = client.getSnapshot()
    expect(sends).toHaveLength(1)
    expect(state.status).toBe('error')
    expect(state.error).toMatchObject({ code: 'http', status: 404, message: 'HTTP 404: model not found' })
    expect(onError).toHaveBeenCalledOnce()
  })

  it('retries a 503 and a network failure before the stream starts, then streams', async () => {
    let attempt = 0
    const { client, sends } = setup({
      respond: () => {
        attempt++
        if (attempt === 1) return new Response('busy', { status: 503 })
        if (attempt === 2) throw new TypeError('Failed to fetch')
        return script()
      },
    })
    await client.send('Hello')
    expect(sends).toHaveLength(3)
    expect(assistantText(client.getSnapshot())).toBe(fullText)
    expect(client.metrics.getSnapshot().retries).toBe(2)
  })

  it('gives up after the retry cap and shows a network error', async () => {
    const { client, sends } = setup({ respond: () => Promise.reject(new TypeError('Failed to fetch')), maxRetries: 2 })
    await client.send('Hello')
    expect(sends).toHaveLength(3)
    expect(client.getSnapshot().error).toMatchObject({ code: 'network' })
  })

  it('does not wait out a long Retry-After: reports rate_limited with the delay', async () => {
    const { client, sends } = setup({
      respond: () => new Response('slow down', { status: 429, headers: { 'retry-after': '120' } }),
    })
    await client.send('Hello')
    expect(sends).toHaveLength(1)
    expect(client.getSnapshot().error).toMatchObject({ code: 'rate_limited', retryAfter: 120, status: 429 })
  })

  it('keeps partial text and shows where a non-resumable stream broke', async () => {
    const frames = [
      'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Partial "}}]}\n\n',
    ]
    const { client } = setup({ respond: () => body(frames, 'drop'), format: 'openai-chat' })
    await client.send('Hello')
    const state = client.getSnapshot()
    expect(state.status).toBe('error')
    expect(assistantText(state)).toBe('Partial ')
    expect(state.messages.at(-1)!.parts.at(-1)).toMatchObject({ type: 'error', code: 'network', resumable: false })
  })

  it('reports a body that ends without done as interrupted, never as finished', async () => {
    const { client } = setup({ respond: () => body(script().slice(0, 3).map(encodeEvent)) })
    await client.send('Hello')
    expect(client.getSnapshot().status).toBe('error')
    expect(client.getSnapshot().error?.code).toBe('network')
  })

  for (const dropAfter of [1, 2, 4, 6]) {
    it(`resumes a stream dropped after ${dropAfter} events with Last-Event-ID and no duplicates`, async () => {
      const events = script()
      const { client, sends, resumes } = setup({
        respond: () => body(events.slice(0, dropAfter).map(encodeEvent), 'drop'),
        // The server replays from one event earlier than asked: the client must drop the repeat.
        resume: ({ lastEventId }) => events.filter((e) => e.seq >= Number(lastEventId)),
      })
      await client.send('Hello')
      // Let the reconnect run to its end.
      await vi.waitFor(() => expect(client.getSnapshot().status).toBe('ready'))
      const state = client.getSnapshot()
      expect(assistantText(state)).toBe(fullText)
      expect(state.messages.at(-1)!.parts.filter((p) => p.type === 'text')).toHaveLength(1)
      expect(sends).toHaveLength(1) // never re-POSTs the prompt
      expect(resumes).toHaveLength(1)
      expect(resumes[0]).toMatchObject({ streamId: 's1', lastEventId: String(dropAfter - 1) })
      expect(client.metrics.getSnapshot().reconnects).toBe(1)
    })
  }

  it('records every response of a turn, the send and its resume, with onRecording', async () => {
    const events = script()
    const recordings: Array<{ recording: Recording; kind: string }> = []
    const { client } = setup({
      respond: () => body(events.slice(0, 3).map(encodeEvent), 'drop'),
      resume: ({ lastEventId }) => events.filter((e) => e.seq > Number(lastEventId)),
      onRecording: (recording, turn) => recordings.push({ recording, kind: turn.kind }),
    })
    await client.send('Hello')
    await vi.waitFor(() => expect(recordings).toHaveLength(2))
    expect(assistantText(client.getSnapshot())).toBe(fullText)
    const [send, resume] = recordings
    expect(send!.kind).toBe('send')
    expect(send!.recording.header).toMatchObject({ format: 'rivulet', status: 200, truncated: true, ending: 'network-error' })
    expect(send!.recording.chunks.map((c) => c.chunk)).toEqual(events.slice(0, 3).map(encodeEvent))
    expect(resume!.kind).toBe('resume')
    expect(resume!.recording.header.truncated).toBeUndefined()
    expect(resume!.recording.chunks.map((c) => c.chunk).join('')).toBe(events.slice(3).map(encodeEvent).join(''))
  })

  it('records a turn that was stopped as truncated, with what arrived', async () => {
    const recordings: Recording[] = []
    const { client } = setup({
      respond: ({ signal }) => {
        const frames = script().slice(0, 2).map(encodeEvent)
        const encoder = new TextEncoder()
        return new ReadableStream<Uint8Array>({
          start(controller) {
            for (const frame of frames) controller.enqueue(encoder.encode(frame))
            signal.addEventListener('abort', () => controller.error(signal.reason))
          },
        })
      },
      onRecording: (recording) => recordings.push(recording),
    })
    const sent = client.send('Hello')
    await vi.waitFor(() => expect(assistantText(client.getSnapshot())).toBe(words[0]))
    client.stop()
    await sent
    await vi.waitFor(() => expect(recordings).toHaveLength(1))
    expect(recordings[0]!.header.truncated).toBe(true)
    expect(recordings[0]!.chunks.map((c) => c.chunk)).toEqual(script().slice(0, 2).map(encodeEvent))
  })

  it('counts a gap when the resumed stream skips events', async () => {
    const events = script()
    const { client } = setup({
      respond: () => body(events.slice(0, 2).map(encodeEvent), 'drop'),
      resume: () => events.slice(4),
    })
    await client.send('Hello')
    await vi.waitFor(() => expect(client.getSnapshot().status).toBe('ready'))
    expect(client.metrics.getSnapshot().gaps).toBe(1)
  })

  it('stops reconnecting after the cap and leaves a Continue-able error', async () => {
    const events = script()
    const { client, resumes } = setup({
      respond: () => body(events.slice(0, 2).map(encodeEvent), 'drop'),
      resume: () => body([], 'drop'),
      maxReconnects: 2,
    })
    await client.send('Hello')
    await vi.waitFor(() => expect(client.getSnapshot().status).toBe('error'))
    expect(resumes).toHaveLength(2)
    expect(client.getSnapshot().error).toMatchObject({ code: 'network', resumable: true })
    expect(assistantText(client.getSnapshot())).toBe('Streaming ')
  })

  it('stop() aborts the request and nothing is written afterwards', async () => {
    let signal: AbortSignal | undefined
    let push: ((frame: string) => void) | undefined
    const { client } = setup({
      respond: (request) => {
        signal = request.signal
        return new ReadableStream<Uint8Array>({
          start(controller) {
            push = (frame) => {
              try {
                controller.enqueue(new TextEncoder().encode(frame))
              } catch {
                // The client cancelled the body.
              }
            }
          },
        })
      },
    })
    const sending = client.send('Hello')
    await vi.waitFor(() => expect(push).toBeDefined())
    const events = script()
    push!(encodeEvent(events[0]!) + encodeEvent(events[1]!))
    await vi.waitFor(() => expect(assistantText(client.getSnapshot())).toBe('Streaming '))
    client.stop()
    const stopped = client.getSnapshot()
    expect(signal!.aborted).toBe(true)
    expect(stopped.status).toBe('ready')
    push!(encodeEvent(events[2]!))
    await sending
    expect(client.getSnapshot()).toBe(stopped)
  })

  it('a new send aborts the old stream, and its late events never touch state', async () => {
    const pushes: ((frame: string) => void)[] = []
    const { client } = setup({
      respond: () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            pushes.push((frame) => {
              try {
                controller.enqueue(new TextEncoder().encode(frame))
              } catch {
                // cancelled
              }
            })
          },
        }),
    })
    void client.send('First')
    await vi.waitFor(() => expect(pushes).toHaveLength(1))
    void client.send('Second')
    await vi.waitFor(() => expect(pushes).toHaveLength(2))
    pushes[0]!(script('old').map(encodeEvent).join(''))
    pushes[1]!(script('new').map(encodeEvent).join(''))
    await vi.waitFor(() => expect(client.getSnapshot().status).toBe('ready'))
    const state = client.getSnapshot()
    expect(state.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant'])
    expect(state.messages[1]!.parts.filter((p) => p.type === 'text')).toEqual([])
    expect(assistantText(state)).toBe(fullText)
  })

  it('times out when only keep-alives arrive: pings do not reset the idle timer', async () => {
    vi.useFakeTimers()
    const events = script()
    let pings: ReturnType<typeof setInterval> | undefined
    const { client } = setup({
      idleTimeoutMs: 1000,
      respond: () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(encodeEvent(events[0]!) + encodeEvent(events[1]!)))
            pings = setInterval(() => controller.enqueue(new TextEncoder().encode(': ping\n\n')), 100)
          },
          cancel() {
            clearInterval(pings)
          },
        }),
    })
    const sending = client.send('Hello')
    await vi.advanceTimersByTimeAsync(999)
    expect(client.getSnapshot().status).toBe('streaming')
    await vi.advanceTimersByTimeAsync(2)
    await sending
    expect(client.getSnapshot().error).toMatchObject({ code: 'timeout' })
    expect(assistantText(client.getSnapshot())).toBe('Streaming ')
    clearInterval(pings)
  })

  it('times out when the first token never comes', async () => {
    vi.useFakeTimers()
    const { client } = setup({ firstTokenTimeoutMs: 5000, respond: () => body([], 'hang') })
    const sending = client.send('Hello')
    await vi.advanceTimersByTimeAsync(5001)
    await sending
    expect(client.getSnapshot().error).toMatchObject({ code: 'timeout' })
  })

  it('retry() sends the same user message again as a new turn', async () => {
    let attempt = 0
    const { client, sends } = setup({
      maxRetries: 0,
      respond: () => (++attempt === 1 ? new Response('boom', { status: 500 }) : script()),
    })
    await client.send('Hello')
    expect(client.getSnapshot().status).toBe('error')
    await client.retry()
    const state = client.getSnapshot()
    expect(sends).toHaveLength(2)
    expect(sends[1]!.messages).toEqual(sends[0]!.messages)
    expect(state.messages.map((m) => m.role)).toEqual(['user', 'assistant'])
    expect(assistantText(state)).toBe(fullText)
  })

  it('continue() resumes a broken stream after the partial text', async () => {
    const events = script()
    const { client, sends, resumes } = setup({
      autoResume: false,
      respond: () => body(events.slice(0, 3).map(encodeEvent), 'drop'),
      resume: ({ lastEventId }) => events.filter((e) => e.seq > Number(lastEventId)),
    })
    await client.send('Hello')
    expect(client.getSnapshot().error).toMatchObject({ code: 'network', resumable: true })
    await client.continue()
    expect(client.getSnapshot().status).toBe('ready')
    expect(assistantText(client.getSnapshot())).toBe(fullText)
    expect(client.getSnapshot().messages.at(-1)!.parts.some((p) => p.type === 'error')).toBe(false)
    expect(sends).toHaveLength(1)
    expect(resumes).toHaveLength(1)
  })

  it('continueStream() is continue() under a name that can be destructured', async () => {
    const events = script()
    const { client, resumes } = setup({
      autoResume: false,
      respond: () => body(events.slice(0, 3).map(encodeEvent), 'drop'),
      resume: ({ lastEventId }) => events.filter((e) => e.seq > Number(lastEventId)),
    })
    await client.send('Hello')
    const { continueStream } = client
    await continueStream()
    expect(client.getSnapshot().status).toBe('ready')
    expect(assistantText(client.getSnapshot())).toBe(fullText)
    expect(resumes).toHaveLength(1)
  })

  it('send() resolves only once an automatic reconnect has finished the answer', async () => {
    const events = script()
    const { client, resumes } = setup({
      respond: () => body(events.slice(0, 3).map(encodeEvent), 'drop'),
      resume: ({ lastEventId }) => events.filter((e) => e.seq > Number(lastEventId)),
    })
    await client.send('Hello')
    // No waiting: the reconnect is part of the turn that send() awaited.
    expect(resumes).toHaveLength(1)
    expect(client.getSnapshot().status).toBe('ready')
    expect(assistantText(client.getSnapshot())).toBe(fullText)
  })

  it('hands onError exactly the ChatError that landed in state.error', async () => {
    const errors: unknown[] = []
    // A server `error` event with code network on a stream with an id: the reducer marks it resumable.
    const { client } = setup({
      autoResume: false,
      respond: () => [
        { type: 'start', seq: 0, streamId: 's1' },
        { type: 'token', seq: 1, content: 'Part' },
        { type: 'error', seq: 2, code: 'network', message: 'upstream dropped' },
      ],
      resume: () => script(),
      onError: (error) => errors.push(error),
    })
    await client.send('Hello')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toBe(client.getSnapshot().error)
    expect(errors[0]).toMatchObject({ code: 'network', resumable: true })

    const http = setup({ respond: () => new Response('nope', { status: 400 }), onError: (error) => errors.push(error) })
    await http.client.send('Hello')
    expect(errors).toHaveLength(2)
    expect(errors[1]).toBe(http.client.getSnapshot().error)
  })

  it('waits out a Retry-After of a few seconds before retrying', async () => {
    vi.useFakeTimers()
    let attempt = 0
    const { client, sends } = setup({
      respond: () => (++attempt === 1 ? new Response('busy', { status: 503, headers: { 'retry-after': '3' } }) : script()),
    })
    const sending = client.send('Hello')
    await vi.advanceTimersByTimeAsync(2999)
    expect(sends).toHaveLength(1)
    expect(client.getSnapshot().status).toBe('submitted')
    await vi.advanceTimersByTimeAsync(1)
    expect(sends).toHaveLength(2)
    await sending
    expect(assistantText(client.getSnapshot())).toBe(fullText)
    expect(client.metrics.getSnapshot().retries).toBe(1)
  })

  it("reconnects after the server's SSE retry: delay, not the backoff", async () => {
    vi.useFakeTimers()
    const events = script()
    const { client, resumes } = setup({
      backoff: { baseMs: 1, maxMs: 1 },
      respond: () => body(['retry: 4000\n\n', ...events.slice(0, 3).map(encodeEvent)], 'drop'),
      resume: ({ lastEventId }) => events.filter((e) => e.seq > Number(lastEventId)),
    })
    const sending = client.send('Hello')
    await vi.advanceTimersByTimeAsync(3999)
    expect(client.getSnapshot().status).toBe('reconnecting')
    expect(resumes).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(resumes).toHaveLength(1)
    await sending
    expect(client.getSnapshot().status).toBe('ready')
    expect(assistantText(client.getSnapshot())).toBe(fullText)
  })

  it('measures TTFT from the send to the first content event', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] })
    const events = script()
    const { client } = setup({
      respond: () => {
        const encoder = new TextEncoder()
        return new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(encoder.encode(encodeEvent(events[0]!)))
            setTimeout(() => {
              for (const event of events.slice(1)) controller.enqueue(encoder.encode(encodeEvent(event)))
            }, 250)
          },
        })
      },
    })
    const sending = client.send('Hello')
    await vi.advanceTimersByTimeAsync(250)
    await sending
    const { ttftMs, durationMs } = client.metrics.getSnapshot()
    expect(ttftMs).toBe(250)
    expect(durationMs).toBe(250)
  })

  it('sends no request when a hidden tab becomes visible and nothing is broken', async () => {
    vi.useFakeTimers()
    const { client, sends, resumes } = setup({ respond: () => script(), resume: () => script() })
    await client.send('Hello')
    document.dispatchEvent(new Event('visibilitychange'))
    window.dispatchEvent(new Event('online'))
    // Everything those events could have started (timers, promise chains) has run by now.
    await vi.runAllTimersAsync()
    expect(sends).toHaveLength(1)
    expect(resumes).toHaveLength(0)
  })

  it('resumes a broken stream when the browser comes back online', async () => {
    const events = script()
    let resumeOk = false
    const { client, resumes } = setup({
      maxReconnects: 1,
      respond: () => body(events.slice(0, 2).map(encodeEvent), 'drop'),
      resume: ({ lastEventId }) => (resumeOk ? events.filter((e) => e.seq > Number(lastEventId)) : body([], 'drop')),
    })
    await client.send('Hello')
    await vi.waitFor(() => expect(client.getSnapshot().status).toBe('error'))
    resumeOk = true
    window.dispatchEvent(new Event('online'))
    await vi.waitFor(() => expect(client.getSnapshot().status).toBe('ready'))
    expect(assistantText(client.getSnapshot())).toBe(fullText)
    expect(resumes).toHaveLength(2)
  })

  it('flags a buffered response: the whole stream in one read', async () => {
    const { client } = setup({ respond: () => script().map(encodeEvent).join('') })
    await client.send('Hello')
    expect(client.metrics.getSnapshot().buffered).toBe(true)
    const streamed = setup({ respond: () => script() })
    await streamed.client.send('Hello')
    expect(streamed.client.metrics.getSnapshot().buffered).toBe(false)
  })

  it('calls the latest callbacks without restarting', async () => {
    const first = vi.fn()
    const second = vi.fn()
    const { client } = setup({ respond: () => script(), onEvent: first })
    client.setCallbacks({ onEvent: second })
    await client.send('Hello')
    expect(first).not.toHaveBeenCalled()
    expect(second).toHaveBeenCalledTimes(script().length)
  })
})

describe('the text logs of a turn that ends early', () => {
  // Two tokens: the second grows the text, which starts its log.
  const frames = script().slice(0, 3).map(encodeEvent)
  const textPart = (client: { getSnapshot(): ChatState }) => client.getSnapshot().messages.at(-1)!.parts.find((p) => p.type === 'text')!

  it('are let go when the user stops', async () => {
    const { client } = setup({ respond: () => body(frames, 'hang') })
    const sent = client.send('Hello')
    await vi.waitFor(() => expect(assistantText(client.getSnapshot())).toBe('Streaming is '))
    expect(textVersionOf(textPart(client))).toBeDefined()
    client.stop()
    await sent
    expect(assistantText(client.getSnapshot())).toBe('Streaming is ')
    expect(textVersionOf(textPart(client))).toBeUndefined()
  })

  it('are let go when the connection drops for good, and kept while it can be resumed', async () => {
    // No resume on the transport: the drop is final.
    const final = setup({ respond: () => body(frames, 'drop') })
    await final.client.send('Hello')
    expect(final.client.getSnapshot().error).toMatchObject({ code: 'network', resumable: false })
    expect(textVersionOf(textPart(final.client))).toBeUndefined()

    const resumable = setup({ respond: () => body(frames, 'drop'), resume: () => body([], 'drop'), maxReconnects: 0 })
    await resumable.client.send('Hello')
    expect(resumable.client.getSnapshot().error).toMatchObject({ code: 'network', resumable: true })
    expect(textVersionOf(textPart(resumable.client))?.end).toBe('Streaming is '.length)
  })
})
