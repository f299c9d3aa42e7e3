import { render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { branchTreeFromMessages } from '../../core/branches/branch-tree.ts'
import { syncScheduler } from '../../core/frame-scheduler.ts'
import { createLocalStoragePersistence } from '../../core/persistence/local-storage-persistence.ts'
import { THREAD_RECORD_VERSION } from '../../core/persistence/thread-record.ts'
import type { ChatMessage } from '../../core/state.ts'
import { createMemoryTransport } from '../../core/transports/memory-transport.ts'
import { Chat } from './chat.tsx'

afterEach(() => localStorage.clear())

const conversation: ChatMessage[] = [
  { id: 'u0', role: 'user', parts: [{ type: 'text', text: 'Which river is longest?' }] },
  { id: 'a0', role: 'assistant', parts: [{ type: 'text', text: 'The Nile, by most counts.' }] },
  { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'And in Europe?' }] },
  { id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'The Volga.' }] },
]

function storeThread() {
  createLocalStoragePersistence().save('t1', { version: THREAD_RECORD_VERSION, id: 't1', title: 'Rivers', createdAt: 1, updatedAt: 2, tree: branchTreeFromMessages(conversation) })
  return JSON.parse(localStorage.getItem('rivulet:thread:t1')!) as { tree: { nodes: Record<string, { key: string }> } }
}

function openChat() {
  const transport = createMemoryTransport({ respond: () => [] })
  render(<Chat transport={transport} options={{ id: 't1', persistence: createLocalStoragePersistence(), scheduler: syncScheduler }} />)
}

describe('<Chat> with a damaged saved thread', () => {
  it('shows what could be read, the broken message as an error in its place, and says the thread was only partly read', async () => {
    const head = storeThread()
    localStorage.setItem(`rivulet:message:t1:${head.tree.nodes.a0!.key}`, '{"id":"a0","role":"assist')
    openChat()
    await waitFor(() => expect(document.querySelector('[data-rivulet="thread-notice"]')).toHaveTextContent('Part of this saved conversation could not be read'))
    expect(document.querySelector('[data-rivulet="thread-notice"]')).toHaveAttribute('role', 'alert')
    const log = screen.getByRole('log')
    expect(within(log).getByText('Which river is longest?')).toBeInTheDocument()
    expect(within(log).getByText('The Volga.')).toBeInTheDocument()
    expect(within(log).queryByText('The Nile, by most counts.')).toBeNull()
  })

  it('says the thread could not be opened when nothing of it can be read', async () => {
    storeThread()
    localStorage.setItem('rivulet:thread:t1', '{"version":2,"tree":')
    openChat()
    await waitFor(() => expect(document.querySelector('[data-rivulet="thread-notice"]')).toHaveTextContent('This saved conversation could not be opened'))
    expect(screen.getByRole('log')).not.toHaveTextContent('Which river')
  })
})
