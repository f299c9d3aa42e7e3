import { describe, expect, it, vi } from 'vitest'
import type { ChatEvent } from '../../protocol/events.ts'
import { createChatStore } from '../chat-store.ts'
import { syncScheduler } from '../frame-scheduler.ts'
import { createMemoryTransport } from '../transports/memory-transport.ts'
import type { SendRequest } from '../transports/transport.ts'
import { beginTurn } from '../turn.ts'
import { createMetricsProbe } from './metrics-probe.ts'
import { fanOut, type ClientProbe } from './probe.ts'
import { createTurnRunner, type TurnRunnerOptions } from './turn-runner.ts'

const user = { id: 'u1', role: 'user' as const, parts: [{ type: 'text' as const, text: 'Hi' }] }

function setup(respond: (request: SendRequest, index: number) => ChatEvent[], extra: Partial<TurnRunnerOptions> = {}, probes: ClientProbe[] = []) {
  const store = createChatStore({ scheduler: syncScheduler })
  const sends: SendRequest[] = []
  const transport = createMemoryTransport({ respond: (request) => respond(request, sends.push(request) - 1) })
  const metrics = createMetricsProbe({ scheduler: syncScheduler })
  const runner = createTurnRunner({
    store,
    transport,
    probe: fanOut([metrics, ...probes]),
    metrics: metrics.metrics,
    callbacks: () => ({}),
    format: 'rivulet',
    retry: { maxRetries: 0, maxRetryAfterMs: 0 },
    maxReconnects: 0,
    firstTokenTimeoutMs: 0,
    idleTimeoutMs: 0,
    autoResume: false,
    ...extra,
  })
  store.update((state) => beginTurn(state, { userMessage: user, assistantId: 'a1' }))
  return { store, sends, runner }
}

describe('createTurnRunner', () => {
  it('runs the steps nextStep asks for within one turn, and resolves after the last', async () => {
    const nextStep = vi.fn<NonNullable<TurnRunnerOptions['nextStep']>>((_done, state) =>
      state.messages.at(-1)!.parts.length < 2 ? { kind: 'send', messages: [user] } : undefined,
    )
    const { store, sends, runner } = setup(
      (_request, index) =>
        index === 0
          ? [
              { type: 'start', seq: 0, streamId: 's' },
              { type: 'tool_call_start', seq: 1, id: 't', name: 'f' },
              { type: 'done', seq: 2 },
            ]
          : // The second step is a new stream (seq from 0) into the same assistant message.
            [
              { type: 'start', seq: 0, streamId: 's2' },
              { type: 'token', seq: 1, content: 'after the tool' },
              { type: 'done', seq: 2 },
            ],
      { nextStep },
    )
    await runner.run({ kind: 'send', messages: [user] })
    expect(sends).toHaveLength(2)
    expect(nextStep).toHaveBeenCalledTimes(2)
    const state = store.getState()
    expect(state.messages.map((m) => m.role)).toEqual(['user', 'assistant'])
    expect(state.messages.at(-1)!.parts.map((p) => p.type)).toEqual(['tool-call', 'text'])
    expect(state.status).toBe('ready')
    expect(state.stream).toMatchObject({ streamId: 's2', messageId: 'a1', lastSeq: 2 })
  })

  it('reports the turn once to every probe, through the fan-out', async () => {
    const a = { event: vi.fn(), end: vi.fn() }
    const b = { end: vi.fn() }
    const { runner } = setup(
      () => [
        { type: 'start', seq: 0, streamId: 's' },
        { type: 'token', seq: 1, content: 'x' },
        { type: 'done', seq: 2 },
      ],
      {},
      [a, b],
    )
    await runner.run({ kind: 'send', messages: [user] })
    expect(a.event).toHaveBeenCalledTimes(3)
    expect(a.end).toHaveBeenCalledOnce()
    expect(a.end.mock.calls[0]![0]).toMatchObject({ type: 'finished', event: { type: 'done' } })
    expect(b.end).toHaveBeenCalledOnce()
  })
})
