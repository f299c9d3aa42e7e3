import { act, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { destroyTrackedChats, trackChat } from '../../../test/support/chat-cleanup.ts'
import { heldChunk } from '../../../test/support/held-chunk.ts'
import { branchTreeFromMessages } from '../../core/branches/branch-tree.ts'
import { createChatClientWith } from '../../core/chat-client.ts'
import { chatEngine } from '../../core/client/chat-engine-chunk.ts'
import { syncScheduler } from '../../core/frame-scheduler.ts'
import { createLocalStoragePersistence } from '../../core/persistence/local-storage-persistence.ts'
import { THREAD_RECORD_VERSION } from '../../core/persistence/thread-record.ts'
import type { ChatMessage } from '../../core/state.ts'
import { Chat } from './chat.tsx'

afterEach(async () => {
  await destroyTrackedChats()
  localStorage.clear()
})

const conversation: ChatMessage[] = [
  { id: 'u0', role: 'user', parts: [{ type: 'text', text: 'Which river is longest?' }] },
  { id: 'a0', role: 'assistant', parts: [{ type: 'text', text: 'The Nile, by most counts.' }] },
]

describe('<Chat> while its stored thread is being read (the thread sync chunk still loading)', () => {
  it('is busy, not empty: no empty state until the thread is read, then the thread', async () => {
    createLocalStoragePersistence().save('t1', { version: THREAD_RECORD_VERSION, id: 't1', createdAt: 1, updatedAt: 2, tree: branchTreeFromMessages(conversation) })
    const sync = heldChunk(() => import('../../core/persistence/thread-sync-module.ts'))
    const client = trackChat(createChatClientWith({ id: 't1', persistence: createLocalStoragePersistence(), scheduler: syncScheduler }, chatEngine, sync.chunk))
    render(<Chat chat={client} emptyState={<p>Ask about rivers</p>} />)
    const log = screen.getByRole('log')
    expect(log).toHaveAttribute('aria-busy', 'true')
    expect(screen.queryByText('Ask about rivers')).toBeNull()
    const attempt = await sync.started(1)
    await act(async () => attempt.release())
    await waitFor(() => expect(within(log).getByText('Which river is longest?')).toBeInTheDocument())
    expect(log).toHaveAttribute('aria-busy', 'false')
    expect(screen.queryByText('Ask about rivers')).toBeNull()
  })

  it('shows the empty state once it is read and there was no thread', async () => {
    const sync = heldChunk(() => import('../../core/persistence/thread-sync-module.ts'))
    const client = trackChat(createChatClientWith({ id: 'new', persistence: createLocalStoragePersistence(), scheduler: syncScheduler }, chatEngine, sync.chunk))
    render(<Chat chat={client} emptyState={<p>Ask about rivers</p>} />)
    expect(screen.queryByText('Ask about rivers')).toBeNull()
    const attempt = await sync.started(1)
    await act(async () => attempt.release())
    await waitFor(() => expect(screen.getByText('Ask about rivers')).toBeInTheDocument())
    expect(screen.getByRole('log')).toHaveAttribute('aria-busy', 'false')
  })
})
