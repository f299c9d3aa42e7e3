import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { activePathIds } from '../branches/branch-tree.ts'
import { applySwitchBranch, prepareRegenerate } from '../branches/branch-turns.ts'
import { createChatStore } from '../chat-store.ts'
import { syncScheduler } from '../frame-scheduler.ts'
import type { ChatMessage } from '../state.ts'
import { beginTurn, stopTurn } from '../turn.ts'
import { createLocalStoragePersistence } from './local-storage-persistence.ts'
import { createSessionCursorStore, type ActiveStreamCursor } from './stream-cursor-store.ts'
import { attachThreadSync } from './thread-sync.ts'
import type { ThreadPersistence, ThreadRecord } from './thread-record.ts'

const prompt = (id: string, text: string): ChatMessage => ({ id, role: 'user', parts: [{ type: 'text', text }] })

function setup(persistence: ThreadPersistence = createLocalStoragePersistence(), page = new EventTarget()) {
  const store = createChatStore({ scheduler: syncScheduler })
  const onError = vi.fn()
  const sync = attachThreadSync(store, { threadId: 't1', persistence, cursorStore: createSessionCursorStore(), onError, page: page as never })
  return { store, sync, onError, page, persistence }
}

function streamTurn(store: ReturnType<typeof createChatStore>, userId: string, assistantId: string, text: string) {
  store.update((s) => beginTurn(s, { userMessage: prompt(userId, 'Longest river?'), assistantId }))
  store.dispatch({ type: 'start', seq: 0, streamId: `s-${assistantId}` })
  for (const [i, word] of text.split(' ').entries()) store.dispatch({ type: 'token', seq: i + 1, content: i === 0 ? word : ` ${word}` })
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => {
  vi.useRealTimers()
  localStorage.clear()
  sessionStorage.clear()
})

describe('attachThreadSync', () => {
  it('saves the prompt when a turn starts and the whole tree when it settles, never per token', async () => {
    const persistence = createLocalStoragePersistence()
    const save = vi.spyOn(persistence, 'save')
    const { store, sync } = setup(persistence)
    await sync.load()
    streamTurn(store, 'u1', 'a1', 'The Nile is long')
    await vi.advanceTimersByTimeAsync(1000)
    expect(save).toHaveBeenCalledTimes(1)
    expect(activePathIds(save.mock.calls[0]![1].tree)).toEqual(['u1', 'a1'])
    for (let seq = 10; seq < 200; seq++) store.dispatch({ type: 'token', seq, content: '.' })
    await vi.advanceTimersByTimeAsync(1000)
    expect(save).toHaveBeenCalledTimes(1)
    store.dispatch({ type: 'done', seq: 200 })
    await vi.advanceTimersByTimeAsync(1000)
    expect(save).toHaveBeenCalledTimes(2)
    const stored = (await persistence.load('t1'))!
    expect(stored.title).toBe('Longest river?')
    expect(stored.tree.nodes.a1!.message.parts[0]).toMatchObject({ type: 'text', text: expect.stringMatching(/^The Nile is long\.+$/) })
  })

  it('saves branch switches and a reloaded chat shows the same branches', async () => {
    const { store, sync } = setup()
    await sync.load()
    streamTurn(store, 'u1', 'a1', 'Nile')
    store.dispatch({ type: 'done', seq: 9 })
    store.update((s) => prepareRegenerate(s, 'a1', 'a1b').state)
    store.dispatch({ type: 'token', seq: 0, content: 'Amazon' })
    store.dispatch({ type: 'done', seq: 1 })
    store.update((s) => applySwitchBranch(s, 'a1b', 0))
    await vi.advanceTimersByTimeAsync(1000)

    const reloaded = setup()
    expect(reloaded.sync.load()).toBeUndefined() // synchronous with localStorage: no empty first render
    expect(reloaded.store.getState().messages.map((m) => m.id)).toEqual(['u1', 'a1'])
    reloaded.store.update((s) => applySwitchBranch(s, 'a1', 1))
    expect(reloaded.store.getState().messages.at(-1)!.parts).toEqual([{ type: 'text', text: 'Amazon' }])
  })

  it('opening a stored thread shows it without writing it back; the next change is saved', async () => {
    const first = setup()
    await first.sync.load()
    streamTurn(first.store, 'u1', 'a1', 'The Nile')
    first.store.dispatch({ type: 'done', seq: 9 })
    await vi.advanceTimersByTimeAsync(1000)
    first.sync.detach()

    const persistence = createLocalStoragePersistence()
    const save = vi.spyOn(persistence, 'save')
    const reopened = setup(persistence)
    reopened.sync.load()
    expect(reopened.store.getState().messages.map((m) => m.id)).toEqual(['u1', 'a1'])
    await vi.advanceTimersByTimeAsync(2000)
    expect(save).not.toHaveBeenCalled()
    reopened.store.update((s) => prepareRegenerate(s, 'a1', 'a1b').state)
    reopened.store.dispatch({ type: 'done', seq: 0 })
    await vi.advanceTimersByTimeAsync(1000)
    expect(save).toHaveBeenCalled()
  })

  it('keeps the stream cursor with the partial answer when the page goes away, and clears it when the turn settles', async () => {
    const { store, sync, page } = setup()
    await sync.load()
    streamTurn(store, 'u1', 'a1', 'Half an')
    page.dispatchEvent(new Event('pagehide'))
    await vi.advanceTimersByTimeAsync(0)
    const reloaded = setup()
    const cursor = reloaded.sync.load() as ActiveStreamCursor
    expect(cursor).toMatchObject({ threadId: 't1', streamId: 's-a1', messageId: 'a1', lastSeq: 2 })
    expect(cursor.message.parts).toEqual([{ type: 'text', text: 'Half an' }])
    expect(reloaded.store.getState().messages.map((m) => m.id)).toEqual(['u1', 'a1'])

    store.update(stopTurn)
    expect(createSessionCursorStore().load('t1')).toBeUndefined()
  })

  it('writes the settled answer when the page goes away before the save was due', async () => {
    const { store, sync, page } = setup()
    await sync.load()
    streamTurn(store, 'u1', 'a1', 'The whole answer')
    store.dispatch({ type: 'done', seq: 9 })
    // A reload at once: the debounced save has not run and the cursor is already cleared.
    page.dispatchEvent(new Event('pagehide'))
    await vi.advanceTimersByTimeAsync(0)
    const reloaded = setup()
    expect(reloaded.sync.load()).toBeUndefined()
    expect(reloaded.store.getState().messages.at(-1)!.parts).toEqual([{ type: 'text', text: 'The whole answer' }])
  })

  it('refuses a corrupt or future thread, shows the error and never overwrites it', async () => {
    localStorage.setItem('rivulet:thread:t1', JSON.stringify({ version: 99, id: 't1' }))
    const { store, sync, onError } = setup()
    expect(sync.load()).toBeUndefined()
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'version_too_new' }))
    expect(sync.status.getSnapshot().error?.code).toBe('version_too_new')
    streamTurn(store, 'u1', 'a1', 'fresh')
    store.dispatch({ type: 'done', seq: 9 })
    await vi.advanceTimersByTimeAsync(1000)
    expect(JSON.parse(localStorage.getItem('rivulet:thread:t1')!).version).toBe(99)
    expect(store.getState().messages).toHaveLength(2)
  })

  it('reports a full storage and keeps the thread in memory; the next save retries', async () => {
    let full = true
    const saved: ThreadRecord[] = []
    const persistence: ThreadPersistence = {
      load: () => undefined,
      save: (_id, thread) => {
        if (full) throw new DOMException('full', 'QuotaExceededError')
        saved.push(thread)
      },
    }
    const { store, sync, onError } = setup(persistence)
    await sync.load()
    streamTurn(store, 'u1', 'a1', 'kept')
    store.dispatch({ type: 'done', seq: 9 })
    await vi.advanceTimersByTimeAsync(1000)
    expect(onError).toHaveBeenCalled()
    expect(sync.status.getSnapshot().error).toBeDefined()
    expect(store.getState().messages.map((m) => m.id)).toEqual(['u1', 'a1'])
    full = false
    streamTurn(store, 'u2', 'a2', 'again')
    store.dispatch({ type: 'done', seq: 9 })
    await vi.advanceTimersByTimeAsync(1000)
    expect(activePathIds(saved.at(-1)!.tree)).toEqual(['u1', 'a1', 'u2', 'a2'])
    expect(sync.status.getSnapshot().error).toBeUndefined()
  })

  it('loads an async adapter without replacing a turn the user already started', async () => {
    let resolve: (record: ThreadRecord | undefined) => void = () => {}
    const { store, sync } = setup({ load: () => new Promise((r) => (resolve = r)), save: () => {} })
    const loading = sync.load()
    streamTurn(store, 'u9', 'a9', 'mine')
    resolve(undefined)
    expect(await loading).toBeUndefined()
    expect(store.getState().messages.map((m) => m.id)).toEqual(['u9', 'a9'])
  })
})
