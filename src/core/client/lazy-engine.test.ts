import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../../protocol/events.ts'
import { createChatClientWith, type ChatClientOptions } from '../chat-client.ts'
import { syncScheduler } from '../frame-scheduler.ts'
import type { ChatState } from '../state.ts'
import { createMemoryTransport } from '../transports/memory-transport.ts'
import { heldChunk } from '../../../test/support/held-chunk.ts'

/*
 * The chat client's engine (transport, turn runner, agent loop) is a chunk the client starts
 * loading when it is made. A message sent before it lands shows at once and its request goes
 * out once it is in; a failed load fails the turn with a clear error, and Retry loads again; a
 * turn stopped or replaced while waiting never sends.
 */

const events: ChatEvent[] = [
  { type: 'start', seq: 0, streamId: 's' },
  { type: 'token', seq: 1, content: 'Hello ' },
  { type: 'token', seq: 2, content: 'there' },
  { type: 'done', seq: 3 },
]
const textOf = (state: ChatState) =>
  state.messages.at(-1)!.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('')

function setup(options: ChatClientOptions = {}) {
  const engine = heldChunk(() => import('./chat-engine.ts'))
  const requests: string[] = []
  const transport = createMemoryTransport({
    respond: (request) => {
      requests.push(request.messages.at(-1)!.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join(''))
      return events
    },
  })
  const chat = createChatClientWith({ transport, scheduler: syncScheduler, maxRetries: 0, ...options }, engine.chunk)
  return { chat, engine, requests }
}

describe('the chat engine loads in a chunk of its own', () => {
  it('a message sent before the engine lands shows at once; its request goes out once the chunk is in', async () => {
    const { chat, engine, requests } = setup()
    const sent = chat.send('Hi')
    // The user message and the empty answer are there at once, waiting for the engine.
    expect(chat.getSnapshot().messages.map((m) => m.role)).toEqual(['user', 'assistant'])
    expect(chat.getSnapshot().status).toBe('submitted')
    const first = await engine.started(1)
    expect(requests).toEqual([])
    first.release()
    await sent
    expect(requests).toEqual(['Hi'])
    expect(chat.getSnapshot().status).toBe('ready')
    expect(textOf(chat.getSnapshot())).toBe('Hello there')
    // Loaded once: the next turn needs no other attempt.
    await chat.send('Again')
    expect(engine.attempts).toHaveLength(1)
    expect(requests).toEqual(['Hi', 'Again'])
  })

  it('a chunk that cannot load fails the turn with a clear error (onError too); Retry loads it again and the answer streams', async () => {
    const errors: string[] = []
    const { chat, engine, requests } = setup({ onError: (error) => errors.push(error.message) })
    const sent = chat.send('Hi')
    ;(await engine.started(1)).fail(new Error('Failed to fetch dynamically imported module'))
    await sent
    const failed = chat.getSnapshot()
    expect(failed.status).toBe('error')
    expect(failed.error).toMatchObject({ code: 'network', message: 'Could not load the chat client (Failed to fetch dynamically imported module)', resumable: false })
    // Said in the answer too, where the chat shows it with Retry; the user's message is kept.
    expect(failed.messages.at(-1)!.parts).toContainEqual(expect.objectContaining({ type: 'error', code: 'network', resumable: false }))
    expect(failed.messages[0]!.parts).toEqual([{ type: 'text', text: 'Hi' }])
    expect(errors).toEqual(['Could not load the chat client (Failed to fetch dynamically imported module)'])
    expect(requests).toEqual([])

    const retried = chat.retry()
    ;(await engine.started(2)).release()
    await retried
    expect(requests).toEqual(['Hi'])
    expect(chat.getSnapshot().status).toBe('ready')
    expect(chat.getSnapshot().messages).toHaveLength(2)
    expect(textOf(chat.getSnapshot())).toBe('Hello there')
  })

  it('a turn stopped while the engine loads ends stopped and never sends', async () => {
    const { chat, engine, requests } = setup()
    const sent = chat.send('Hi')
    const first = await engine.started(1)
    chat.stop()
    expect(chat.getSnapshot().status).toBe('ready')
    first.release()
    await sent
    expect(requests).toEqual([])
    expect(chat.getSnapshot().status).toBe('ready')
    expect(chat.getSnapshot().messages[0]!.parts).toEqual([{ type: 'text', text: 'Hi' }])
  })

  it('a second message sent while the engine loads replaces the first turn: one request, for the second', async () => {
    const { chat, engine, requests } = setup()
    const first = chat.send('One')
    const second = chat.send('Two')
    ;(await engine.started(1)).release()
    await Promise.all([first, second])
    expect(requests).toEqual(['Two'])
    expect(textOf(chat.getSnapshot())).toBe('Hello there')
  })

  it('a client destroyed while the engine loads sends nothing and writes nothing', async () => {
    const { chat, engine, requests } = setup()
    const sent = chat.send('Hi')
    const before = chat.getSnapshot()
    const first = await engine.started(1)
    chat.destroy()
    first.release()
    await sent
    expect(requests).toEqual([])
    expect(chat.getSnapshot()).toBe(before)
  })

  it('regenerate before the engine lands runs once it is in; a refused one is refused at once', async () => {
    const { chat, engine, requests } = setup({
      initialMessages: [
        { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Hi' }] },
        { id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'Old' }] },
      ],
    })
    expect(await chat.regenerate('nope')).toMatchObject({ ok: false, error: { code: 'unknown_message' } })
    const regenerated = chat.regenerate('a1')
    ;(await engine.started(1)).release()
    expect(await regenerated).toEqual({ ok: true })
    expect(requests).toEqual(['Hi'])
    expect(textOf(chat.getSnapshot())).toBe('Hello there')
    expect(chat.getBranches(chat.getSnapshot().messages[1]!.id)).toMatchObject({ count: 2 })
  })
})
