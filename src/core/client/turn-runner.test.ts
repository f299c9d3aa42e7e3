import { describe, expect, it, vi } from 'vitest'
import type { ChatEvent } from '../../protocol/events.ts'
import { createMemoryTransport } from '../transports/memory-transport.ts'
import type { SendRequest } from '../transports/transport.ts'
import { beginTurn } from '../turn.ts'
import type { ClientProbe } from './probe.ts'
import type { TurnRunnerOptions } from './turn-runner.ts'
import { createTestTurnRunner } from '../../../test/support/turn-runner.ts'

const user = { id: 'u1', role: 'user' as const, parts: [{ type: 'text' as const, text: 'Hi' }] }

function setup(respond: (request: SendRequest, index: number) => ChatEvent[], extra: Partial<TurnRunnerOptions> = {}, probes: ClientProbe[] = []) {
  const sends: SendRequest[] = []
  const transport = createMemoryTransport({ respond: (request) => respond(request, sends.push(request) - 1) })
  const { store, runner } = createTestTurnRunner(transport, extra, probes)
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
