import { describe, expect, it } from 'vitest'
import { encodeEvent } from '../protocol/encode.ts'
import type { ChatEvent, DataEvent, UnsequencedChatEvent } from '../protocol/events.ts'
import { createChatClient } from './chat-client.ts'
import { syncScheduler } from './frame-scheduler.ts'

function sse(events: UnsequencedChatEvent[]): Response {
  const body = events.map((event, seq) => encodeEvent({ ...event, seq } as ChatEvent)).join('')
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
}

describe('chat client: data, sources, files and metadata over HTTP', () => {
  it('hands every data event to onData, transient ones only there, and stores the rest in the message', async () => {
    const seen: DataEvent[] = []
    const posted: unknown[] = []
    let turn = 0
    const client = createChatClient({
      api: '/chat',
      scheduler: syncScheduler,
      onData: (event) => seen.push(event),
      fetch: async (_url, init) => {
        posted.push(JSON.parse(String(init?.body)))
        turn++
        return turn === 1
          ? sse([
              { type: 'start', streamId: 's1', metadata: { model: 'm-1' } },
              { type: 'data', name: 'progress', id: 'job', data: { done: 1 } },
              { type: 'data', name: 'toast', data: 'Saved', transient: true },
              { type: 'token', content: 'Done.' },
              { type: 'source', id: 'src', url: 'https://example.com', title: 'Example' },
              { type: 'citation', sourceId: 'src', length: 5 },
              { type: 'data', name: 'progress', id: 'job', data: { done: 2 } },
              { type: 'done', metadata: { totalTokens: 7 } },
            ])
          : sse([{ type: 'start', streamId: 's2' }, { type: 'done' }])
      },
    })
    await client.send('Go')
    expect(seen.map((e) => [e.name, e.data, e.transient])).toEqual([
      ['progress', { done: 1 }, undefined],
      ['toast', 'Saved', true],
      ['progress', { done: 2 }, undefined],
    ])
    const answer = client.getSnapshot().messages[1]!
    expect(answer.metadata).toEqual({ model: 'm-1', totalTokens: 7 })
    expect(answer.parts).toEqual([
      { type: 'data', name: 'progress', id: 'job', data: { done: 2 } },
      { type: 'text', text: 'Done.', citations: [{ sourceId: 'src', start: 0, end: 5 }] },
      { type: 'source', id: 'src', url: 'https://example.com/', title: 'Example' },
    ])

    // The next request carries the parts and the metadata back, as JSON.
    await client.send('Again')
    expect(posted[1]).toMatchObject({
      messages: [{ role: 'user' }, { role: 'assistant', metadata: { model: 'm-1', totalTokens: 7 }, parts: answer.parts }, { role: 'user' }],
    })
  })
})
