import { afterEach, describe, expect, it } from 'vitest'
import type { ChatEvent } from '../../protocol/events.ts'
import { createChatClientWith } from '../chat-client.ts'
import { syncScheduler } from '../frame-scheduler.ts'
import { messageText } from '../message-text.ts'
import { createLocalStoragePersistence } from '../persistence/local-storage-persistence.ts'
import type { ChatStatus } from '../state.ts'
import { createMemoryTransport } from '../transports/memory-transport.ts'
import { destroyTrackedChats, trackChat } from '../../../test/support/chat-cleanup.ts'
import { heldChunk } from '../../../test/support/held-chunk.ts'
import { leaveUnfinishedThread } from '../../../test/support/unfinished-thread.ts'

/*
 * A reloaded client that will resume an unfinished answer says so from its creation: status
 * `reconnecting` (what the resume reports once it runs) and the answer as it was cut, while
 * the engine's chunk is still held back; not `idle` until the chunk lands.
 */

afterEach(async () => {
  await destroyTrackedChats()
  localStorage.clear()
  sessionStorage.clear()
})

const rest: ChatEvent[] = [
  { type: 'token', seq: 2, content: ' river' },
  { type: 'done', seq: 3 },
]

async function reload(resume: boolean) {
  const persistence = createLocalStoragePersistence()
  await leaveUnfinishedThread({ threadId: 'trip', persistence, streamId: 's1', partial: 'The Nile' })
  const engine = heldChunk(() => import('./chat-engine.ts'))
  const resumes: string[] = []
  const transport = createMemoryTransport({
    respond: () => [],
    resume: (request) => {
      resumes.push(`${request.streamId}@${request.lastEventId}`)
      return rest
    },
  })
  const chat = trackChat(createChatClientWith({ id: 'trip', persistence, transport, scheduler: syncScheduler, resume }, engine.chunk))
  const statuses: ChatStatus[] = [chat.getSnapshot().status]
  chat.subscribe(() => statuses.push(chat.getSnapshot().status))
  return { chat, engine, resumes, statuses }
}

describe('a reloaded client that will resume', () => {
  it('is reconnecting, with the cut answer, from its creation while the engine is held; resumes once it lands', async () => {
    const { chat, engine, resumes, statuses } = await reload(true)
    // Read synchronously right after creation: no task or microtask has run.
    expect(statuses[0]).toBe('reconnecting')
    expect(messageText(chat.getSnapshot().messages[1]!)).toBe('The Nile')
    const held = await engine.started(1)
    expect(chat.getSnapshot().status).toBe('reconnecting')
    expect(resumes).toEqual([])
    held.release()
    await expect.poll(() => chat.getSnapshot().status, { timeout: 5000 }).toBe('ready')
    expect(resumes).toEqual(['s1@1'])
    expect(messageText(chat.getSnapshot().messages[1]!)).toBe('The Nile river')
    expect(statuses).not.toContain('idle')
  })

  it('a binding that resumes later (useChat) hears that a resume is pending; without one, nothing is pending', async () => {
    const { chat, engine, resumes } = await reload(false)
    expect(chat.getSnapshot().status).toBe('idle')
    expect(chat['~resumePending']()).toBe(true)
    const resumed = chat['~resumeStored']()
    expect(chat.getSnapshot().status).toBe('reconnecting')
    expect(chat['~resumePending']()).toBe(false)
    ;(await engine.started(1)).release()
    await resumed
    expect(resumes).toEqual(['s1@1'])
    expect(chat.getSnapshot().status).toBe('ready')

    const fresh = trackChat(createChatClientWith({ id: 'other', persistence: createLocalStoragePersistence(), scheduler: syncScheduler, resume: true }, heldChunk(() => import('./chat-engine.ts')).chunk))
    expect(fresh.getSnapshot().status).toBe('idle')
    expect(fresh['~resumePending']()).toBe(false)
  })
})
