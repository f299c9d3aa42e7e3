import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { appendMessage, branchTreeFromMessages, removeMessage, type BranchTree } from '../branches/branch-tree.ts'
import { createChatStore } from '../chat-store.ts'
import { syncScheduler } from '../frame-scheduler.ts'
import type { ChatMessage } from '../state.ts'
import { beginTurn } from '../turn.ts'
import { createLocalStoragePersistence } from './local-storage-persistence.ts'
import { PersistenceError } from './persistence-error.ts'
import { createSessionCursorStore } from './stream-cursor-store.ts'
import { attachThreadSync } from './thread-sync.ts'
import { headText, readSplitThread } from './split-layout.ts'
import { createThreadSaver } from './thread-saver.ts'
import { THREAD_RECORD_VERSION, type ThreadRecord } from './thread-record.ts'

const text = (id: string, role: ChatMessage['role'], body = `${id} text`): ChatMessage => ({ id, role, parts: [{ type: 'text', text: body }] })
const conversation = (turns: number, from = 0): ChatMessage[] =>
  Array.from({ length: turns }, (_, i) => [text(`u${from + i}`, 'user'), text(`a${from + i}`, 'assistant', `answer ${from + i} `.repeat(20))]).flat()
const record = (tree: BranchTree, id = 't1', updatedAt = 2): ThreadRecord => ({ version: THREAD_RECORD_VERSION, id, title: 'Rivers', createdAt: 1, updatedAt, tree })

/** The storage's message keys (everything a thread stores besides its head and the index). */
const messageKeys = () => Object.keys(localStorage).filter((key) => key.startsWith('rivulet:message:'))

function thrownBy(fn: () => unknown): PersistenceError {
  try {
    fn()
  } catch (error) {
    if (error instanceof PersistenceError) return error
    throw error
  }
  throw new Error('expected a PersistenceError')
}

/** Counts writes per kind of key. */
function countWrites() {
  const setItem = vi.spyOn(Storage.prototype, 'setItem')
  return {
    messages: () => setItem.mock.calls.filter(([key]) => String(key).startsWith('rivulet:message:')).length,
    heads: () => setItem.mock.calls.filter(([key]) => String(key).startsWith('rivulet:thread:')).length,
    reset: () => setItem.mockClear(),
  }
}

beforeEach(() => localStorage.clear())
afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
  localStorage.clear()
  sessionStorage.clear()
})

describe('createLocalStoragePersistence, one key per message', () => {
  it('writes only the messages it has not stored yet: a finished message is serialised once', () => {
    const persistence = createLocalStoragePersistence()
    const writes = countWrites()
    let tree = branchTreeFromMessages(conversation(50))
    persistence.save('t1', record(tree))
    expect(writes.messages()).toBe(100)
    writes.reset()
    // The next turn: two new messages; the hundred earlier ones are the same objects.
    tree = appendMessage(appendMessage(tree, 'a49', text('u50', 'user')), 'u50', text('a50', 'assistant'))
    persistence.save('t1', record(tree, 't1', 3))
    expect(writes.messages()).toBe(2)
    expect(writes.heads()).toBe(1)
    expect(messageKeys()).toHaveLength(102)
    expect(persistence.load('t1')).toEqual(record(tree, 't1', 3))
  })

  it('frees the keys of messages a save no longer holds', () => {
    const persistence = createLocalStoragePersistence()
    const tree = branchTreeFromMessages(conversation(3))
    persistence.save('t1', record(tree))
    // A changed answer (a new object) and a dropped one.
    const changed = { ...tree, nodes: { ...tree.nodes, a0: { ...tree.nodes.a0!, message: text('a0', 'assistant', 'better') } } }
    persistence.save('t1', record(removeMessage(changed, 'a2')))
    expect(messageKeys()).toHaveLength(5)
    expect((persistence.load('t1') as ThreadRecord).tree.nodes.a0!.message.parts).toEqual([{ type: 'text', text: 'better' }])
    persistence.remove!('t1')
    expect(messageKeys()).toHaveLength(0)
  })

  it('reads a thread stored whole by the previous format and rewrites it split on the next save', () => {
    const tree = branchTreeFromMessages(conversation(4))
    localStorage.setItem('rivulet:thread:t1', JSON.stringify(record(tree)))
    const persistence = createLocalStoragePersistence()
    const loaded = persistence.load('t1') as ThreadRecord
    expect(loaded).toEqual(record(tree))
    expect(persistence.list!()).toEqual([{ id: 't1', title: 'Rivers', createdAt: 1, updatedAt: 2 }])
    persistence.save('t1', loaded)
    expect(JSON.parse(localStorage.getItem('rivulet:thread:t1')!)).toMatchObject({ version: 2, id: 't1' })
    expect(messageKeys()).toHaveLength(8)
    expect(createLocalStoragePersistence().load('t1')).toEqual(record(tree))
  })

  it('loads what it can of a damaged thread: the broken message becomes an error in its place', () => {
    const persistence = createLocalStoragePersistence()
    const tree = branchTreeFromMessages(conversation(3))
    persistence.save('t1', record(tree))
    const head = JSON.parse(localStorage.getItem('rivulet:thread:t1')!)
    localStorage.setItem(`rivulet:message:t1:${head.tree.nodes.a1.key}`, '{"id":"a1","role":"assist')
    localStorage.removeItem(`rivulet:message:t1:${head.tree.nodes.u2.key}`)
    const error = thrownBy(() => createLocalStoragePersistence().load('t1'))
    expect(error.code).toBe('corrupt')
    expect(error.message).toContain('2 of 6 messages could not be read')
    const partial = error.partial!
    expect(partial.tree.nodes.a0!.message).toEqual(tree.nodes.a0!.message)
    expect(partial.tree.nodes.a1!.message).toMatchObject({ id: 'a1', role: 'assistant', parts: [{ type: 'error', resumable: false }] })
    expect(partial.tree.nodes.u2!.message.role).toBe('user')
    expect(partial.tree.nodes.a2!.message).toEqual(tree.nodes.a2!.message)
  })

  it('loads a stored message whose part would break its renderer as an error in its place', () => {
    const persistence = createLocalStoragePersistence()
    const tree = branchTreeFromMessages(conversation(2))
    persistence.save('t1', record(tree))
    const head = JSON.parse(localStorage.getItem('rivulet:thread:t1')!)
    const key = `rivulet:message:t1:${head.tree.nodes.a1.key}`
    const stored = JSON.parse(localStorage.getItem(key)!)
    stored.parts[0].citations = [{ sourceId: 's', start: 0, end: 1e9 }]
    localStorage.setItem(key, JSON.stringify(stored))
    const error = thrownBy(() => createLocalStoragePersistence().load('t1'))
    expect(error.code).toBe('corrupt')
    expect(error.partial!.tree.nodes.a1!.message.parts).toMatchObject([{ type: 'error', resumable: false }])
    expect(error.partial!.tree.nodes.a0!.message).toEqual(tree.nodes.a0!.message)
  })

  it('refuses a newer format with what it can read of it, and a broken head with nothing', () => {
    const persistence = createLocalStoragePersistence()
    persistence.save('t1', record(branchTreeFromMessages(conversation(2))))
    const head = JSON.parse(localStorage.getItem('rivulet:thread:t1')!)
    localStorage.setItem('rivulet:thread:t1', JSON.stringify({ ...head, version: 3, somethingNew: true }))
    const newer = thrownBy(() => persistence.load('t1'))
    expect(newer.code).toBe('version_too_new')
    expect(Object.keys(newer.partial!.tree.nodes)).toEqual(['u0', 'a0', 'u1', 'a1'])
    localStorage.setItem('rivulet:thread:t1', JSON.stringify({ ...head, tree: { ...head.tree, rootIds: ['nope'] } }))
    const broken = thrownBy(() => persistence.load('t1'))
    expect(broken.code).toBe('corrupt')
    expect(broken.partial).toBeUndefined()
  })

  it('gives up a save on a full storage without a trace: the stored thread and its keys stay as they were', () => {
    const persistence = createLocalStoragePersistence()
    persistence.save('t1', record(branchTreeFromMessages(conversation(2))))
    const before = { ...localStorage }
    const tree = branchTreeFromMessages([...conversation(2), text('big', 'user', 'x'.repeat(3_000_000)), text('bigger', 'assistant', 'y'.repeat(3_000_000))])
    expect(thrownBy(() => persistence.prepare!('t1', record(tree), () => 1)).code).toBe('quota')
    expect(thrownBy(() => persistence.save('t1', record(tree))).code).toBe('quota')
    expect({ ...localStorage }).toEqual(before)
  })

  it('keeps each tab whole when two tabs save the same thread in turn', () => {
    const tabA = createLocalStoragePersistence()
    const tabB = createLocalStoragePersistence()
    const first = branchTreeFromMessages(conversation(2))
    tabA.save('t1', record(first))
    const second = appendMessage(first, 'a1', text('u2', 'user'))
    tabB.save('t1', record(second))
    // Tab A does not know tab B replaced its head: it must not rely on keys B freed.
    const third = appendMessage(first, 'a1', text('u9', 'user'))
    tabA.save('t1', record(third))
    expect(createLocalStoragePersistence().load('t1')).toEqual(record(third))
    expect(messageKeys()).toHaveLength(5)
  })
})

describe('headText', () => {
  it('writes the head straight from the tree (version first, tree last), with the keys it names', () => {
    let tree = branchTreeFromMessages(conversation(1))
    const keyOf = (id: string) => `k-${id}`
    const first = headText(record(tree), keyOf)
    expect(first.text).toBe(
      '{"version":2,"id":"t1","createdAt":1,"updatedAt":2,"title":"Rivers","tree":{"rootIds":["u0"],"activeRootId":"u0","nodes":{' +
        '"u0":{"key":"k-u0","role":"user","childIds":["a0"],"activeChildId":"a0"},' +
        '"a0":{"key":"k-a0","role":"assistant","childIds":[],"parentId":"u0"}}}}',
    )
    expect([...first.keys].sort()).toEqual(['k-a0', 'k-u0'])
    // A changed node (a0 has a child now), an unchanged node under a new key (u0), a new node, no title.
    tree = appendMessage(tree, 'a0', text('u1', 'user', '"quoted" \u2028'))
    const next = headText({ ...record(tree), title: undefined } as ThreadRecord, (id) => (id === 'u0' ? 'moved' : keyOf(id)))
    expect(next.text).toBe(
      '{"version":2,"id":"t1","createdAt":1,"updatedAt":2,"tree":{"rootIds":["u0"],"activeRootId":"u0","nodes":{' +
        '"u0":{"key":"moved","role":"user","childIds":["a0"],"activeChildId":"a0"},' +
        '"a0":{"key":"k-a0","role":"assistant","childIds":["u1"],"parentId":"u0","activeChildId":"u1"},' +
        '"u1":{"key":"k-u1","role":"user","childIds":[],"parentId":"a0"}}}}',
    )
    expect([...next.keys].sort()).toEqual(['k-a0', 'k-u1', 'moved'])
  })

  it('writes a head that reads back as the record it was written from', () => {
    const tree = appendMessage(branchTreeFromMessages(conversation(3)), 'u1', text('a1b', 'assistant', '"quoted" \u2028'))
    const messages = new Map(Object.entries(tree.nodes).map(([id, node]) => [`k-${id}`, JSON.stringify(node.message)]))
    const { text: head } = headText(record(tree), (id) => `k-${id}`)
    const read = readSplitThread(JSON.parse(head), 't1', (key) => messages.get(key) ?? null)
    expect(read.broken).toEqual([])
    expect(read.record).toEqual(record(tree))
  })
})

describe('saving in idle slices', () => {
  beforeEach(() => vi.useFakeTimers())

  it('writes a long thread of new messages a slice at a time, then commits the head', async () => {
    let clock = 0
    const persistence = createLocalStoragePersistence()
    const prepare = vi.spyOn(persistence, 'prepare')
    const save = vi.spyOn(persistence, 'save')
    // Every message write "takes" 1 ms: an 8 ms slice writes 8 messages.
    const setItem = Storage.prototype.setItem
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (this: Storage, key: string, value: string) {
      clock += 1
      setItem.call(this, key, value)
    })
    const idle: Array<() => void> = []
    const saver = createThreadSaver({ persistence, delayMs: 10, now: () => clock, whenIdle: (run) => (idle.push(() => run()), () => {}) })
    const tree = branchTreeFromMessages(conversation(20))
    saver.schedule('t1', () => record(tree))
    await vi.advanceTimersByTimeAsync(10)
    let slices = 0
    while (idle.length > 0) {
      const before = clock
      idle.shift()!()
      slices++
      // No slice runs over its budget by more than the one write that crossed it.
      expect(clock - before).toBeLessThanOrEqual(9)
      await vi.advanceTimersByTimeAsync(1)
    }
    expect(slices).toBeGreaterThanOrEqual(5)
    expect(prepare.mock.calls.length).toBeGreaterThanOrEqual(5)
    expect(save).toHaveBeenCalledTimes(1)
    expect(messageKeys()).toHaveLength(40)
    expect(persistence.load('t1')).toEqual(record(tree))
  })

  it('flush writes what is left at once (the page is going away)', async () => {
    let clock = 0
    const persistence = createLocalStoragePersistence()
    const setItem = Storage.prototype.setItem
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (this: Storage, key: string, value: string) {
      clock += 1
      setItem.call(this, key, value)
    })
    const idle: Array<() => void> = []
    const saver = createThreadSaver({ persistence, delayMs: 10, now: () => clock, whenIdle: (run) => (idle.push(() => run()), () => {}) })
    const tree = branchTreeFromMessages(conversation(20))
    saver.schedule('t1', () => record(tree))
    await vi.advanceTimersByTimeAsync(10)
    idle.shift()!()
    expect(messageKeys().length).toBeGreaterThan(0)
    expect(messageKeys().length).toBeLessThan(40)
    await saver.flush()
    expect(persistence.load('t1')).toEqual(record(tree))
    expect(messageKeys()).toHaveLength(40)
  })
})

describe('a damaged stored thread in a chat', () => {
  it('shows what could be read with the error, and never saves over it', async () => {
    vi.useFakeTimers()
    const persistence = createLocalStoragePersistence()
    persistence.save('t1', record(branchTreeFromMessages(conversation(2))))
    const head = JSON.parse(localStorage.getItem('rivulet:thread:t1')!)
    localStorage.removeItem(`rivulet:message:t1:${head.tree.nodes.a0.key}`)
    const stored = { ...localStorage }
    const store = createChatStore({ scheduler: syncScheduler })
    const onError = vi.fn()
    const sync = attachThreadSync(store, { threadId: 't1', persistence: createLocalStoragePersistence(), cursorStore: createSessionCursorStore(), onError, page: new EventTarget() as never })
    expect(sync.load()).toBeUndefined()
    expect(store.getState().messages.map((m) => m.id)).toEqual(['u0', 'a0', 'u1', 'a1'])
    expect(store.getState().messages[1]!.parts[0]).toMatchObject({ type: 'error' })
    expect(sync.status.getSnapshot().error).toMatchObject({ code: 'corrupt' })
    expect(onError).toHaveBeenCalledTimes(1)
    store.update((s) => beginTurn(s, { userMessage: text('u2', 'user'), assistantId: 'a2' }))
    store.dispatch({ type: 'done', seq: 0 })
    await vi.advanceTimersByTimeAsync(5_000)
    await sync.flush()
    expect({ ...localStorage }).toEqual(stored)
  })
})
