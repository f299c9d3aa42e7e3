import { afterEach, describe, expect, it } from 'vitest'
import type { ChatEvent } from '../../protocol/events.ts'
import { destroyTrackedChats, trackChat } from '../../../test/support/chat-cleanup.ts'
import { heldChunk } from '../../../test/support/held-chunk.ts'
import { branchOps } from '../branches/branch-chunk.ts'
import { branchTreeFromMessages } from '../branches/branch-tree.ts'
import { createChatClientWith, type ChatClientOptions } from '../chat-client.ts'
import { chatEngine } from '../client/chat-engine-chunk.ts'
import { syncScheduler } from '../frame-scheduler.ts'
import { messageText } from '../message-text.ts'
import type { ChatMessage } from '../state.ts'
import { createStateStore } from '../state-store.ts'
import { createMemoryTransport } from '../transports/memory-transport.ts'
import { lazyChunk } from '../lazy-chunk.ts'
import { createLocalStoragePersistence } from './local-storage-persistence.ts'
import { attachLazyThreadSync } from './lazy-thread-sync.ts'
import { PersistenceError } from './persistence-error.ts'
import { THREAD_RECORD_VERSION, type ThreadPersistence, type ThreadRecord } from './thread-record.ts'

/*
 * The thread sync (saving, reading and validating stored threads) is a chunk only a chat with
 * an `id` loads, when its client is made. Until it lands the thread says it is loading; a
 * message sent meanwhile comes after the stored thread (in the chat and in the request); a
 * change or a flush asked for meanwhile is saved once it lands; a chunk that cannot load is a
 * persistence error and nothing is saved over the stored copy.
 */

afterEach(async () => {
  await destroyTrackedChats()
  localStorage.clear()
  sessionStorage.clear()
})

const stored: ChatMessage[] = [
  { id: 'u0', role: 'user', parts: [{ type: 'text', text: 'Which river is longest?' }] },
  { id: 'a0', role: 'assistant', parts: [{ type: 'text', text: 'The Nile.' }] },
]
const answer: ChatEvent[] = [
  { type: 'start', seq: 0, streamId: 's' },
  { type: 'token', seq: 1, content: 'The Volga.' },
  { type: 'done', seq: 2 },
]

function storeThread(persistence: ThreadPersistence) {
  const record: ThreadRecord = { version: THREAD_RECORD_VERSION, id: 't1', title: 'Rivers', createdAt: 1, updatedAt: 2, tree: branchTreeFromMessages(stored) }
  return persistence.save('t1', record)
}

function setup(options: ChatClientOptions = {}) {
  const sync = heldChunk(() => import('./thread-sync-module.ts'))
  const persistence = createLocalStoragePersistence()
  const requests: string[][] = []
  const transport = createMemoryTransport({
    respond: (request) => {
      requests.push(request.messages.map(messageText))
      return answer
    },
  })
  const errors: PersistenceError[] = []
  const chat = trackChat(
    createChatClientWith(
      { id: 't1', persistence, transport, scheduler: syncScheduler, saveDelayMs: 0, onPersistenceError: (e) => errors.push(e), ...options },
      chatEngine,
      sync.chunk,
    ),
  )
  return { chat, sync, persistence, requests, errors }
}

const texts = (messages: ChatMessage[]) => messages.map(messageText)

describe('the thread sync loads in a chunk of its own', () => {
  it('says the thread is loading until the chunk lands, then shows the stored thread', async () => {
    await storeThread(createLocalStoragePersistence())
    const { chat, sync } = setup()
    expect(chat.thread!.getSnapshot()).toMatchObject({ threadId: 't1', loaded: false, error: undefined })
    expect(chat.getSnapshot().messages).toEqual([])
    ;(await sync.started(1)).release()
    await chat['~flushThread']()
    expect(chat.thread!.getSnapshot()).toMatchObject({ loaded: true, error: undefined })
    expect(texts(chat.getSnapshot().messages)).toEqual(['Which river is longest?', 'The Nile.'])
  })

  it('with the chunk already in, a synchronous adapter’s thread is in the client at once, as before', async () => {
    await storeThread(createLocalStoragePersistence())
    const first = setup()
    ;(await first.sync.started(1)).release()
    await first.chat['~flushThread']()
    const again = trackChat(createChatClientWith({ id: 't1', persistence: createLocalStoragePersistence(), scheduler: syncScheduler }, chatEngine, first.sync.chunk))
    expect(again.thread!.getSnapshot().loaded).toBe(true)
    expect(texts(again.getSnapshot().messages)).toEqual(['Which river is longest?', 'The Nile.'])
    expect(first.sync.attempts).toHaveLength(1)
  })

  it('a message sent before the chunk lands comes after the stored thread, in the chat, the request and the saved copy', async () => {
    await storeThread(createLocalStoragePersistence())
    const { chat, sync, persistence, requests } = setup()
    const sent = chat.send('And in Europe?')
    // Waiting for the stored thread: nothing is shown out of order, nothing is sent.
    expect(chat.getSnapshot().messages).toEqual([])
    expect(requests).toEqual([])
    ;(await sync.started(1)).release()
    await sent
    expect(requests).toEqual([['Which river is longest?', 'The Nile.', 'And in Europe?']])
    expect(texts(chat.getSnapshot().messages)).toEqual(['Which river is longest?', 'The Nile.', 'And in Europe?', 'The Volga.'])
    await chat['~flushThread']()
    const saved = (await persistence.load('t1'))!
    expect(Object.values(saved.tree.nodes).map((n) => messageText(n.message)).sort()).toEqual(['And in Europe?', 'The Nile.', 'The Volga.', 'Which river is longest?'])
  })

  it('a change and a destroy before the chunk lands are still saved once it lands', async () => {
    const { chat, sync, persistence } = setup()
    chat.setMessages(stored)
    chat.destroy()
    expect(await persistence.load('t1')).toBeUndefined()
    ;(await sync.started(1)).release()
    // The destroy's flush waits for the chunk, then writes.
    await chat['~flushThread']()
    const saved = (await persistence.load('t1'))!
    expect(saved.title).toBe('Which river is longest?')
    expect(Object.keys(saved.tree.nodes).sort()).toEqual(['a0', 'u0'])
  })

  it('a client destroyed before the chunk lands, having done nothing, neither reads nor writes', async () => {
    await storeThread(createLocalStoragePersistence())
    const { chat, sync, persistence } = setup()
    chat.destroy()
    ;(await sync.started(1)).release()
    await chat['~flushThread']()
    expect(chat.getSnapshot().messages).toEqual([])
    expect((await persistence.load('t1'))!.updatedAt).toBe(2)
  })

  it('a chunk that cannot load is a persistence error; the chat still works and the stored copy is never overwritten', async () => {
    await storeThread(createLocalStoragePersistence())
    const { chat, sync, persistence, errors, requests } = setup()
    ;(await sync.started(1)).fail(new Error('Failed to fetch dynamically imported module'))
    await expect.poll(() => chat.thread!.getSnapshot().loaded).toBe(true)
    const error = chat.thread!.getSnapshot().error!
    expect(error).toMatchObject({ code: 'failed', message: "Could not load the thread's storage (Failed to fetch dynamically imported module)" })
    expect(errors).toEqual([error])
    await chat.send('Hello?')
    expect(requests).toEqual([['Hello?']])
    await chat['~flushThread']()
    const kept = (await persistence.load('t1'))!
    expect(kept.updatedAt).toBe(2)
    expect(Object.keys(kept.tree.nodes).sort()).toEqual(['a0', 'u0'])
    expect(sync.attempts).toHaveLength(1)
  })

  it('a chat without an id never loads it', async () => {
    const sync = heldChunk(() => import('./thread-sync-module.ts'))
    const chat = trackChat(createChatClientWith({ transport: createMemoryTransport({ respond: () => answer }), scheduler: syncScheduler }, chatEngine, sync.chunk))
    await chat.send('Hi')
    expect(chat.thread).toBeUndefined()
    expect(sync.attempts).toHaveLength(0)
  })

  it('stops mirroring the sync’s status once detached (saves still running report through onError only), also when detached before the chunk landed', async () => {
    await branchOps.load()
    for (const late of [false, true]) {
      let failures = 0
      const persistence: ThreadPersistence = {
        load: () => undefined,
        save: () => {
          throw new Error(`disk full ${++failures}`)
        },
      }
      const chunk = lazyChunk(() => import('./thread-sync-module.ts'))
      if (!late) await chunk.load()
      const host = createStateStore()
      const errors: PersistenceError[] = []
      const sync = attachLazyThreadSync(host, { threadId: 't1', persistence, saveDelayMs: 0, cursorStore: false, onError: (e) => errors.push(e) }, chunk)
      if (!late) {
        host.update((state) => ({ ...state, messages: stored.slice(0, 1) }))
        await sync.flush()
        expect(sync.status.getSnapshot().error?.message).toContain('disk full 1')
      }
      // A change, then a detach: the pending save still runs (and fails), after the detach.
      host.update((state) => ({ ...state, messages: stored }))
      const shown = sync.status.getSnapshot().error
      sync.detach()
      await sync.flush()
      expect(errors.at(-1)?.message).toContain(`disk full ${late ? 1 : 2}`)
      expect(sync.status.getSnapshot().error).toBe(shown)
    }
  })
})
