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
    callbacks: { onEvent() {}, onStepFinish() {}, onError() {} },
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
