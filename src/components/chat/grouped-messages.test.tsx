import { act, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { longThread } from '../../../test/support/long-thread.ts'
import { createChatClient, type ChatClient } from '../../core/chat-client.ts'
import { syncScheduler } from '../../core/frame-scheduler.ts'
import type { ChatMessage } from '../../core/state.ts'
import { createMemoryTransport } from '../../core/transports/memory-transport.ts'
import { encodeEvent } from '../../protocol/encode.ts'
import type { ChatEvent } from '../../protocol/events.ts'
import { Chat } from './chat.tsx'
import { GROUP_SIZE } from './message-group.tsx'

/*
 * A token must render the group holding the streaming message and nothing above it: the
 * list of groups does not render again, so a token costs the same after 1,000 messages as
 * after none. Every group asks the chat where each of its messages sits among branches
 * (`getBranches`) when it renders, so the ids asked for say which groups rendered.
 */

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

function restore(messages: ChatMessage[]) {
  let write: ((event: ChatEvent) => void) | undefined
  let seq = 0
  const client = createChatClient({
    initialMessages: messages,
    scheduler: syncScheduler,
    transport: createMemoryTransport({
      respond: () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            const encoder = new TextEncoder()
            write = (event) => controller.enqueue(encoder.encode(encodeEvent(event)))
          },
        }),
    }),
  })
  const asked: string[] = []
  // The same client, with its branch look-up counted (the chat passes it to every group).
  const counted: ChatClient = {
    ...client,
    getBranches: (id) => {
      asked.push(id)
      return client.getBranches(id)
    },
  }
  render(<Chat chat={counted} style={{ height: 700 }} />)
  const emit = (event: DistributiveOmit<ChatEvent, 'seq'>) => write!({ ...event, seq: seq++ } as ChatEvent)
  return { client, asked, emit, started: () => write !== undefined }
}

// The older messages mount in background slices after the first screen, as fast as the machine allows.
const allMounted = (count: number) => waitFor(() => expect(document.querySelectorAll('[data-rivulet="message"]')).toHaveLength(count), { timeout: 60_000 })

describe('<Chat> grouped messages', () => {
  it('renders only the last group for a token, never the groups above it', { timeout: 120_000 }, async () => {
    // Three groups: two full ones and the last, which the question and the answer join.
    const count = GROUP_SIZE * 2 + 6
    const thread = restore(longThread(count))
    await allMounted(count)
    await act(async () => {
      void thread.client.send('And the Rhine?')
    })
    await waitFor(() => expect(thread.started()).toBe(true))
    await act(async () => thread.emit({ type: 'start', streamId: 's1' }))
    const lastGroupIds = new Set([...longThread(count).slice(GROUP_SIZE * 2).map((m) => m.id), ...thread.client.getSnapshot().messages.slice(count).map((m) => m.id)])
    for (let i = 0; i < 12; i++) {
      thread.asked.length = 0
      const word = `token${i}x`
      await act(async () => thread.emit({ type: 'token', content: `${word} ` }))
      await waitFor(() => expect(screen.getByRole('log').textContent).toContain(word))
      const streamingId = thread.client.getSnapshot().messages.at(-1)!.id
      // The group holding the answer rendered (it asked about the answer)…
      expect(thread.asked).toContain(streamingId)
      // …and no group above it did.
      expect(thread.asked.filter((id) => !lastGroupIds.has(id) && id !== streamingId)).toEqual([])
    }
    await act(async () => thread.emit({ type: 'done' }))
  })

  it('renders a settled message again when it changes, in whichever group it is', { timeout: 120_000 }, async () => {
    const messages = longThread(GROUP_SIZE + 4)
    const thread = restore(messages)
    await allMounted(messages.length)
    const edited = messages.map((message, index) => (index === 3 ? { ...message, parts: [{ type: 'text' as const, text: 'A changed question' }] } : message))
    thread.asked.length = 0
    act(() => thread.client.setMessages(edited))
    expect(screen.getByRole('log').textContent).toContain('A changed question')
    expect(screen.getByRole('log').textContent).not.toContain(messages[3]!.parts[0]!.type === 'text' ? (messages[3]!.parts[0] as { text: string }).text : '?')
    expect(thread.asked).toContain(messages[3]!.id)
  })
})
