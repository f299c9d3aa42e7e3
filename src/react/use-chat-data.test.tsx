import { act, renderHook } from '@testing-library/react'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { encodeEvent } from '../protocol/encode.ts'
import type { ChatEvent, DataEvent, UnsequencedChatEvent } from '../protocol/events.ts'
import { syncScheduler } from '../core/frame-scheduler.ts'
import type { ChatMessage } from '../core/state.ts'
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

describe('useChat<Metadata>', () => {
  type Meta = { model: string; totalTokens?: number }

  it('types message.metadata, and hands onFinish the same type, merged from start and done', async () => {
    const finished: Meta[] = []
    const fetch = async () =>
      sse([
        { type: 'start', streamId: 's1', metadata: { model: 'rivulet-1' } },
        { type: 'token', content: 'Hi' },
        { type: 'done', metadata: { totalTokens: 12 } },
      ])
    const { result } = renderHook(() =>
      useChat<Meta>({
        api: '/chat',
        fetch,
        scheduler: syncScheduler,
        onFinish: (message) => {
          expectTypeOf(message.metadata).toEqualTypeOf<Meta | undefined>()
          if (message.metadata) finished.push(message.metadata)
        },
      }),
    )
    await act(() => result.current.send('Go'))
    const metadata = result.current.messages[1]?.metadata
    expectTypeOf(metadata).toEqualTypeOf<Meta | undefined>()
    expectTypeOf(result.current.setMessages).parameter(0).toEqualTypeOf<ChatMessage<Meta>[]>()
    expect(metadata).toEqual({ model: 'rivulet-1', totalTokens: 12 })
    expect(finished).toEqual([{ model: 'rivulet-1', totalTokens: 12 }])
    // Without a type argument metadata stays an open record.
    expectTypeOf(renderHook(() => useChat({ api: '/chat', fetch })).result.current.messages[0]?.metadata).toEqualTypeOf<Record<string, unknown> | undefined>()
  })
})
