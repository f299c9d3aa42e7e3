import { createChatClient } from '../../src/core/chat-client.ts'
import { createLocalStoragePersistence } from '../../src/core/persistence/local-storage-persistence.ts'
import type { ChatMessage } from '../../src/core/state.ts'
import { createMemoryTransport } from '../../src/core/transports/memory-transport.ts'
import { watchLongTasks } from './thread-probes.ts'
import type { ThreadSaveResult } from './threads-types.ts'

/**
 * Saves `messages` as a thread through the chat's own path (thread sync: snapshot of the tree,
 * then the localStorage adapter serialises and writes it and its index), timed as the one task
 * it runs in, then loads it back.
 *
 * @example
 * const result = await saveThread(longThread(1_000))
 */
export async function saveThread(messages: ChatMessage[]): Promise<ThreadSaveResult> {
  localStorage.clear()
  const persistence = createLocalStoragePersistence()
  const client = createChatClient({ id: 'bench-thread', persistence, transport: createMemoryTransport({ respond: () => [] }) })
  // Messages changed between turns: the sync schedules a save, which the flush runs now.
  client.setMessages(messages)
  const stop = watchLongTasks()
  const began = performance.now()
  await client['~flushThread']()
  const saveTaskMs = performance.now() - began
  await new Promise((resolve) => setTimeout(resolve, 100))
  const longTasks = stop()
  const storedChars = localStorage.getItem('rivulet:thread:bench-thread')?.length ?? 0
  const loaded = await persistence.load('bench-thread')
  const roundTripOk = loaded !== undefined && Object.keys(loaded.tree.nodes).length === messages.length
  client.destroy()
  localStorage.clear()
  return { saveTaskMs, longTasks, storedChars, roundTripOk }
}
