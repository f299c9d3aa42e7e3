import { branchTreeFromMessages } from '../../src/core/branches/branch-tree.ts'
import { createChatClient } from '../../src/core/chat-client.ts'
import { preloadThreadSync } from '../../src/core/persistence/lazy-thread-sync.ts'
import { createLocalStoragePersistence } from '../../src/core/persistence/local-storage-persistence.ts'
import { THREAD_RECORD_VERSION } from '../../src/core/persistence/thread-record.ts'
import type { ChatMessage } from '../../src/core/state.ts'
import { createMemoryTransport } from '../../src/core/transports/memory-transport.ts'
import { watchLongTasks } from './thread-probes.ts'
import type { ThreadSaveResult } from './threads-types.ts'

const KEY = 'rivulet:thread:bench-thread'

/**
 * A stored thread of `messages` is opened by a chat (loaded from localStorage), a turn is
 * added, and the chat saves it the way it does after every turn: debounced, in an idle period,
 * serialising and writing the whole tree. The window from the new turn to the stored copy
 * holding it is marked for the trace, which gives the save's task and its CPU time.
 *
 * @example
 * const result = await saveThread(longThread(1_000))
 */
export async function saveThread(messages: ChatMessage[]): Promise<ThreadSaveResult> {
  localStorage.clear()
  const persistence = createLocalStoragePersistence()
  persistence.save('bench-thread', { version: THREAD_RECORD_VERSION, id: 'bench-thread', createdAt: 1, updatedAt: 1, tree: branchTreeFromMessages(messages) })
  // The thread sync is a lazy chunk: in before the chat is made, as in an app that opened a thread before.
  await preloadThreadSync()
  const client = createChatClient({ id: 'bench-thread', persistence, transport: createMemoryTransport({ respond: () => [] }) })
  await new Promise((resolve) => setTimeout(resolve, 200))
  const turn: ChatMessage[] = [
    { id: 'bench-ask', role: 'user', parts: [{ type: 'text', text: 'And the Rhine?' }] },
    { id: 'bench-answer', role: 'assistant', parts: [{ type: 'text', text: 'The Rhine rises in the Alps.' }], finishReason: 'stop' },
  ]
  const stop = watchLongTasks()
  performance.mark('bench:window-start')
  const began = performance.now()
  client.setMessages([...client.getSnapshot().messages, ...turn])
  const until = performance.now() + 20_000
  while (!(localStorage.getItem(KEY) ?? '').includes('bench-answer') && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 5))
  const savedAfterMs = performance.now() - began
  performance.mark('bench:window-end')
  const longTasks = stop()
  // Every key of the thread: since format 2 each message has its own (the head only names them).
  const storedChars = Object.keys(localStorage).reduce((sum, key) => sum + (key.startsWith('rivulet:') ? (localStorage.getItem(key)?.length ?? 0) : 0), 0)
  const loaded = await persistence.load('bench-thread')
  const roundTripOk = loaded !== undefined && Object.keys(loaded.tree.nodes).length === messages.length + 2
  client.destroy()
  localStorage.clear()
  return { saveTaskMs: savedAfterMs, longTasks, storedChars, roundTripOk }
}
