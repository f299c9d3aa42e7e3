import { act, fireEvent, render, screen } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import type { ChatMessage } from '../../core/state.ts'
import { Message } from '../message/message.tsx'
import { ChatMessageItem } from '../chat/chat-message-item.tsx'
import { createRovingTabStop } from '../chat/message-focus.ts'
import { partsChunk, type PartsChunk } from './parts-chunk.ts'
import { MessageExtrasContext, type MessageExtras } from './message-extras-chunk.ts'

/** A chunk the test lets through (or fails) by hand: no timing involved. */
function heldChunk() {
  const attempts: { resolve: () => void; reject: (error: Error) => void }[] = []
  const chunk: PartsChunk<MessageExtras> = partsChunk(
    () =>
      new Promise<MessageExtras>((resolve, reject) => {
        attempts.push({ resolve: () => void import('./message-extras.ts').then(resolve), reject })
      }),
  )
  return { chunk, attempts }
}

const answer: ChatMessage = {
  id: 'a1',
  role: 'assistant',
  parts: [
    { type: 'text', text: 'Checking the weather.' },
    { type: 'tool-call', id: 'c1', name: 'get_weather', state: 'approval-requested', argsText: '{"city":"Oslo"}', args: { city: 'Oslo' } },
    { type: 'file', mediaType: 'application/pdf', url: 'https://files.example/report.pdf', name: 'report.pdf' },
    { type: 'source', id: 's1', url: 'https://example.com/rivers', title: 'Rivers of Europe' },
    { type: 'error', code: 'network', message: 'socket hang up', resumable: false },
  ],
}

const wrap = (chunk: PartsChunk<MessageExtras>, children: ReactNode) => <MessageExtrasContext.Provider value={chunk}>{children}</MessageExtrasContext.Provider>

describe('message parts from the lazy chunk', () => {
  it('show fallbacks laid out like the parts while the chunk is held back, then the parts in the same elements', async () => {
    const { chunk, attempts } = heldChunk()
    const view = render(wrap(chunk, <Message message={answer} onRetry={() => {}} onApprovalResponse={() => {}} />))
    // The text and the card's header are there at once; the card's region too, still empty.
    expect(screen.getByText('Checking the weather.')).toBeInTheDocument()
    const card = view.container.querySelector('[data-rivulet="tool-call"]')!
    expect(card).toHaveAttribute('data-tool-name', 'get_weather')
    expect(card.querySelector('[data-rivulet="tool-call-content"]')).not.toBeNull()
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull()
    // The error says what happened; the file shows its name; the sources list waits.
    expect(view.container.querySelector('[data-rivulet="error-notice"]')).toHaveTextContent(/connection/i)
    expect(view.container.querySelector('[data-rivulet="file"]')).toHaveTextContent('report.pdf')
    expect(view.container.querySelector('[data-rivulet="sources"]')).toBeNull()
    expect(screen.queryByRole('alert')).toBeNull()
    expect(attempts).toHaveLength(1)

    await act(async () => attempts[0]!.resolve())
    await screen.findByRole('button', { name: 'Approve' })
    // The card is the same element: its header did not remount, so nothing above it moved.
    expect(view.container.querySelector('[data-rivulet="tool-call"]')).toBe(card)
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: /report\.pdf/ })).toBeInTheDocument()
    expect(screen.getByText('Rivers of Europe')).toBeInTheDocument()
  })

  it('a failed load says so with Retry and loses nothing; Retry loads the parts', async () => {
    const { chunk, attempts } = heldChunk()
    render(wrap(chunk, <Message message={answer} onApprovalResponse={() => {}} />))
    await act(async () => attempts[0]!.reject(new Error('Failed to fetch dynamically imported module')))
    const alerts = await screen.findAllByRole('alert')
    expect(alerts.length).toBeGreaterThan(0)
    expect(alerts[0]).toHaveTextContent('This part could not be loaded.')
    expect(alerts[0]).toHaveAttribute('title', 'Failed to fetch dynamically imported module')
    // Everything the message holds is still shown.
    expect(screen.getByText('Checking the weather.')).toBeInTheDocument()
    expect(screen.getByText('report.pdf')).toBeInTheDocument()

    fireEvent.click(screen.getAllByRole('button', { name: 'Retry' })[0]!)
    expect(attempts).toHaveLength(2)
    await act(async () => attempts[1]!.resolve())
    await screen.findByRole('button', { name: 'Approve' })
    expect(screen.queryByText('This part could not be loaded.')).toBeNull()
    expect(screen.getByText('Rivers of Europe')).toBeInTheDocument()
  })

  it('the action bar takes no room until it lands, and an edit in progress shows its text', async () => {
    const { chunk, attempts } = heldChunk()
    const user: ChatMessage = { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Hello there' }] }
    const noop = vi.fn()
    const props = { streaming: false, busy: false, branchIndex: 0, branchCount: 1, actions: true, onSwitchBranch: noop, onRegenerate: noop, onStartEdit: noop, onSaveEdit: noop, onCancelEdit: noop, onFeedback: undefined, last: true, hoverless: false, tabStop: createRovingTabStop() }
    const view = render(
      wrap(
        chunk,
        <>
          <ChatMessageItem {...props} message={answer} editing={false} />
          <ChatMessageItem {...props} message={user} editing />
        </>,
      ),
    )
    expect(view.container.querySelector('[data-rivulet="action-bar"]')).toBeNull()
    expect(view.container.querySelector('[data-editing] [data-rivulet="user-text"]')).toHaveTextContent('Hello there')
    await act(async () => attempts[0]!.resolve())
    await screen.findByRole('textbox')
    expect(screen.getByRole('textbox')).toHaveValue('Hello there')
    expect(view.container.querySelector('[data-rivulet="action-bar"]')).not.toBeNull()
  })

  it('the branch picker shows its position until it lands, then the arrows join it in the same footer', async () => {
    const { chunk, attempts } = heldChunk()
    const noop = vi.fn()
    const props = { streaming: false, busy: false, actions: false, editing: false, onSwitchBranch: noop, onRegenerate: noop, onStartEdit: noop, onSaveEdit: noop, onCancelEdit: noop, onFeedback: undefined, last: true, hoverless: false, tabStop: createRovingTabStop() }
    const view = render(
      wrap(
        chunk,
        <>
          <ChatMessageItem {...props} message={answer} branchIndex={1} branchCount={3} />
          <ChatMessageItem {...props} message={{ ...answer, id: 'a2' }} branchIndex={0} branchCount={1} />
        </>,
      ),
    )
    const footers = view.container.querySelectorAll('[data-rivulet="message-footer"]')
    expect(footers).toHaveLength(1)
    expect(footers[0]!.querySelector('[data-rivulet="branch-position"]')).toHaveTextContent('2 / 3')
    expect(screen.queryByRole('button', { name: 'Next alternative' })).toBeNull()
    await act(async () => attempts[0]!.resolve())
    fireEvent.click(await screen.findByRole('button', { name: 'Next alternative' }))
    expect(noop).toHaveBeenCalledWith('a1', 2)
    expect(view.container.querySelector('[data-rivulet="message-footer"]')).toBe(footers[0])
    expect(screen.getByRole('group', { name: 'Alternatives' })).toHaveTextContent('2 / 3')
  })
})
