import { act, render, screen, waitFor, within } from '@testing-library/react'
import { Profiler } from 'react'
import { describe, expect, it } from 'vitest'
import { createChatClient } from '../../core/chat-client.ts'
import { createMemoryTransport } from '../../core/transports/memory-transport.ts'
import type { ChatEvent } from '../../protocol/events.ts'
import { StreamInspector } from './stream-inspector.tsx'

function answer(tokens: number): ChatEvent[] {
  const events: ChatEvent[] = [{ type: 'start', seq: 0, streamId: 's1' }]
  for (let i = 1; i <= tokens; i++) events.push({ type: 'token', seq: i, content: `t${i} ` })
  events.push({ type: 'done', seq: tokens + 1, finishReason: 'stop' })
  return events
}

const metric = (container: HTMLElement, key: string) => container.querySelector(`[data-metric="${key}"]`)?.textContent
const legendCount = (kind: string) =>
  within(screen.getByRole('list', { name: 'Legend' })).getAllByRole('listitem').find((li) => li.getAttribute('data-kind') === kind)?.querySelector('[data-rivulet="inspector-count"]')?.textContent

describe('StreamInspector', () => {
  it('shows a finished turn: metrics, timeline counts and the raw frames', async () => {
    const client = createChatClient({ transport: createMemoryTransport({ respond: () => answer(5) }) })
    const { container } = render(<StreamInspector chat={client} />)
    const root = container.querySelector('[data-rivulet="stream-inspector"]')!
    expect(root).toHaveAttribute('data-state', 'idle')
    await act(() => client.send('Hi'))
    await waitFor(() => expect(root).toHaveAttribute('data-state', 'done'))
    expect(metric(container, 'events')).toBe('7')
    expect(metric(container, 'tokens')).toBe('5')
    expect(metric(container, 'ttft')).toMatch(/ms$/)
    expect(legendCount('token')).toBe('5')
    expect(legendCount('chunk')).toBe('7')
    expect(legendCount('request')).toBe('1')
    const frames = within(screen.getByRole('list', { name: 'Frames' })).getAllByRole('listitem')
    expect(frames).toHaveLength(7)
    expect(frames[1]).toHaveTextContent('"type":"token","seq":1,"content":"t1 "')
    expect(container.querySelector('path[data-kind="token"]')?.getAttribute('d')).toMatch(/^(M[\d.]+ 3V17){5}$/)
  })

  it('renders once per frame, not once per chunk, and caps the listed frames', async () => {
    const client = createChatClient({ transport: createMemoryTransport({ respond: () => answer(300) }) })
    let commits = 0
    const { container } = render(
      <Profiler id="inspector" onRender={() => commits++}>
        <StreamInspector chat={client} maxEntries={20} />
      </Profiler>,
    )
    await act(() => client.send('Hi'))
    await waitFor(() => expect(container.querySelector('[data-rivulet="stream-inspector"]')).toHaveAttribute('data-state', 'done'))
    expect(commits).toBeLessThan(10)
    expect(within(screen.getByRole('list', { name: 'Frames' })).getAllByRole('listitem')).toHaveLength(20)
    expect(screen.getByText('282 earlier frames not shown')).toBeInTheDocument()
    expect(legendCount('token')).toBe('300')
  })

  it('marks a failed turn as an error and lists it as an incident', async () => {
    const client = createChatClient({
      maxRetries: 0,
      transport: createMemoryTransport({ respond: () => new Response('nope', { status: 400 }) }),
    })
    const { container } = render(<StreamInspector chat={client} />)
    await act(() => client.send('Hi'))
    await waitFor(() => expect(container.querySelector('[data-rivulet="stream-inspector"]')).toHaveAttribute('data-state', 'error'))
    expect(within(screen.getByRole('list', { name: 'Incidents' })).getByRole('listitem')).toHaveTextContent(/failed http/)
    expect(container.querySelector('line[data-kind="error"]')).not.toBeNull()
  })

  it('starts a new timeline for the next turn', async () => {
    let turn = 0
    const client = createChatClient({ transport: createMemoryTransport({ respond: () => answer(++turn === 1 ? 8 : 2) }) })
    const { container } = render(<StreamInspector chat={client} />)
    await act(() => client.send('One'))
    await waitFor(() => expect(legendCount('token')).toBe('8'))
    await act(() => client.send('Two'))
    await waitFor(() => expect(legendCount('token')).toBe('2'))
    expect(within(screen.getByRole('list', { name: 'Frames' })).getAllByRole('listitem')).toHaveLength(4)
    void container
  })

  it('spreads props onto its root', () => {
    const client = createChatClient({ transport: createMemoryTransport({ respond: () => answer(1) }) })
    render(<StreamInspector chat={client} className="debug" data-testid="inspector" />)
    expect(screen.getByTestId('inspector')).toHaveClass('debug')
  })
})
