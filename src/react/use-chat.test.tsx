import { act, render, renderHook } from '@testing-library/react'
import { memo, StrictMode, useEffect } from 'react'
import { describe, expect, it, vi } from 'vitest'
import type { ChatEvent } from '../protocol/events.ts'
import { encodeEvent } from '../protocol/encode.ts'
import { createChatClient } from '../core/chat-client.ts'
import { createFrameScheduler, syncScheduler } from '../core/frame-scheduler.ts'
import type { ChatMessage } from '../core/state.ts'
import { createMemoryTransport } from '../core/transports/memory-transport.ts'
import { ChatProvider } from './chat-context.tsx'
import { useChatMessage, useChatStatus } from './selectors.ts'
import { useChat } from './use-chat.ts'

/** Frames run only when the test says so: one call of `frame()` is one animation frame. */
function manualFrames() {
  let pending: (() => void) | undefined
  const scheduler = createFrameScheduler({
    requestFrame: (callback) => {
      pending = callback
      return 1
    },
    cancelFrame: () => {
      pending = undefined
    },
    // Frames come only from frame(): under load, writing 1,000 tokens takes longer than the
    // default 100 ms after which the scheduler stops waiting for a frame and uses a timer.
    maxFrameDelay: 600_000,
    isHidden: () => false,
  })
  return {
    scheduler,
    frame: () =>
      act(() => {
        const run = pending
        pending = undefined
        run?.()
      }),
  }
}

/** A body the test writes into, frame by frame. */
function controlledBody() {
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const stream = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) })
  return {
    stream,
    push: (events: ChatEvent[]) => controller.enqueue(new TextEncoder().encode(events.map(encodeEvent).join(''))),
  }
}

/**
 * Waits for the client's request inside `act`, then lets the client finish opening the response,
 * so any state it publishes meanwhile renders now, not in the middle of the next step's count.
 */
async function requestOpened(bodies: unknown[], count: number) {
  await act(async () => {
    await vi.waitFor(() => expect(bodies).toHaveLength(count))
    await new Promise((r) => setTimeout(r, 0))
  })
}

const tokens = (from: number, count: number): ChatEvent[] =>
  Array.from({ length: count }, (_, i) => ({ type: 'token', seq: from + i, content: 'x' }))

describe('useChat', () => {
  it('commits at most once per frame: 1,000 tokens in one frame render once', async () => {
    const { scheduler, frame } = manualFrames()
    const bodies: ReturnType<typeof controlledBody>[] = []
    const client = createChatClient({
      scheduler,
      transport: createMemoryTransport({
        respond: () => {
          const body = controlledBody()
          bodies.push(body)
          return body.stream
        },
      }),
    })
    const renders: number[] = []
    function View() {
      const { messages } = useChat({ chat: client })
      renders.push(messages.length)
      return null
    }
    render(<View />)
    const rendersBefore = renders.length
    await act(async () => void client.send('go'))
    expect(renders.length).toBe(rendersBefore + 1) // the user message shows at once

    await requestOpened(bodies, 1)
    const afterSubmit = renders.length
    await act(async () => {
      bodies[0]!.push([{ type: 'start', seq: 0, streamId: 's' }, ...tokens(1, 1000)])
      await new Promise((r) => setTimeout(r, 0))
    })
    expect(renders.length).toBe(afterSubmit) // nothing until the frame
    frame()
    expect(renders.length).toBe(afterSubmit + 1)
    const text = (client.getSnapshot().messages[1]!.parts[0] as { text: string }).text
    expect(text).toHaveLength(1000)

    await act(async () => {
      bodies[0]!.push([{ type: 'done', seq: 1001 }])
      await new Promise((r) => setTimeout(r, 0))
    })
    // `done` publishes at once, without waiting for a frame.
    expect(renders.length).toBe(afterSubmit + 2)
    expect(client.getSnapshot().status).toBe('ready')
  })

  it('never re-renders a finished message while the next one streams', async () => {
    const { scheduler, frame } = manualFrames()
    const bodies: ReturnType<typeof controlledBody>[] = []
    const client = createChatClient({
      scheduler,
      transport: createMemoryTransport({
        respond: () => {
          const body = controlledBody()
          bodies.push(body)
          return body.stream
        },
      }),
    })
    const renderCount = new Map<string, number>()
    const Message = memo(function Message({ message }: { message: ChatMessage }) {
      renderCount.set(message.id, (renderCount.get(message.id) ?? 0) + 1)
      return null
    })
    function List() {
      const { messages } = useChat({ chat: client })
      return messages.map((m) => <Message key={m.id} message={m} />)
    }
    let statusRenders = 0
    function Badge() {
      useChatStatus(client)
      statusRenders++
      return null
    }
    render(
      <>
        <List />
        <Badge />
      </>,
    )
    const stream = async (turn: number, events: ChatEvent[]) => {
      await act(async () => {
        bodies[turn]!.push(events)
        await new Promise((r) => setTimeout(r, 0))
      })
      frame()
    }

    await act(async () => void client.send('first'))
    await requestOpened(bodies, 1)
    await stream(0, [{ type: 'start', seq: 0, streamId: 'a' }, ...tokens(1, 5)])
    await stream(0, [{ type: 'done', seq: 6 }])
    const first = client.getSnapshot().messages[1]!
    const firstRenders = renderCount.get(first.id)

    await act(async () => void client.send('second'))
    await requestOpened(bodies, 2)
    await stream(1, [{ type: 'start', seq: 0, streamId: 'b' }])
    const badgeBefore = statusRenders
    for (let i = 0; i < 10; i++) await stream(1, tokens(1 + i * 3, 3))
    expect(renderCount.get(first.id)).toBe(firstRenders)
    // The badge only cares about status, which did not change while tokens streamed.
    expect(statusRenders).toBe(badgeBefore)
    const second = client.getSnapshot().messages[3]!
    expect(renderCount.get(second.id)).toBeGreaterThanOrEqual(10)
  })

  it('survives 100 mount → stream → unmount cycles with every request aborted and no late writes', async () => {
    const signals: AbortSignal[] = []
    const bodies: ReturnType<typeof controlledBody>[] = []
    const transport = createMemoryTransport({
      respond: ({ signal }) => {
        signals.push(signal)
        const body = controlledBody()
        bodies.push(body)
        return body.stream
      },
    })
    const clients: ReturnType<typeof useChat>['client'][] = []
    function Chat() {
      const chat = useChat({ transport })
      const { client, send } = chat
      useEffect(() => {
        clients.push(client)
        void send('hi')
      }, [client, send])
      return <p>{chat.messages.length}</p>
    }
    for (let i = 0; i < 100; i++) {
      const view = render(
        <StrictMode>
          <Chat />
        </StrictMode>,
      )
      await vi.waitFor(() => expect(bodies.length).toBeGreaterThan(i))
      const body = bodies.at(-1)!
      await act(async () => {
        body.push([{ type: 'start', seq: 0, streamId: `s${i}` }, ...tokens(1, 3)])
        await new Promise((r) => setTimeout(r, 0))
      })
      view.unmount()
      const client = clients.at(-1)!
      const atUnmount = client.getSnapshot()
      // The server keeps talking after the tab is gone: nothing may reach state.
      try {
        body.push([...tokens(4, 3), { type: 'done', seq: 7 }])
      } catch {
        // The client already cancelled the body: even better.
      }
      await new Promise((r) => setTimeout(r, 0))
      expect(client.getSnapshot()).toBe(atUnmount)
    }
    expect(signals.length).toBeGreaterThanOrEqual(100)
    expect(signals.every((s) => s.aborted)).toBe(true)
  })

  it('shares one chat through ChatProvider with selector hooks', async () => {
    const client = createChatClient({
      transport: createMemoryTransport({
        respond: () => [
          { type: 'start', seq: 0, streamId: 's' },
          { type: 'token', seq: 1, content: 'Hi' },
          { type: 'done', seq: 2 },
        ],
      }),
      scheduler: createFrameScheduler({ requestFrame: (cb) => (queueMicrotask(cb), 1), cancelFrame: () => {} }),
    })
    function Status() {
      return <output>{useChatStatus()}</output>
    }
    function Last() {
      const id = client.getSnapshot().messages.at(-1)?.id ?? ''
      const message = useChatMessage(id)
      return <span>{message?.role ?? 'none'}</span>
    }
    const tree = () => (
      <ChatProvider chat={client}>
        <Status />
        <Last />
      </ChatProvider>
    )
    const view = render(tree())
    expect(view.container.querySelector('output')!.textContent).toBe('idle')
    expect(view.container.querySelector('span')!.textContent).toBe('none')
    await act(async () => {
      await client.send('hello')
    })
    expect(view.container.querySelector('output')!.textContent).toBe('ready')
    // Re-rendered, Last now asks for the assistant message by its id and gets it.
    view.rerender(tree())
    expect(view.container.querySelector('span')!.textContent).toBe('assistant')
  })

  it('passes decoder options through: thinkTags false keeps <think> as text', async () => {
    const body = [
      'data: {"choices":[{"index":0,"delta":{"content":"<think>hmm</think>Hi"}}]}\n\n',
      'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n',
      'data: [DONE]\n\n',
    ].join('')
    const transport = createMemoryTransport({ respond: () => body })
    const kept = renderHook(() => useChat({ transport, format: 'openai-chat', decoder: { thinkTags: false }, scheduler: syncScheduler }))
    await act(async () => {
      await kept.result.current.send('hello')
    })
    expect(kept.result.current.messages.at(-1)!.parts).toEqual([{ type: 'text', text: '<think>hmm</think>Hi' }])
    const split = renderHook(() => useChat({ transport, format: 'openai-chat', scheduler: syncScheduler }))
    await act(async () => {
      await split.result.current.send('hello')
    })
    expect(split.result.current.messages.at(-1)!.parts.map((p) => p.type)).toEqual(['reasoning', 'text'])
  })
})
