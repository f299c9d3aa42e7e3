import { describe, expect, it } from 'vitest'
import { heldChunk } from '../../../test/support/held-chunk.ts'
import { branchOps } from '../branches/branch-chunk.ts'
import { syncScheduler } from '../frame-scheduler.ts'
import type { ChatMessage } from '../state.ts'
import { createStateStore } from '../state-store.ts'
import type { TurnStep } from './turn-runner.ts'
import { createThreadActions } from './thread-actions.ts'

/*
 * The branch tree (regenerate, edit, switch, retry's tree upkeep) is a chunk the client starts
 * loading when it is made. A chat without a tree answers branch questions without it, exactly as
 * the tree would; a regenerate or edit asked for before it lands waits for it; one whose chunk
 * cannot load changes nothing and is reported to the chat.
 */

const messages: ChatMessage[] = [
  { id: 'u0', role: 'user', parts: [{ type: 'text', text: 'Longest river?' }] },
  { id: 'a0', role: 'assistant', parts: [{ type: 'text', text: 'The Nile.' }] },
]

function setup(branches = heldChunk(() => import('../branches/branch-ops.ts')).chunk) {
  const store = createStateStore({ scheduler: syncScheduler, initialState: { messages, status: 'ready', error: undefined, stream: undefined } })
  const requests: TurnStep[] = []
  const failures: unknown[] = []
  let n = 0
  const actions = createThreadActions({
    store,
    generateId: () => `id${n++}`,
    destroyed: () => false,
    request: async (step) => void requests.push(step),
    stop: () => {},
    failLoad: (cause) => failures.push(cause),
    branches,
  })
  return { store, actions, requests, failures }
}

describe('branches from their own chunk', () => {
  it('before it lands, getBranches and switchBranch answer as the tree would for a chat without one', async () => {
    const held = heldChunk(() => import('../branches/branch-ops.ts'))
    const early = setup(held.chunk)
    const loaded = setup(branchOps)
    await branchOps.load()
    expect(held.chunk.current()).toBeUndefined()
    for (const id of ['u0', 'a0', 'nope']) expect(early.actions.getBranches(id)).toEqual(loaded.actions.getBranches(id))
    expect(early.actions.getBranches('a0')).toEqual({ index: 0, count: 1 })
    expect(early.actions.getBranches('nope')).toBeUndefined()
    for (const [id, index] of [['a0', 0], ['a0', 1], ['a0', 0.5], ['nope', 0]] as const) {
      const before = early.actions.switchBranch(id, index)
      const after = loaded.actions.switchBranch(id, index)
      expect(before.ok).toBe(after.ok)
      if (!before.ok && !after.ok) expect([before.error.code, before.error.message]).toEqual([after.error.code, after.error.message])
    }
    expect(early.store.getState().messages).toBe(messages)
  })

  it('a regenerate asked for before it lands waits for it, then makes the branch and sends the history', async () => {
    const held = heldChunk(() => import('../branches/branch-ops.ts'))
    const { actions, store, requests } = setup(held.chunk)
    const result = actions.regenerate('a0')
    const attempt = await held.started(1)
    expect(requests).toEqual([])
    attempt.release()
    expect(await result).toEqual({ ok: true })
    expect(requests).toEqual([{ kind: 'send', messages: [messages[0]] }])
    expect(store.getState().messages.map((m) => m.id)).toEqual(['u0', 'id0'])
    expect(actions.getBranches('id0')).toEqual({ index: 1, count: 2 })
  })

  it('a chunk that cannot load changes nothing and is reported to the chat; the next regenerate loads again', async () => {
    const held = heldChunk(() => import('../branches/branch-ops.ts'))
    const { actions, store, requests, failures } = setup(held.chunk)
    ;(await held.started(1)).fail(new Error('Failed to fetch dynamically imported module'))
    // The client's own early load failed quietly; a failed attempt is forgotten once it settles.
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(failures).toEqual([])
    const result = actions.edit('u0', 'Longest lake?')
    ;(await held.started(2)).fail(new Error('offline'))
    await result
    expect(failures.map((e) => (e as Error).message)).toEqual(['offline'])
    expect(requests).toEqual([])
    expect(store.getState().messages).toBe(messages)
    const again = actions.edit('u0', 'Longest lake?')
    ;(await held.started(3)).release()
    expect(await again).toEqual({ ok: true })
    expect(requests).toHaveLength(1)
  })
})
