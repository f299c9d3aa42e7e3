import type { ChatMessage } from '../state.ts'
import { PersistenceError } from './persistence-error.ts'
import { validateStoredMessage } from './validate-thread-record.ts'

/** The cursor format version; a cursor of another version is ignored (it is only a hint). */
const CURSOR_VERSION = 1

/**
 * Where an unfinished answer stands, so a reloaded page can pick its stream up again:
 * which thread and stream, which assistant message it fills, the last `seq` applied, and
 * that message as it was at `lastSeq` (the two always belong together).
 */
export interface ActiveStreamCursor {
  threadId: string
  streamId: string
  messageId: string
  /** The last event applied to `message`; -1 before any. */
  lastSeq: number
  /** The partial assistant message at `lastSeq`. */
  message: ChatMessage
  /** Epoch ms of the write; old cursors are dropped by `maxAgeMs`. */
  savedAt: number
}

/**
 * Keeps the active stream cursor of each thread. Writes happen when a stream starts and when
 * the page is hidden or unloaded (never per token); the cursor is cleared when the turn
 * settles.
 */
export interface StreamCursorStore {
  load(threadId: string): ActiveStreamCursor | undefined
  save(cursor: ActiveStreamCursor): void
  clear(threadId: string): void
}

/** Options of {@link createSessionCursorStore}. */
export interface SessionCursorStoreOptions {
  /** @default () => globalThis.sessionStorage */
  storage?: () => Storage | undefined
  /** @default 'rivulet:cursor:' */
  prefix?: string
  /** A cursor older than this is dropped on load: its stream has surely expired. @default 10 minutes */
  maxAgeMs?: number
  /** @default Date.now */
  now?: () => number
}

function checkCursor(value: unknown, threadId: string): ActiveStreamCursor | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const c = value as Record<string, unknown>
  if (c.version !== CURSOR_VERSION || c.threadId !== threadId) return undefined
  if (typeof c.streamId !== 'string' || typeof c.messageId !== 'string' || typeof c.savedAt !== 'number') return undefined
  if (typeof c.lastSeq !== 'number' || !Number.isInteger(c.lastSeq) || c.lastSeq < -1) return undefined
  let message: ChatMessage
  try {
    message = validateStoredMessage(c.message)
  } catch {
    return undefined
  }
  if (message.id !== c.messageId || message.role !== 'assistant') return undefined
  return { threadId, streamId: c.streamId, messageId: c.messageId, lastSeq: c.lastSeq, message, savedAt: c.savedAt }
}

/**
 * Stream cursors in `sessionStorage`: they survive a reload of the tab but not closing it,
 * and another tab never resumes this tab's stream. A corrupt, foreign-version or stale cursor
 * reads as none (it is a hint, never worth an error). Writes that fail (no storage, full)
 * throw a {@link PersistenceError}; the client reports it and carries on.
 *
 * @example
 * useChat({ id: 'trip', resume: true, cursorStore: createSessionCursorStore() })
 */
export function createSessionCursorStore(options: SessionCursorStoreOptions = {}): StreamCursorStore {
  const prefix = options.prefix ?? 'rivulet:cursor:'
  const maxAge = options.maxAgeMs ?? 10 * 60_000
  const now = options.now ?? Date.now

  function storage(): Storage | undefined {
    try {
      return options.storage ? options.storage() : globalThis.sessionStorage
    } catch {
      return undefined
    }
  }

  return {
    load(threadId) {
      let text: string | null | undefined
      try {
        text = storage()?.getItem(prefix + threadId)
      } catch {
        return undefined
      }
      if (!text) return undefined
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch {
        return undefined
      }
      const cursor = checkCursor(parsed, threadId)
      if (cursor === undefined || now() - cursor.savedAt > maxAge) return undefined
      return cursor
    },
    save(cursor) {
      const store = storage()
      if (!store) throw new PersistenceError('unavailable', 'There is no sessionStorage to keep the stream cursor in')
      try {
        store.setItem(prefix + cursor.threadId, JSON.stringify({ ...cursor, version: CURSOR_VERSION }))
      } catch (error) {
        throw new PersistenceError('quota', 'sessionStorage refused the stream cursor', { cause: error })
      }
    },
    clear(threadId) {
      try {
        storage()?.removeItem(prefix + threadId)
      } catch {
        // Nothing to clear where there is no storage.
      }
    },
  }
}
