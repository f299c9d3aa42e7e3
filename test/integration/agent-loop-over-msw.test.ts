/**
 * The agent loop over real fetch and MSW: browser tools run, their results travel in the next
 * POST body, approvals and denials reach the server, stop() aborts a running tool, maxSteps
 * ends a loop, and bad input gets a clear message instead of a throw.
 */
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createChatClient, type ChatClientOptions } from '../../src/core/chat-client.ts'
import { syncScheduler } from '../../src/core/frame-scheduler.ts'
import type { ChatState, ToolCallPart } from '../../src/core/state.ts'
import { encodeEvents } from '../../src/protocol/encoders/create-encoder.ts'
import type { ChatEvent, UnsequencedChatEvent } from '../../src/protocol/events.ts'
import type { RivuletMessage, RivuletToolCallPart } from '../../src/protocol/message-format.ts'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const api = 'http://localhost/api/agent'
type Body = { messages: RivuletMessage[] }

const sequenced = (events: UnsequencedChatEvent[]): ChatEvent[] => events.map((event, seq) => ({ ...event, seq }) as ChatEvent)
const toolCall = (id: string, name: string, args: string): UnsequencedChatEvent[] => [
  { type: 'tool_call_start', id, name },
  { type: 'tool_call_delta', id, argsDelta: args },
  { type: 'tool_call_end', id },
]
const callsTool = (id: string, name: string, args = '{}', extra: UnsequencedChatEvent[] = []) =>
  sequenced([{ type: 'start', streamId: `s-${id}` }, { type: 'token', content: `Calling ${name}. ` }, ...toolCall(id, name, args), ...extra, { type: 'done', finishReason: 'tool-calls' }])
const answers = (text: string) => sequenced([{ type: 'start', streamId: 's-final' }, { type: 'token', content: text }, { type: 'done', finishReason: 'stop' }])

/** The backend: answers each POST with the next script, recording what it received. */
function backend(...scripts: Array<ChatEvent[] | ((body: Body) => Response)>) {
  const bodies: Body[] = []
  server.use(
    http.post(api, async ({ request }) => {
      const body = (await request.json()) as Body
      bodies.push(body)
      const next = scripts[Math.min(bodies.length - 1, scripts.length - 1)]!
      if (typeof next === 'function') return next(body)
      return new HttpResponse(encodeEvents('rivulet', next), { headers: { 'content-type': 'text/event-stream' } })
    }),
  )
  return bodies
}

function client(options: ChatClientOptions = {}) {
  return createChatClient({ api, scheduler: syncScheduler, maxRetries: 0, firstTokenTimeoutMs: 0, idleTimeoutMs: 0, ...options })
}
const assistantOf = (state: ChatState) => state.messages.at(-1)!
const callIn = (state: ChatState, id: string) => assistantOf(state).parts.find((p): p is ToolCallPart => p.type === 'tool-call' && p.id === id)
const wireCall = (body: Body, id: string) =>
  body.messages.flatMap((m) => m.parts).find((p): p is RivuletToolCallPart => p.type === 'tool-call' && p.id === id)
async function until(check: () => boolean) {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 2))
  expect(check()).toBe(true)
}

describe('agent loop over real fetch and MSW', () => {
  it('runs a browser tool once and sends its call, arguments and result in the second POST; both steps are one message', async () => {
    const bodies = backend(callsTool('call_loc', 'get_location', '{"precise":true}'), answers('You are in Oslo.'))
    const runs: unknown[] = []
    const chat = client({
      tools: {
        get_location: {
          execute: async (args: { precise: boolean }, { toolCallId, signal }) => {
            runs.push({ args, toolCallId, aborted: signal.aborted })
            return { city: 'Oslo' }
          },
        },
      },
    })
    await chat.send('Where am I?')
    expect(runs).toEqual([{ args: { precise: true }, toolCallId: 'call_loc', aborted: false }])
    expect(bodies).toHaveLength(2)
    expect(bodies[1]!.messages.map((m) => m.role)).toEqual(['user', 'assistant'])
    expect(wireCall(bodies[1]!, 'call_loc')).toMatchObject({ name: 'get_location', state: 'output-available', argsText: '{"precise":true}', args: { precise: true }, result: { city: 'Oslo' } })
    const state = chat.getSnapshot()
    expect(state.status).toBe('ready')
    expect(state.messages).toHaveLength(2)
    expect(assistantOf(state).parts.map((p) => p.type)).toEqual(['text', 'tool-call', 'step-start', 'text'])
    expect(assistantOf(state).finishReason).toBe('stop')
  })

  it('approval approved: the browser tool runs only after the answer, and the server receives the result', async () => {
    const bodies = backend(callsTool('call_rm', 'delete_file', '{"path":"/tmp/a"}'), answers('Deleted.'))
    let ran = 0
    const chat = client({ tools: { delete_file: { needsApproval: true, execute: () => ++ran } } })
    await chat.send('Clean up')
    expect(callIn(chat.getSnapshot(), 'call_rm')?.state).toBe('approval-requested')
    expect(chat.getSnapshot().status).toBe('ready')
    expect(ran).toBe(0)
    expect(bodies).toHaveLength(1)
    expect(chat.respondToApproval({ toolCallId: 'call_rm', approved: true })).toEqual({ ok: true })
    await until(() => chat.getSnapshot().status === 'ready' && bodies.length === 2)
    expect(ran).toBe(1)
    expect(wireCall(bodies[1]!, 'call_rm')).toMatchObject({ state: 'output-available', approval: { approved: true }, result: 1 })
  })

  it('approval denied: nothing runs and the server receives the denial with its reason', async () => {
    const bodies = backend(callsTool('call_rm', 'delete_file', '{"path":"/"}'), answers('OK, I will not.'))
    let ran = 0
    const chat = client({ tools: { delete_file: { needsApproval: () => true, execute: () => ++ran } } })
    await chat.send('Clean up')
    await until(() => callIn(chat.getSnapshot(), 'call_rm')?.state === 'approval-requested')
    chat.respondToApproval({ toolCallId: 'call_rm', approved: false, reason: 'Not the root' })
    await until(() => bodies.length === 2 && chat.getSnapshot().status === 'ready')
    expect(ran).toBe(0)
    expect(wireCall(bodies[1]!, 'call_rm')).toMatchObject({ state: 'output-denied', approval: { approved: false, reason: 'Not the root' }, errorText: 'Not the root' })
    expect(assistantOf(chat.getSnapshot()).parts.at(-1)).toEqual({ type: 'text', text: 'OK, I will not.' })
  })

  it('server-side approval: the decision goes back in the part, for the server to run the tool', async () => {
    const bodies = backend(callsTool('call_pay', 'pay', '{"eur":5}', [{ type: 'tool_approval_request', id: 'call_pay' }]), answers('Paid.'))
    const chat = client()
    await chat.send('Pay')
    expect(callIn(chat.getSnapshot(), 'call_pay')?.state).toBe('approval-requested')
    chat.respondToApproval({ toolCallId: 'call_pay', approved: true })
    await until(() => bodies.length === 2 && chat.getSnapshot().status === 'ready')
    expect(wireCall(bodies[1]!, 'call_pay')).toMatchObject({ state: 'approval-responded', approval: { approved: true }, args: { eur: 5 } })
  })

  it('stop() during a browser tool aborts it through its signal and sends nothing more', async () => {
    const bodies = backend(callsTool('call_slow', 'slow', '{}'), answers('never'))
    let aborted = false
    let started!: () => void
    const running = new Promise<void>((resolve) => (started = resolve))
    const chat = client({
      tools: {
        slow: {
          execute: (_args, { signal }) =>
            new Promise((_resolve, reject) => {
              started()
              signal.addEventListener('abort', () => {
                aborted = true
                reject(new Error('aborted'))
              })
            }),
        },
      },
    })
    const sent = chat.send('Go')
    await running
    // The stream has ended; the turn stays busy while the tool runs.
    await until(() => assistantOf(chat.getSnapshot()).finishReason === 'tool-calls' && chat.getSnapshot().status === 'streaming')
    chat.stop()
    await sent
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(aborted).toBe(true)
    expect(bodies).toHaveLength(1)
    expect(chat.getSnapshot().status).toBe('ready')
    expect(callIn(chat.getSnapshot(), 'call_slow')).toMatchObject({ state: 'output-error', errorText: 'Stopped before the tool finished.' })
    expect(assistantOf(chat.getSnapshot()).finishReason).toBe('other')
  })

  it('maxSteps ends a loop that would go on forever, with a notice, counting the first request', async () => {
    let n = 0
    const bodies = backend(() => new HttpResponse(encodeEvents('rivulet', callsTool(`call_${++n}`, 'again', '{}')), { headers: { 'content-type': 'text/event-stream' } }))
    const chat = client({ maxSteps: 3, tools: { again: { execute: () => 'more' } } })
    await chat.send('Loop')
    expect(bodies).toHaveLength(3)
    const state = chat.getSnapshot()
    expect(state.status).toBe('ready')
    expect(assistantOf(state).parts.at(-1)).toEqual({ type: 'status', message: 'Stopped after 3 steps: the step limit (maxSteps: 3) was reached.' })
    expect(state.messages).toHaveLength(2)
  })

  it('a call without execute waits (status ready, nothing sent) until addToolResult answers it', async () => {
    const bodies = backend(callsTool('call_form', 'ask_user', '{"q":"Name?"}'), answers('Hi Ada.'))
    const chat = client({ tools: { ask_user: {} } })
    await chat.send('Greet me')
    expect(chat.getSnapshot().status).toBe('ready')
    expect(callIn(chat.getSnapshot(), 'call_form')?.state).toBe('input-available')
    expect(bodies).toHaveLength(1)
    expect(chat.addToolResult({ toolCallId: 'call_form', output: { name: 'Ada' } })).toEqual({ ok: true })
    await until(() => bodies.length === 2 && chat.getSnapshot().status === 'ready')
    expect(wireCall(bodies[1]!, 'call_form')).toMatchObject({ state: 'output-available', result: { name: 'Ada' } })
  })

  it('continues only once every call of the step has a result', async () => {
    const twoCalls = sequenced([{ type: 'start', streamId: 's' }, ...toolCall('a', 'auto', '{}'), ...toolCall('b', 'manual', '{}'), { type: 'done', finishReason: 'tool-calls' }])
    const bodies = backend(twoCalls, answers('Both done.'))
    const chat = client({ tools: { auto: { execute: async () => 'A' } } })
    await chat.send('Two')
    expect(callIn(chat.getSnapshot(), 'a')?.state).toBe('output-available')
    expect(bodies).toHaveLength(1)
    chat.addToolResult({ toolCallId: 'b', errorText: 'User closed the form' })
    await until(() => bodies.length === 2 && chat.getSnapshot().status === 'ready')
    expect(wireCall(bodies[1]!, 'b')).toMatchObject({ state: 'output-error', errorText: 'User closed the form' })
  })

  it('bad input: unknown ids, invalid JSON arguments, a throwing or unserialisable tool and a 5xx continuation never throw', async () => {
    const step = sequenced([
      { type: 'start', streamId: 's' },
      ...toolCall('bad_json', 'echo', '{"a": tru'),
      ...toolCall('throws', 'boom', '{}'),
      ...toolCall('cyclic', 'cycle', '{}'),
      { type: 'done', finishReason: 'tool-calls' },
    ])
    const bodies = backend(step, () => new HttpResponse('upstream down', { status: 503 }))
    let echoed = 0
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    const chat = client({
      tools: {
        echo: { execute: () => ++echoed },
        boom: {
          execute: () => {
            throw new Error('GPS unavailable')
          },
        },
        cycle: { execute: () => cyclic },
      },
    })
    await chat.send('Try')
    expect(chat.addToolResult({ toolCallId: 'nope', output: 1 })).toEqual({ ok: false, problem: 'There is no tool call with id "nope".' })
    expect(chat.respondToApproval({ toolCallId: 'throws', approved: true }).ok).toBe(false)
    const state = chat.getSnapshot()
    expect(echoed).toBe(0)
    expect(callIn(state, 'bad_json')).toMatchObject({ state: 'output-error', errorText: expect.stringMatching(/not valid JSON, so echo was not run/) })
    expect(callIn(state, 'throws')).toMatchObject({ state: 'output-error', errorText: 'GPS unavailable' })
    expect(callIn(state, 'cyclic')).toMatchObject({ state: 'output-error', errorText: expect.stringMatching(/could not be sent to the model/) })
    // The continuation went out and failed: the error is shown in the turn, the calls stay.
    expect(bodies).toHaveLength(2)
    expect(state.status).toBe('error')
    expect(state.error).toMatchObject({ code: 'http', status: 503 })
    expect(assistantOf(state).parts.filter((p) => p.type === 'tool-call')).toHaveLength(3)
  })
})
