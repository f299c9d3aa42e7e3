import type { ChatMessage } from '../state.ts'
import { PersistenceError } from './persistence-error.ts'
import { headKeys, headText, readSplitThread, warmHeadNode, SPLIT_LAYOUT_VERSION } from './split-layout.ts'
import { createStorageAccess } from './storage-access.ts'
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

type Json = Record<string, unknown>
/** How every head this adapter writes begins (`headText` puts `version` first). */
const HEAD_START = `{"version":${SPLIT_LAYOUT_VERSION},`
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** What this adapter knows of a thread it read or wrote: which key holds each message object. */
interface Written {
  keys: WeakMap<ChatMessage, string>
  /** Message keys written ahead by `prepare`, not yet referred to by a stored head. */
  prepared: Map<string, ChatMessage>
}

/**
 * Stores threads in `localStorage`, one key per message (`rivulet:message:<thread>:<key>`)
 * plus a head per thread (`rivulet:thread:<id>`: the tree's shape and each message's key)
 * and a small index of summaries (`rivulet:threads`) so `list()` does not read every thread.
 *
 * Saving writes only the messages this adapter has not written yet (messages are immutable
 * objects in the client, so a finished message is serialised once), then the head, which is
 * the commit: until it is written the stored thread is the previous one, whole. `prepare`
 * writes the new messages ahead in slices, so a save is never one long task. Threads stored
 * whole by earlier versions (format 1) still load; the next save rewrites them in this format.
 *
 * Loading validates every message. A missing or corrupt message does not lose the thread: it
 * loads with that message replaced by an error, and `load` throws a `corrupt`
 * {@link PersistenceError} carrying it as `partial`, so the chat shows it but never saves over
 * the stored copy. A full storage gives a `quota` error and frees what that save wrote, a
 * missing or blocked one (private mode, disabled cookies, server rendering) `unavailable`.
 *
 * Why not IndexedDB: a thread of 1,000 messages is a few hundred KB of JSON, well inside the
 * 5 MB localStorage quota, and a synchronous store can still write everything when the page
 * is hidden or unloaded. Pass your own adapter for larger histories.
 *
 * @example
 * useChat({ id: 'trip', persistence: createLocalStoragePersistence() })
 */
export function createLocalStoragePersistence(options: LocalStoragePersistenceOptions = {}): ThreadPersistence {
  const prefix = options.prefix ?? 'rivulet:'
  const indexKey = `${prefix}threads`
  const threadKey = (id: string) => `${prefix}thread:${id}`
  const messageKey = (id: string, key: string) => `${prefix}message:${id}:${key}`
  const access = createStorageAccess(options.storage ?? (() => globalThis.localStorage), 'localStorage')
  const { read, write, forget } = access
  // Keys are unique per adapter instance (two tabs never pick the same key), so a key once
  // written always holds the same message JSON.
  const writer = Math.random().toString(36).slice(2, 8)
  let counter = 0
  const newKey = () => `${writer}${(counter++).toString(36)}`
  const written = new Map<string, Written>()
  const memory = (id: string): Written => {
    let known = written.get(id)
    if (known === undefined) written.set(id, (known = { keys: new WeakMap(), prepared: new Map() }))
    return known
  }

  function parseHead(id: string, text: string): unknown {
    try {
      return JSON.parse(text)
    } catch (error) {
      throw new PersistenceError('corrupt', `Stored thread "${id}" is not valid JSON`, { cause: error })
    }
  }

  // The head this adapter last wrote or read per thread, with its keys: while the stored text
  // is still that one (no other tab saved since), a save need not parse it again.
  const heads = new Map<string, { text: string; keys: Set<string> }>()

  /** The keys the stored head refers to now (another tab may have saved since we did). */
  function storedKeys(id: string): Set<string> {
    const text = read(threadKey(id))
    if (text === null) return new Set()
    const known = heads.get(id)
    if (known?.text === text) return known.keys
    // Format 1 holds the whole thread (a megabyte to parse) and no keys: no need to read it.
    if (!text.startsWith(HEAD_START)) return new Set()
    try {
      return headKeys(JSON.parse(text))
    } catch {
      return new Set()
    }
  }

  function writeMessage(id: string, message: ChatMessage): string {
    const key = newKey()
    write(messageKey(id, key), JSON.stringify(message), `a message of thread "${id}"`)
    memory(id).keys.set(message, key)
    return key
  }

  /** Frees keys written for a save that did not commit: a full storage needs the room. */
  function dropPrepared(id: string, keep: Set<string>) {
    const { prepared } = memory(id)
    for (const key of prepared.keys()) if (!keep.has(key)) forget(messageKey(id, key))
    prepared.clear()
  }

  function load(id: string): ThreadRecord | undefined {
    const text = read(threadKey(id))
    if (text === null) return undefined
    const head = parseHead(id, text)
    if (!isObject(head) || head.version !== SPLIT_LAYOUT_VERSION) {
      // Format 1 (the whole record), or not a thread: the record validator says which.
      if (isObject(head) && typeof head.version === 'number' && head.version > SPLIT_LAYOUT_VERSION) throw newer(id, head)
      return validateThreadRecord(head, id)
    }
    const { record, keys, broken } = readSplitThread(head, id, (key) => read(messageKey(id, key)))
    heads.set(id, { text, keys: headKeys(head) })
    const known = memory(id)
    for (const [message, key] of keys) known.keys.set(message, key)
    if (broken.length > 0) {
      const count = Object.keys(record.tree.nodes).length
      throw new PersistenceError(
        'corrupt',
        `Stored thread "${id}" is damaged: ${broken.length} of ${count} messages could not be read (${broken.slice(0, 3).join('; ')}); the rest loads, and it is not saved over`,
        { partial: record },
      )
    }
    return record
  }

  /** A head written by a newer Rivulet: refused, with what this version can read of it as `partial`. */
  function newer(id: string, head: Json): PersistenceError {
    let partial: ThreadRecord | undefined
    try {
      partial = readSplitThread(head, id, (key) => read(messageKey(id, key))).record
    } catch {
      // Its shape is not ours: nothing to show.
    }
    const message = `Stored thread "${id}" was written in format ${String(head.version)} by a newer rivulet-ui; this one reads formats 1 and ${SPLIT_LAYOUT_VERSION}`
    return new PersistenceError('version_too_new', message, partial && { partial })
  }

  /** Rebuilds the index from the thread heads when it is missing or unreadable. */
  function scan(): ThreadSummary[] {
    const store = access.storage()
    const summaries: ThreadSummary[] = []
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i)
      if (key === null || !key.startsWith(`${prefix}thread:`)) continue
      try {
        const head: unknown = JSON.parse(store.getItem(key) ?? '')
        const summary = isObject(head) && head.version === SPLIT_LAYOUT_VERSION ? headSummary(head) : summarizeThread(validateThreadRecord(head))
        if (summary) summaries.push(summary)
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
    load,
    prepare(id, thread, timeRemaining) {
      const known = memory(id)
      try {
        let checked = 0
        const { nodes } = thread.tree
        for (const nodeId of Object.keys(nodes)) {
          const node = nodes[nodeId]!
          let key = known.keys.get(node.message)
          const write = key === undefined
          if (key === undefined) known.prepared.set((key = writeMessage(id, node.message)), node.message)
          // The head's entry too: the commit then only joins strings, whatever changed.
          warmHeadNode(nodeId, node, key)
          // The clock is read after each write, and every 32 entries otherwise.
          if ((write || ++checked % 32 === 0) && timeRemaining() <= 0) return false
        }
      } catch (error) {
        dropPrepared(id, storedKeys(id))
        throw error
      }
      return true
    },
    save(id, thread: ThreadRecord) {
      const stored = storedKeys(id)
      const known = memory(id)
      const fresh: string[] = []
      let head: ReturnType<typeof headText>
      try {
        head = headText(thread, (_, node) => {
          const key = known.keys.get(node.message)
          // Reused only while the stored head or this save's preparation still holds it.
          if (key !== undefined && (stored.has(key) || known.prepared.has(key))) return key
          const added = writeMessage(id, node.message)
          fresh.push(added)
          return added
        })
        write(threadKey(id), head.text, `thread "${id}"`)
      } catch (error) {
        for (const key of fresh) forget(messageKey(id, key))
        dropPrepared(id, stored)
        throw error
      }
      // Committed: free what the replaced head (or an abandoned preparation) held and this one does not.
      const used = head.keys
      for (const key of stored) if (!used.has(key)) forget(messageKey(id, key))
      dropPrepared(id, used)
      heads.set(id, { text: head.text, keys: used })
      const index = readIndex().filter((s) => s.id !== id)
      index.push(summarizeThread(thread))
      write(indexKey, JSON.stringify(newestFirst(index)), 'the thread index')
    },
    list() {
      return newestFirst(readIndex())
    },
    remove(id) {
      const keys = storedKeys(id)
      try {
        access.storage().removeItem(threadKey(id))
      } catch (error) {
        if (error instanceof PersistenceError) throw error
        throw new PersistenceError('unavailable', `localStorage could not delete thread "${id}"`, { cause: error })
      }
      for (const key of keys) forget(messageKey(id, key))
      written.delete(id)
      heads.delete(id)
      write(indexKey, JSON.stringify(readIndex().filter((s) => s.id !== id)), 'the thread index')
    },
  }
}

/** The list entry of a format-2 head, without reading its messages. */
function headSummary(head: Json): ThreadSummary | undefined {
  const { id, title, createdAt, updatedAt } = head
  if (typeof id !== 'string' || typeof createdAt !== 'number' || typeof updatedAt !== 'number') return undefined
  const summary: ThreadSummary = { id, createdAt, updatedAt }
  if (typeof title === 'string') summary.title = title
  return summary
}
