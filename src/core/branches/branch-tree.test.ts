import { describe, expect, it, vi } from 'vitest'
import type { ChatMessage } from '../state.ts'
import { BranchError } from './branch-error.ts'
import {
  activePath,
  activePathIds,
  addSibling,
  appendMessage,
  branchTreeFromMessages,
  emptyBranchTree,
  getBranches,
  pathTo,
  reconcilePath,
  removeMessage,
  switchBranch,
  syncPath,
  type BranchTree,
} from './branch-tree.ts'

const user = (id: string, text = id): ChatMessage => ({ id, role: 'user', parts: [{ type: 'text', text }] })
const answer = (id: string, text = id): ChatMessage => ({ id, role: 'assistant', parts: [{ type: 'text', text }] })

function thrown(fn: () => unknown): BranchError {
  try {
    fn()
  } catch (error) {
    if (error instanceof BranchError) return error
    throw error
  }
  throw new Error('expected a BranchError')
}

/** u1 → a1 | a1b (regenerated, showing) → u2 under a1b. */
function forked(): BranchTree {
  let tree = branchTreeFromMessages([user('u1'), answer('a1')])
  tree = addSibling(tree, 'a1', answer('a1b'))
  return appendMessage(tree, 'a1b', user('u2'))
}

describe('branch tree', () => {
  it('holds initial messages as one straight path', () => {
    const messages = [user('u1'), answer('a1'), user('u2'), answer('a2')]
    const tree = branchTreeFromMessages(messages)
    expect(activePath(tree)).toEqual(messages)
    expect(getBranches(tree, 'a1')).toEqual({ index: 0, count: 1 })
    expect(branchTreeFromMessages([])).toBe(emptyBranchTree)
  })

  it('a regenerated answer becomes a sibling that shows, the old one is kept', () => {
    let tree = branchTreeFromMessages([user('u1'), answer('a1')])
    tree = addSibling(tree, 'a1', answer('a1b'))
    expect(activePathIds(tree)).toEqual(['u1', 'a1b'])
    expect(getBranches(tree, 'a1')).toEqual({ index: 0, count: 2 })
    expect(getBranches(tree, 'a1b')).toEqual({ index: 1, count: 2 })
    expect(tree.nodes.a1?.message).toEqual(answer('a1'))
  })

  it('an edited first prompt is a sibling among the roots', () => {
    let tree = branchTreeFromMessages([user('u1'), answer('a1')])
    tree = addSibling(tree, 'u1', user('u1b', 'edited'))
    tree = appendMessage(tree, 'u1b', answer('a2'))
    expect(activePathIds(tree)).toEqual(['u1b', 'a2'])
    expect(getBranches(tree, 'u1b')).toEqual({ index: 1, count: 2 })
    expect(activePathIds(switchBranch(tree, 'u1b', 0))).toEqual(['u1', 'a1'])
  })

  it('switching a fork shows the path that was showing below it last time', () => {
    let tree = forked()
    tree = appendMessage(tree, 'u2', answer('a2'))
    expect(activePathIds(tree)).toEqual(['u1', 'a1b', 'u2', 'a2'])
    const back = switchBranch(tree, 'a1b', 0)
    expect(activePathIds(back)).toEqual(['u1', 'a1'])
    expect(activePathIds(switchBranch(back, 'a1', 1))).toEqual(['u1', 'a1b', 'u2', 'a2'])
  })

  it('switching only changes the fork: every other node keeps its identity', () => {
    const tree = forked()
    const next = switchBranch(tree, 'a1b', 0)
    expect(next.nodes.a1).toBe(tree.nodes.a1)
    expect(next.nodes.u2).toBe(tree.nodes.u2)
    expect(next.nodes.u1).not.toBe(tree.nodes.u1)
    expect(switchBranch(tree, 'a1b', 1)).toBe(tree)
  })

  it('refuses an index out of range and an unknown message with typed errors', () => {
    const tree = forked()
    expect(thrown(() => switchBranch(tree, 'a1', 2))).toMatchObject({ code: 'out_of_range', messageId: 'a1' })
    expect(thrown(() => switchBranch(tree, 'a1', -1)).code).toBe('out_of_range')
    expect(thrown(() => switchBranch(tree, 'a1', 0.5)).code).toBe('out_of_range')
    expect(thrown(() => switchBranch(tree, 'gone', 0))).toMatchObject({ code: 'unknown_message', messageId: 'gone' })
    expect(thrown(() => addSibling(tree, 'gone', answer('x'))).code).toBe('unknown_message')
    expect(thrown(() => appendMessage(tree, 'gone', answer('x'))).code).toBe('unknown_message')
    expect(thrown(() => appendMessage(tree, 'u1', answer('a1'))).code).toBe('duplicate_message')
    expect(thrown(() => branchTreeFromMessages([user('u1'), user('u1')])).code).toBe('duplicate_message')
    expect(getBranches(tree, 'gone')).toBeUndefined()
    expect(thrown(() => pathTo(tree, 'gone')).code).toBe('unknown_message')
  })

  it('gives the history before any message, also on a branch that is not showing', () => {
    const tree = switchBranch(forked(), 'a1b', 0)
    expect(pathTo(tree, 'u2').map((m) => m.id)).toEqual(['u1', 'a1b', 'u2'])
    expect(pathTo(tree, 'a1').map((m) => m.id)).toEqual(['u1', 'a1'])
  })

  it('removes a message with everything after it and shows the previous alternative', () => {
    const tree = removeMessage(forked(), 'a1b')
    expect(activePathIds(tree)).toEqual(['u1', 'a1'])
    expect(tree.nodes.u2).toBeUndefined()
    expect(getBranches(tree, 'a1')).toEqual({ index: 0, count: 1 })
    const alone = removeMessage(branchTreeFromMessages([user('u1'), answer('a1')]), 'a1')
    expect(activePathIds(alone)).toEqual(['u1'])
    expect(alone.nodes.u1?.activeChildId).toBeUndefined()
    expect(removeMessage(alone, 'nope')).toBe(alone)
    const kept = removeMessage(switchBranch(forked(), 'a1b', 0), 'a1b')
    expect(activePathIds(kept)).toEqual(['u1', 'a1'])
  })

  it('writes live messages back, touching only those that changed', () => {
    const tree = forked()
    const messages = activePath(tree)
    expect(syncPath(tree, messages)).toBe(tree)
    const streamed = { ...messages[2]!, parts: [{ type: 'text' as const, text: 'longer' }] }
    const synced = syncPath(tree, [messages[0]!, messages[1]!, streamed])
    expect(synced.nodes.u2?.message).toBe(streamed)
    expect(synced.nodes.u1).toBe(tree.nodes.u1)
    expect(synced.nodes.a1).toBe(tree.nodes.a1)
  })

  it('refuses to sync messages that are not the active path', () => {
    const tree = forked()
    const path = activePath(tree)
    expect(thrown(() => syncPath(tree, [path[0]!, answer('a1'), path[2]!])).code).toBe('path_mismatch')
    expect(thrown(() => syncPath(tree, path.slice(0, 2))).code).toBe('path_mismatch')
    expect(thrown(() => syncPath(tree, [...path, answer('new')])).code).toBe('path_mismatch')
  })

  it('survives a JSON round trip with every fork intact', () => {
    const tree = switchBranch(forked(), 'a1b', 0)
    const restored = JSON.parse(JSON.stringify(tree)) as BranchTree
    expect(restored).toEqual(tree)
    expect(activePathIds(switchBranch(restored, 'a1', 1))).toEqual(['u1', 'a1b', 'u2'])
  })

  it('stops walking a hand-made cycle instead of hanging', () => {
    const a = answer('a')
    const cyclic: BranchTree = {
      rootIds: ['a'],
      activeRootId: 'a',
      nodes: { a: { message: a, parentId: 'a', childIds: ['a'], activeChildId: 'a' } },
    }
    expect(activePathIds(cyclic)).toEqual(['a'])
    expect(pathTo(cyclic, 'a')).toEqual([a])
  })
})

describe('reconcilePath', () => {
  it('returns the same tree when the path is unchanged', () => {
    const tree = forked()
    expect(reconcilePath(tree, activePath(tree))).toBe(tree)
  })

  it('appends a new turn after the last message and stores live content', () => {
    const tree = forked()
    const path = activePath(tree)
    const streamed = { ...path[2]!, parts: [{ type: 'text' as const, text: 'edited live' }] }
    const next = reconcilePath(tree, [path[0]!, path[1]!, streamed, answer('a2')])
    expect(activePathIds(next)).toEqual(['u1', 'a1b', 'u2', 'a2'])
    expect(next.nodes.u2?.message).toBe(streamed)
    expect(next.nodes.a1).toBe(tree.nodes.a1)
  })

  it('follows a shorter or switched path and keeps every other branch', () => {
    const tree = forked()
    const shorter = reconcilePath(tree, [user('u1'), tree.nodes.a1!.message])
    expect(activePathIds(shorter)).toEqual(['u1', 'a1'])
    expect(shorter.nodes.u2).toBeDefined()
    expect(getBranches(shorter, 'a1')).toEqual({ index: 0, count: 2 })
    const cut = reconcilePath(tree, [tree.nodes.u1!.message])
    expect(activePathIds(cut)).toEqual(['u1'])
    expect(activePathIds(reconcilePath(tree, []))).toEqual([])
  })

  it('builds a whole thread given without a tree as one straight path, the same as appending one by one', () => {
    const messages = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? user(`u${i}`) : answer(`a${i}`)))
    const whole = reconcilePath(emptyBranchTree, messages)
    let oneByOne = emptyBranchTree
    for (let i = 0; i < messages.length; i++) oneByOne = appendMessage(oneByOne, messages[i - 1]?.id, messages[i]!)
    expect(whole).toEqual(oneByOne)
    expect(activePath(whole)).toEqual(messages)
  })

  it('copies the node record once however many messages changed, and leaves the given tree as it was', async () => {
    // A fresh branch-tree.ts whose id-record.ts counts the copies (the setup file loaded the real one).
    const copies = vi.fn()
    vi.resetModules()
    vi.doMock('./id-record.ts', async (importOriginal) => {
      const real = await importOriginal<typeof import('./id-record.ts')>()
      return { ...real, copyIdRecord: (...args: Parameters<typeof real.copyIdRecord>) => (copies(), real.copyIdRecord(...args)) }
    })
    const counted = await import('./branch-tree.ts')
    vi.doUnmock('./id-record.ts')
    const messages = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? user(`u${i}`) : answer(`a${i}`)))
    const tree = counted.addSibling(counted.branchTreeFromMessages(messages), 'a19', answer('a19b'))
    const before = structuredClone(tree)
    // Every message's content changed, the last fork switched back, and two new messages follow.
    const live = [...messages.map((m) => ({ ...m, parts: [{ type: 'text' as const, text: `${m.id} live` }] })), user('u20'), answer('a21')]
    copies.mockClear()
    const next = counted.reconcilePath(tree, live)
    expect(copies).toHaveBeenCalledTimes(1)
    expect(activePath(next)).toEqual(live)
    expect(getBranches(next, 'a19')).toEqual({ index: 0, count: 2 })
    expect(tree).toEqual(before)
    expect(activePath(tree)).toEqual([...messages.slice(0, -1), tree.nodes.a19b!.message])
  })

  it('moves a message that a caller put somewhere else', () => {
    const tree = forked()
    const moved = reconcilePath(tree, [tree.nodes.u1!.message, tree.nodes.u2!.message])
    expect(activePathIds(moved)).toEqual(['u1', 'u2'])
    expect(moved.nodes.u2?.parentId).toBe('u1')
    expect(moved.nodes.a1b?.childIds).toEqual([])
  })
})
