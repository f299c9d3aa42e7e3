import { act, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { syncScheduler } from '../core/frame-scheduler.ts'
import { createLocalStoragePersistence } from '../core/persistence/local-storage-persistence.ts'
import { messageText } from '../core/message-text.ts'
import { createMemoryTransport } from '../core/transports/memory-transport.ts'
import type { ChatEvent } from '../protocol/events.ts'
import { destroyTrackedChats } from '../../test/support/chat-cleanup.ts'
import { useChat } from './use-chat.ts'

// useChat makes its own clients: each is tracked and destroyed after the test, before the storage
// is cleared (Testing Library unmounts after this file's afterEach; that flush landed in the cleared storage).
vi.mock('../core/chat-client.ts', async (original) => (await import('../../test/support/chat-cleanup.ts')).trackingChatClientModule(await original()))

afterEach(async () => {
  await destroyTrackedChats()
  localStorage.clear()
  sessionStorage.clear()
})

const answer = (text: string): ChatEvent[] => [
  { type: 'start', seq: 0, streamId: text },
  { type: 'token', seq: 1, content: text },
  { type: 'done', seq: 2 },
]

describe('useChat threads', () => {
  it('switching threads aborts the old thread’s request and shows the other thread', async () => {
    const signals: AbortSignal[] = []
    let stops = 0
    const transport = createMemoryTransport({
      respond: ({ signal }) => {
        signals.push(signal)
        return signals.length === 1 ? new Promise(() => {}) : answer('Hi B')
      },
    })
    transport.stop = async () => void stops++
    const persistence = createLocalStoragePersistence()
    const { result, rerender } = renderHook(({ id }) => useChat({ id, persistence, transport, scheduler: syncScheduler }), { initialProps: { id: 'a' } })
    act(() => void result.current.send('Question in A'))
    await waitFor(() => expect(result.current.status).toBe('submitted'))
    rerender({ id: 'b' })
    expect(signals[0]!.aborted).toBe(true)
    expect(result.current.messages).toEqual([])
    await act(() => result.current.send('Question in B'))
    expect(result.current.messages.map(messageText)).toEqual(['Question in B', 'Hi B'])
    rerender({ id: 'a' })
    // Thread a kept its prompt (saved when the turn started); its answer was cut.
    await waitFor(() => expect(result.current.messages.map(messageText)[0]).toBe('Question in A'))
  })

  it('regenerate and switchBranch through the hook re-render with the branch', async () => {
    let n = 0
    const transport = createMemoryTransport({ respond: () => answer(`Answer ${++n}`) })
    const { result } = renderHook(() => useChat({ transport, scheduler: syncScheduler }))
    await act(() => result.current.send('Q'))
    const first = result.current.messages[1]!.id
    await act(async () => void (await result.current.regenerate()))
    const second = result.current.messages[1]!.id
    expect(result.current.getBranches(second)).toEqual({ index: 1, count: 2 })
    act(() => void result.current.switchBranch(second, 0))
    expect(result.current.messages[1]!.id).toBe(first)
    expect(messageText(result.current.messages[1]!)).toBe('Answer 1')
  })
})
