/**
 * Bench page: thread persistence (issue 13). A chat restored from localStorage with a long
 * thread (`test/support/long-thread.ts`) streams a new answer through the real client while
 * its storage works as it does in an app: the prompt's save (debounced, idle slices) lands
 * while the answer streams, the whole turn is saved once it settles. Modes: no persistence
 * (the control), format 2 (one key per message) and format 1 (the whole record, rewritten
 * split by the first save). Also the per-token cost with persistence on and off, and one
 * format-1 save as it was (the whole record serialised and written in one task).
 */
import { activePath, branchTreeFromMessages } from '../../src/core/branches/branch-tree.ts'
import { createChatClient, type ChatClient } from '../../src/core/chat-client.ts'
import { syncScheduler } from '../../src/core/frame-scheduler.ts'
import { preloadThreadSync } from '../../src/core/persistence/lazy-thread-sync.ts'
import { createLocalStoragePersistence } from '../../src/core/persistence/local-storage-persistence.ts'
import { THREAD_RECORD_VERSION, type ThreadPersistence, type ThreadRecord } from '../../src/core/persistence/thread-record.ts'
import type { ChatMessage } from '../../src/core/state.ts'
import { createMemoryTransport } from '../../src/core/transports/memory-transport.ts'
import { encodeEvent } from '../../src/protocol/encode.ts'
import type { ChatEvent } from '../../src/protocol/events.ts'
import { longThread } from '../../test/support/long-thread.ts'
import { exposeBench } from './bench-window.ts'
import type { PersistenceMode, PersistenceStreamResult, PersistenceStreamRun, PersistenceTokenResult, PersistenceTokenRun, PersistenceWholeResult } from './persistence-types.ts'

const THREAD_ID = 'bench-thread'
const LAST_WORD = 'estuary'
const tokensOf = (count: number) => Array.from({ length: count }, (_, i) => (i === count - 1 ? LAST_WORD : `word${i} `))
const record = (messages: ChatMessage[]): ThreadRecord => ({ version: THREAD_RECORD_VERSION, id: THREAD_ID, title: 'Rivers', createdAt: 1, updatedAt: 1, tree: branchTreeFromMessages(messages) })
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
const textOf = (message: ChatMessage) => message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('')

interface Counts {
  saves: number
  prepares: number
  /** The longest single `save` and `prepare` call, ms. */
  longestSave: number
  longestPrepare: number
}

/** The adapter the chat uses, counting its calls and resolving once the finished answer is stored. */
function counting(adapter: ThreadPersistence, earlier: Set<string>) {
  const counts: Counts = { saves: 0, prepares: 0, longestSave: 0, longestPrepare: 0 }
  let stored!: () => void
  const answerStored = new Promise<void>((resolve) => (stored = resolve))
  const persistence: ThreadPersistence = {
    load: (id) => adapter.load(id),
    save(id, thread) {
      counts.saves++
      const began = performance.now()
      adapter.save(id, thread)
      counts.longestSave = Math.max(counts.longestSave, performance.now() - began)
      // Only the turn's own messages are looked at: the check must cost the page nothing.
      const answered = Object.values(thread.tree.nodes).some((node) => !earlier.has(node.message.id) && node.message.finishReason !== undefined && textOf(node.message).endsWith(LAST_WORD))
      if (answered) stored()
    },
    prepare(id, thread, timeRemaining) {
      counts.prepares++
      const began = performance.now()
      const done = adapter.prepare!(id, thread, timeRemaining)
      counts.longestPrepare = Math.max(counts.longestPrepare, performance.now() - began)
      return done
    },
  }
  return { persistence, counts, answerStored }
}

/** The answer's body: `start`, the tokens (one per animation frame, or as fast as read), `done`. */
function answerBody(tokens: string[], paced: boolean, onToken: (index: number) => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const events: ChatEvent[] = [
    { type: 'start', seq: 0, streamId: 'bench-stream' },
    ...tokens.map((content, i): ChatEvent => ({ type: 'token', seq: i + 1, content })),
    { type: 'done', seq: tokens.length + 1, finishReason: 'stop' },
  ]
  let next = 0
  return new ReadableStream({
    async pull(controller) {
      if (paced && next > 0) await nextFrame()
      const event = events[next++]
      if (event === undefined) return controller.close()
      if (event.type === 'token') onToken(event.seq - 1)
      controller.enqueue(encoder.encode(encodeEvent(event)))
    },
  })
}

/** A chat over the long thread in `mode`, its storage prepared as a previous visit left it. */
function openChat(mode: PersistenceMode, count: number, body: () => ReadableStream<Uint8Array>, sync: boolean) {
  localStorage.clear()
  const messages = longThread(count)
  const transport = createMemoryTransport({ respond: () => body() })
  const scheduler = sync ? { scheduler: syncScheduler } : {}
  // Written by another adapter (another visit): this chat's adapter knows nothing yet.
  if (mode !== 'migrate') createLocalStoragePersistence().save(THREAD_ID, record(messages))
  if (mode === 'off') {
    // The control does the same storage work before the window (the thread written, then read
    // back for its messages): both windows start with the same heap, garbage and storage; only
    // the chat's persistence differs.
    const stored = createLocalStoragePersistence().load(THREAD_ID) as ThreadRecord
    return { client: createChatClient({ transport, initialMessages: activePath(stored.tree), ...scheduler }), counts: undefined, answerStored: Promise.resolve() }
  }
  if (mode === 'migrate') localStorage.setItem(`rivulet:thread:${THREAD_ID}`, JSON.stringify(record(messages)))
  const { persistence, counts, answerStored } = counting(createLocalStoragePersistence(), new Set(messages.map((m) => m.id)))
  const client = createChatClient({ id: THREAD_ID, persistence, transport, ...scheduler })
  if (client.getSnapshot().messages.length !== count) throw new Error(`the stored thread did not load (${client.getSnapshot().messages.length} messages)`)
  return { client, counts, answerStored }
}

function settled(client: ChatClient): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const { status } = client.getSnapshot()
      if (status === 'ready') (unsubscribe(), resolve())
      else if (status === 'error') (unsubscribe(), reject(new Error(`the answer failed: ${client.getSnapshot().error?.message}`)))
    }
    const unsubscribe = client.subscribe(check)
    check()
  })
}

const storedChars = () => Object.keys(localStorage).reduce((sum, key) => sum + (key.startsWith('rivulet:') ? key.length + (localStorage.getItem(key)?.length ?? 0) : 0), 0)

// The thread sync is a lazy chunk: an app has it once its first chat with an id was made. Every
// run here opens a stored thread as such an app does, so the chunk is in before the first run
// (outside every timed window), and each chat reads its thread before its first render.
const threadSyncReady = preloadThreadSync()

async function stream(run: PersistenceStreamRun): Promise<PersistenceStreamResult> {
  await threadSyncReady
  const tokens = tokensOf(run.tokens)
  const during = { saves: 0, prepares: 0 }
  let counts: Counts | undefined
  const { client, counts: c, answerStored } = openChat(
    run.mode,
    run.count,
    () =>
      answerBody(tokens, true, (index) => {
        // Calls between the first token and the last: the per-token path.
        if (index === 0 && counts) (during.saves = -counts.saves), (during.prepares = -counts.prepares)
        if (index === tokens.length - 1 && counts) (during.saves += counts.saves), (during.prepares += counts.prepares)
      }),
    false,
  )
  counts = c
  await new Promise((resolve) => setTimeout(resolve, 300))
  // A hook for profiling the window alone (a script sets it, starts its profiler, resolves).
  await (window as { beforeWindow?: () => Promise<void> }).beforeWindow?.()
  performance.mark('bench:window-start')
  const began = performance.now()
  void client.send('And the Rhine?')
  await settled(client)
  await answerStored
  const totalMs = performance.now() - began
  performance.mark('bench:window-end')
  // The check below reads the whole thread back: in a later task, outside the traced window.
  await new Promise((resolve) => setTimeout(resolve, 50))
  let roundTripOk = true
  if (run.mode !== 'off') {
    const loaded = createLocalStoragePersistence().load(THREAD_ID) as ThreadRecord
    const nodes = Object.values(loaded.tree.nodes)
    roundTripOk = nodes.length === run.count + 2 && nodes.some((node) => textOf(node.message) === tokens.join(''))
  }
  const result = { totalMs, savesWhileStreaming: during.saves, preparesWhileStreaming: during.prepares, saves: counts?.saves ?? 0, prepares: counts?.prepares ?? 0, longestSaveMs: counts?.longestSave ?? 0, longestPrepareMs: counts?.longestPrepare ?? 0, storedChars: storedChars(), roundTripOk }
  client.destroy()
  localStorage.clear()
  return result
}

async function tokenCost(run: PersistenceTokenRun): Promise<PersistenceTokenResult> {
  await threadSyncReady
  const tokens = tokensOf(run.tokens)
  const { client, counts } = openChat(run.mode, run.count, () => answerBody(tokens, false, () => {}), true)
  await new Promise((resolve) => setTimeout(resolve, 50))
  const before = counts ? counts.saves + counts.prepares : 0
  // The driver reads the main thread's CPU time at both edges of the window (see the suite).
  const edge = (window as { benchWindowEdge?: (edge: 'start' | 'end') => Promise<void> }).benchWindowEdge
  await edge?.('start')
  const began = performance.now()
  void client.send('And the Rhine?')
  await settled(client)
  const perTokenUs = ((performance.now() - began) / run.tokens) * 1000
  const adapterCalls = counts ? counts.saves + counts.prepares - before : 0
  await edge?.('end')
  client.destroy()
  localStorage.clear()
  return { perTokenUs, adapterCalls }
}

async function whole(run: { count: number }): Promise<PersistenceWholeResult> {
  localStorage.clear()
  const value = record(longThread(run.count))
  await new Promise((resolve) => setTimeout(resolve, 50))
  performance.mark('bench:window-start')
  const began = performance.now()
  const text = JSON.stringify(value)
  localStorage.setItem(`rivulet:thread:${THREAD_ID}`, text)
  const ms = performance.now() - began
  performance.mark('bench:window-end')
  localStorage.clear()
  return { ms, chars: text.length }
}

exposeBench({ persistenceStream: stream, persistenceTokens: tokenCost, persistenceWhole: whole })
