import { act, renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { encodeEvent } from '../protocol/encode.ts'
import type { ChatEvent, DataEvent, UnsequencedChatEvent } from '../protocol/events.ts'
import { syncScheduler } from '../core/frame-scheduler.ts'
import { useChat } from './use-chat.ts'

function sse(events: UnsequencedChatEvent[]): Response {
  const body = events.map((event, seq) => encodeEvent({ ...event, seq } as ChatEvent)).join('')
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
}

describe('useChat onData', () => {
  it('calls the latest onData with every data event, transient ones included, and never stores transient data', async () => {
    const first: DataEvent[] = []
    const latest: DataEvent[] = []
    const fetch = async () =>
      sse([
        { type: 'start', streamId: 's1' },
        { type: 'data', name: 'toast', data: 'Saved', transient: true },
        { type: 'data', name: 'progress', id: 'p', data: 1 },
        { type: 'data', name: 'progress', id: 'p', data: 2 },
        { type: 'done' },
      ])
    const { result, rerender } = renderHook(({ onData }) => useChat({ api: '/chat', fetch, scheduler: syncScheduler, onData }), { initialProps: { onData: (e: DataEvent) => void first.push(e) } })
    // A new callback on re-render is used without restarting anything.
    rerender({ onData: (e: DataEvent) => void latest.push(e) })
    await act(() => result.current.send('Go'))
    expect(first).toEqual([])
    expect(latest.map((e) => [e.name, e.data])).toEqual([
      ['toast', 'Saved'],
      ['progress', 1],
      ['progress', 2],
    ])
    expect(result.current.messages[1]?.parts).toEqual([{ type: 'data', name: 'progress', id: 'p', data: 2 }])
  })
})
