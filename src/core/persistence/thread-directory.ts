import { createValueStore, type ReadableValue } from '../value-store.ts'
import { toPersistenceError, type PersistenceError } from './persistence-error.ts'
import { summarizeThread, type ThreadPersistence, type ThreadSummary } from './thread-record.ts'
import { validateThreadRecord } from './validate-thread-record.ts'

/** What a thread list shows. */
export interface ThreadDirectoryState {
  /** Newest first. */
  threads: ThreadSummary[]
  /** The last failure (listing, renaming, deleting); cleared by the next success. */
  error: PersistenceError | undefined
  loading: boolean
}

/** The threads of one persistence adapter, kept current; see {@link createThreadDirectory}. */
export interface ThreadDirectory extends ReadableValue<ThreadDirectoryState> {
  /**
   * The adapter to hand to `useChat`/the client: the same storage, but each save updates the
   * list, so a new or continued thread moves to the top without a refresh.
   */
  readonly persistence: ThreadPersistence
  /** Reads the list again from storage. */
  refresh(): Promise<void>
  /** A fresh thread id, shown at the top (untitled) until its first save. */
  create(): string
  rename(id: string, title: string): Promise<void>
  remove(id: string): Promise<void>
}

/** Options of {@link createThreadDirectory}. */
export interface ThreadDirectoryOptions {
  /** @default crypto.randomUUID */
  generateId?: () => string
  /** @default Date.now */
  now?: () => number
}

/**
 * The thread list behind `ThreadList`: summaries from `persistence.list()`, plus create,
 * rename (load, retitle, save: the tree is untouched) and delete. Failures land in
 * `error`, never thrown at the caller, and leave the list as it was.
 *
 * @example
 * const directory = createThreadDirectory(createLocalStoragePersistence())
 * useChat({ id: activeId, persistence: directory.persistence })
 */
export function createThreadDirectory(persistence: ThreadPersistence, options: ThreadDirectoryOptions = {}): ThreadDirectory {
  const generateId = options.generateId ?? (() => globalThis.crypto.randomUUID())
  const now = options.now ?? Date.now
  const store = createValueStore<ThreadDirectoryState>({ threads: [], error: undefined, loading: false })
  // Created but never saved: kept on top until storage knows them.
  const drafts = new Map<string, ThreadSummary>()
  // Titles given here win over the stale title an open chat still holds when it saves next.
  const titles = new Map<string, string>()

  const set = (patch: Partial<ThreadDirectoryState>) => store.set({ ...store.getSnapshot(), ...patch })
  const withDrafts = (threads: ThreadSummary[]) => {
    const known = new Set(threads.map((t) => t.id))
    for (const id of known) drafts.delete(id)
    return [...drafts.values(), ...threads]
  }
  const upsert = (summary: ThreadSummary) => {
    drafts.delete(summary.id)
    const rest = store.getSnapshot().threads.filter((t) => t.id !== summary.id)
    set({ threads: withDrafts([summary, ...rest].sort((a, b) => b.updatedAt - a.updatedAt)), error: undefined })
  }
  async function attempt(context: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn()
    } catch (error) {
      set({ error: toPersistenceError(error, context), loading: false })
    }
  }

  const observed: ThreadPersistence = {
    load: (id) => persistence.load(id),
    async save(id, thread) {
      const title = titles.get(id)
      const record = title === undefined ? thread : { ...thread, title }
      await persistence.save(id, record)
      upsert(summarizeThread(record))
    },
  }
  if (persistence.list) observed.list = () => persistence.list!()
  if (persistence.remove) observed.remove = (id) => persistence.remove!(id)

  return {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    persistence: observed,
    refresh: () =>
      attempt('Could not list the threads', async () => {
        if (!persistence.list) return
        set({ loading: true })
        const threads = await persistence.list()
        set({ threads: withDrafts(threads), loading: false, error: undefined })
      }),
    create() {
      const id = generateId()
      const at = now()
      drafts.set(id, { id, createdAt: at, updatedAt: at })
      set({ threads: withDrafts(store.getSnapshot().threads.filter((t) => !drafts.has(t.id))) })
      return id
    },
    rename: (id, title) =>
      attempt(`Could not rename thread "${id}"`, async () => {
        titles.set(id, title)
        const draft = drafts.get(id)
        if (draft) {
          drafts.set(id, { ...draft, title })
          set({ threads: withDrafts(store.getSnapshot().threads.filter((t) => !drafts.has(t.id))), error: undefined })
          return
        }
        const stored = await persistence.load(id)
        if (stored === undefined) return
        const record = { ...validateThreadRecord(stored, id), title, updatedAt: now() }
        await persistence.save(id, record)
        upsert(summarizeThread(record))
      }),
    remove: (id) =>
      attempt(`Could not delete thread "${id}"`, async () => {
        titles.delete(id)
        if (!drafts.delete(id)) await persistence.remove?.(id)
        set({ threads: store.getSnapshot().threads.filter((t) => t.id !== id), error: undefined })
      }),
  }
}
