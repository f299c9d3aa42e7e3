import { act, renderHook, waitFor } from '@testing-library/react'
import { StrictMode, type ReactNode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { syncScheduler } from '../core/frame-scheduler.ts'
import { messageText } from '../core/message-text.ts'
import { createLocalStoragePersistence } from '../core/persistence/local-storage-persistence.ts'
import type { ChatStatus } from '../core/state.ts'
import { createMemoryTransport } from '../core/transports/memory-transport.ts'
import { destroyTrackedChats } from '../../test/support/chat-cleanup.ts'
import { leaveUnfinishedThread } from '../../test/support/unfinished-thread.ts'
import { useChat } from './use-chat.ts'

/*
 * useChat({ resume: true }) on a reloaded page: the resume request waits one task (StrictMode's
 * mount → unmount → mount must resume once), but the status is `reconnecting` from the very
 * first render, so a "reconnecting…" UI never shows the answer as idle.
 */

// useChat makes its own clients (under StrictMode one more that is never mounted, so nothing
// ever flushes it): each is tracked and destroyed after the test, before the storage is cleared.
vi.mock('../core/chat-client.ts', async (original) => (await import('../../test/support/chat-cleanup.ts')).trackingChatClientModule(await original()))

afterEach(async () => {
  await destroyTrackedChats()
  localStorage.clear()
  sessionStorage.clear()
})

describe('useChat resuming a reloaded answer', () => {
  for (const strict of [false, true]) {
    it(`reports reconnecting from the first render, before its request${strict ? ' (StrictMode, one resume)' : ''}`, async () => {
      const persistence = createLocalStoragePersistence()
      await leaveUnfinishedThread({ threadId: `trip-${strict}`, persistence, streamId: 's1', partial: 'The Nile' })
      const resumes: string[] = []
      let release = () => {}
      const transport = createMemoryTransport({
        respond: () => [],
        resume: async (request) => {
          resumes.push(`${request.streamId}@${request.lastEventId}`)
          // Held until the test has looked at the renders before the resume's answer.
          await new Promise<void>((resolve) => (release = resolve))
          return [
            { type: 'token', seq: 2, content: ' river' },
            { type: 'done', seq: 3 },
          ]
        },
      })
      const seen: { status: ChatStatus; isStreaming: boolean }[] = []
      const wrapper = ({ children }: { children: ReactNode }) => (strict ? <StrictMode>{children}</StrictMode> : <>{children}</>)
      const { result } = renderHook(
        () => {
          const chat = useChat({ id: `trip-${strict}`, persistence, transport, scheduler: syncScheduler, resume: true })
          seen.push({ status: chat.status, isStreaming: chat.isStreaming })
          return chat
        },
        { wrapper },
      )
      // Rendered and committed; the deferred resume has not run yet.
      expect(resumes).toEqual([])
      expect(seen[0]).toEqual({ status: 'reconnecting', isStreaming: true })
      await waitFor(() => expect(resumes).toEqual(['s1@1']), { timeout: 5000 })
      expect(result.current.status).toBe('reconnecting')
      expect(messageText(result.current.messages[1]!)).toBe('The Nile')
      await act(async () => release())
      await waitFor(() => expect(result.current.status).toBe('ready'), { timeout: 5000 })
      expect(messageText(result.current.messages[1]!)).toBe('The Nile river')
      expect(resumes).toHaveLength(1)
      expect(seen.map((s) => s.status)).not.toContain('idle')
    })
  }
})
