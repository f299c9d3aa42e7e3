import { PersistenceError } from './persistence-error.ts'
import { stringifyThreadRecord } from './stringify-record.ts'
import { summarizeThread, type ThreadPersistence, type ThreadRecord, type ThreadSummary } from './thread-record.ts'
import { validateThreadRecord } from './validate-thread-record.ts'

/** Options of {@link createLocalStoragePersistence}. */
export interface LocalStoragePersistenceOptions {
  /**
   * The storage to use, looked up on every call (so importing on a server is harmless).
   * @default () => globalThis.localStorage
   */
  storage?: () => Storage | undefined
  /** Prefix of every key written. @default 'rivulet:' */
  prefix?: string
}

function isQuotaError(error: unknown): boolean {
  if (!(error instanceof Error) && !(typeof DOMException !== 'undefined' && error instanceof DOMException)) return false
  const { name, code } = error as { name: string; code?: number }
  // Chromium/WebKit: QuotaExceededError (code 22); old Firefox: NS_ERROR_DOM_QUOTA_REACHED (1014).
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014
}

/**
 * Stores threads in `localStorage`: one key per thread (`rivulet:thread:<id>`) and a small
 * index of summaries (`rivulet:threads`) so `list()` does not parse every tree. Records are
 * validated on load. A full storage gives a `quota` error, a missing or blocked one (private
 * mode, disabled cookies, server rendering) an `unavailable` error; nothing is half-written:
 * the index is only updated after its thread was stored.
 *
 * Why not IndexedDB: a thread of 1,000 messages is a few hundred KB of JSON, well inside the
 * 5 MB localStorage quota, and a synchronous store needs no open/upgrade dance. Writes happen
 * only after a turn settles (debounced by the client), never per token. Pass your own adapter
 * for larger histories.
 *
 * @example
 * useChat({ id: 'trip', persistence: createLocalStoragePersistence() })
 */
export function createLocalStoragePersistence(options: LocalStoragePersistenceOptions = {}): ThreadPersistence {
  const prefix = options.prefix ?? 'rivulet:'
  const indexKey = `${prefix}threads`
  const threadKey = (id: string) => `${prefix}thread:${id}`

  function storage(): Storage {
    let found: Storage | undefined
    try {
      found = options.storage ? options.storage() : globalThis.localStorage
    } catch (error) {
      // Reading window.localStorage itself throws a SecurityError when storage is blocked.
      throw new PersistenceError('unavailable', 'localStorage is blocked in this browser', { cause: error })
    }
    if (found === undefined || found === null) throw new PersistenceError('unavailable', 'There is no localStorage here (server rendering or a locked-down browser)')
    return found
  }

  function write(key: string, value: string, what: string) {
    const store = storage()
    try {
      store.setItem(key, value)
    } catch (error) {
      if (isQuotaError(error)) throw new PersistenceError('quota', `localStorage is full: ${what} was not saved`, { cause: error })
      throw new PersistenceError('unavailable', `localStorage refused to save ${what}`, { cause: error })
    }
  }

  function read(key: string): string | null {
    try {
      return storage().getItem(key)
    } catch (error) {
      if (error instanceof PersistenceError) throw error
      throw new PersistenceError('unavailable', 'localStorage could not be read', { cause: error })
    }
  }

  /** Rebuilds the index from the thread keys when it is missing or unreadable. */
  function scan(): ThreadSummary[] {
    const store = storage()
    const summaries: ThreadSummary[] = []
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i)
      if (key === null || !key.startsWith(`${prefix}thread:`)) continue
      try {
        summaries.push(summarizeThread(validateThreadRecord(JSON.parse(store.getItem(key) ?? ''))))
      } catch {
        // A corrupt thread is reported when it is opened, not by the list.
      }
    }
    return summaries
  }

  function readIndex(): ThreadSummary[] {
    const text = read(indexKey)
    if (text === null) return scan()
    try {
      const parsed: unknown = JSON.parse(text)
      if (Array.isArray(parsed) && parsed.every((s) => typeof s?.id === 'string' && typeof s?.updatedAt === 'number')) return parsed as ThreadSummary[]
    } catch {
      // fall through to a rebuild
    }
    return scan()
  }

  const newestFirst = (summaries: ThreadSummary[]) => summaries.slice().sort((a, b) => b.updatedAt - a.updatedAt)

  return {
    load(id) {
      const text = read(threadKey(id))
      if (text === null) return undefined
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch (error) {
        throw new PersistenceError('corrupt', `Stored thread "${id}" is not valid JSON`, { cause: error })
      }
      return validateThreadRecord(parsed, id)
    },
    save(id, thread: ThreadRecord) {
      write(threadKey(id), stringifyThreadRecord(thread), `thread "${id}"`)
      const index = readIndex().filter((s) => s.id !== id)
      index.push(summarizeThread(thread))
      write(indexKey, JSON.stringify(newestFirst(index)), 'the thread index')
    },
    list() {
      return newestFirst(readIndex())
    },
    remove(id) {
      try {
        storage().removeItem(threadKey(id))
      } catch (error) {
        if (error instanceof PersistenceError) throw error
        throw new PersistenceError('unavailable', `localStorage could not delete thread "${id}"`, { cause: error })
      }
      write(indexKey, JSON.stringify(readIndex().filter((s) => s.id !== id)), 'the thread index')
    },
  }
}
