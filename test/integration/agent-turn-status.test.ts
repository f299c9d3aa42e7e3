/**
 * The status model and the callbacks of a multi-step agent turn over real fetch and MSW: the
 * status never passes through `ready` between steps (a trace of every published status),
 * `onStepFinish` fires per step, `onFinish` once per turn, after the loop settled — not for a
 * turn that waits for the user, was stopped, or failed.
 */
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createChatClient, type ChatClient, type ChatClientOptions } from '../../src/core/chat-client.ts'
import { syncScheduler } from '../../src/core/frame-scheduler.ts'
import type { ChatStatus } from '../../src/core/state.ts'
import { encodeEvents } from '../../src/protocol/encoders/create-encoder.ts'
import type { ChatEvent, UnsequencedChatEvent } from '../../src/protocol/events.ts'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const api = 'http://localhost/api/agent-status'
const sequenced = (events: UnsequencedChatEvent[]): ChatEvent[] => events.map((event, seq) => ({ ...event, seq }) as ChatEvent)
const call = (id: string, name: string): UnsequencedChatEvent[] => [
  { type: 'tool_call_start', id, name },
  { type: 'tool_call_delta', id, argsDelta: '{}' },
  { type: 'tool_call_end', id },
]
/** A step that calls a browser tool. */
const browserStep = (id: string) => sequenced([{ type: 'start', streamId: `s-${id}` }, { type: 'token', content: 'Looking. ' }, ...call(id, 'locate'), { type: 'done', finishReason: 'tool-calls' }])
/** A step whose tool the server ran itself (its result is in the stream). */
const serverStep = (id: string) =>
  sequenced([{ type: 'start', streamId: `s-${id}` }, ...call(id, 'weather'), { type: 'tool_result', id, result: { tempC: 21 } }, { type: 'done', finishReason: 'tool-calls' }])
const answer = (text: string) => sequenced([{ type: 'start', streamId: 's-end' }, { type: 'token', content: text }, { type: 'done', finishReason: 'stop' }])

function backend(...scripts: Array<ChatEvent[] | (() => Response)>) {
  let posts = 0
  server.use(
    http.post(api, () => {
      const next = scripts[Math.min(posts++, scripts.length - 1)]!
      if (typeof next === 'function') return next()
      return new HttpResponse(encodeEvents('rivulet', next), { headers: { 'content-type': 'text/event-stream' } })
    }),
  )
  return { posts: () => posts }
}

/** A client whose every published status is recorded, consecutive repeats folded. */
function traced(options: ChatClientOptions = {}) {
  const chat = createChatClient({ api, scheduler: syncScheduler, maxRetries: 0, firstTokenTimeoutMs: 0, idleTimeoutMs: 0, ...options })
  const trace: ChatStatus[] = []
  chat.subscribe(() => {
    const { status } = chat.getSnapshot()
    if (trace.at(-1) !== status) trace.push(status)
  })
  return { chat, trace }
}
async function until(check: () => boolean) {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 2))
  expect(check()).toBe(true)
}
const last = (chat: ChatClient) => chat.getSnapshot().messages.at(-1)!

describe('agent turn status and callbacks', () => {
  it('a three-step turn is submitted/streaming per step and ready only at its end; onStepFinish per step, onFinish once', async () => {
    backend(browserStep('c1'), serverStep('c2'), answer('Done: 21 °C.'))
    const onFinish = vi.fn()
    const onStepFinish = vi.fn()
    const { chat, trace } = traced({
      onFinish,
      onStepFinish,
      tools: { locate: { execute: async () => ({ city: 'Oslo' }) } },
    })
    await chat.send('Weather here?')
    expect(trace).toEqual(['submitted', 'streaming', 'submitted', 'streaming', 'submitted', 'streaming', 'ready'])
    expect(onStepFinish.mock.calls.map(([, info]) => [info.step, info.finishReason])).toEqual([
      [1, 'tool-calls'],
      [2, 'tool-calls'],
      [3, 'stop'],
    ])
    expect(onFinish).toHaveBeenCalledOnce()
    const [message] = onFinish.mock.calls[0]!
    expect(message.id).toBe(last(chat).id)
    expect(message.parts.map((p: { type: string }) => p.type)).toEqual(['text', 'tool-call', 'step-start', 'tool-call', 'step-start', 'text'])
    expect(message.finishReason).toBe('stop')
  })

  it('a browser tool that outlives its step keeps the status streaming through the tool phase', async () => {
    backend(browserStep('c1'), answer('Found you.'))
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const { chat, trace } = traced({ tools: { locate: { execute: () => gate.then(() => 'Oslo') } } })
    const sent = chat.send('Where?')
    await until(() => last(chat).finishReason === 'tool-calls')
    expect(chat.getSnapshot().status).toBe('streaming')
    // The finished step's stream id is gone: nothing is left to resume or stop on the server.
    expect(chat.getSnapshot().stream?.streamId).toBeUndefined()
    release()
    await sent
    expect(trace).toEqual(['submitted', 'streaming', 'submitted', 'streaming', 'ready'])
  })

  it('a turn that waits for the user is ready without onFinish; the continuation finishes it once', async () => {
    const { posts } = backend(browserStep('c1'), answer('Thanks.'))
    const onFinish = vi.fn()
    const { chat, trace } = traced({ onFinish })
    await chat.send('Where?')
    expect(trace).toEqual(['submitted', 'streaming', 'ready'])
    expect(onFinish).not.toHaveBeenCalled()
    expect(chat.addToolResult({ toolCallId: 'c1', output: 'Oslo' })).toEqual({ ok: true })
    await until(() => posts() === 2 && chat.getSnapshot().status === 'ready')
    expect(trace).toEqual(['submitted', 'streaming', 'ready', 'submitted', 'streaming', 'ready'])
    expect(onFinish).toHaveBeenCalledOnce()
    expect(onFinish.mock.calls[0]![0].finishReason).toBe('stop')
  })

  it('maxSteps ends the turn: onFinish once, with the notice in the message', async () => {
    let n = 0
    backend(() => new HttpResponse(encodeEvents('rivulet', serverStep(`c${++n}`)), { headers: { 'content-type': 'text/event-stream' } }))
    const onFinish = vi.fn()
    const onStepFinish = vi.fn()
    const { chat, trace } = traced({ onFinish, onStepFinish, maxSteps: 3 })
    await chat.send('Loop')
    expect(onStepFinish).toHaveBeenCalledTimes(3)
    expect(onFinish).toHaveBeenCalledOnce()
    expect(onFinish.mock.calls[0]![0].parts.at(-1)).toMatchObject({ type: 'status' })
    expect(trace.filter((s) => s === 'ready')).toEqual(['ready'])
    expect(trace.at(-1)).toBe('ready')
  })

  it('a stopped turn fires no onFinish, and a failed continuation fires onError only', async () => {
    backend(browserStep('c1'), () => new HttpResponse('overloaded', { status: 503 }))
    const onFinish = vi.fn()
    const onError = vi.fn()
    const { chat, trace } = traced({ onFinish, onError, tools: { locate: { execute: () => 'Oslo' } } })
    await chat.send('Where?')
    expect(trace).toEqual(['submitted', 'streaming', 'submitted', 'error'])
    expect(onError).toHaveBeenCalledOnce()
    expect(onFinish).not.toHaveBeenCalled()

    backend(browserStep('c2'), answer('never'))
    let started!: () => void
    const running = new Promise<void>((resolve) => (started = resolve))
    const stopped = traced({ onFinish, tools: { locate: { execute: () => (started(), new Promise(() => {})) } } })
    const sent = stopped.chat.send('Where?')
    await running
    stopped.chat.stop()
    await sent
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(stopped.chat.getSnapshot().status).toBe('ready')
    expect(onFinish).not.toHaveBeenCalled()
  })
})
