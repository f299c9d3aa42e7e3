import { activePath } from '../branches/branch-tree.ts'
import { currentTree, settleTree } from '../branches/branch-turns.ts'
import { messageText } from '../message-text.ts'
import type { ChatState } from '../state.ts'
import { createValueStore, type ReadableValue } from '../value-store.ts'
import { PersistenceError, toPersistenceError } from './persistence-error.ts'
import type { ActiveStreamCursor, StreamCursorStore } from './stream-cursor-store.ts'
import { THREAD_RECORD_VERSION, type ThreadPersistence, type ThreadRecord } from './thread-record.ts'
import { createThreadSaver } from './thread-saver.ts'
import { validateThreadRecord } from './validate-thread-record.ts'

/** The part of the chat store thread sync needs. */
export interface ThreadSyncHost {
  /** The latest applied state. */
  getState(): ChatState
  subscribe(listener: () => void): () => void
  update(fn: (state: ChatState) => ChatState): void
}

/** Options of {@link attachThreadSync}. */
export interface ThreadSyncOptions {
  threadId: string
  persistence?: ThreadPersistence
  /** Where the active stream cursor goes; `false` keeps none. */
  cursorStore?: StreamCursorStore | false
  /** Quiet time before a save. @default 400 */
  saveDelayMs?: number
  /** A load or save failed; the thread stays in memory. */
  onError?: (error: PersistenceError) => void
  /** @default Date.now */
  now?: () => number
  /** Where `pagehide` and `visibilitychange` fire. @default globalThis.window */
  page?: Pick<Window, 'addEventListener' | 'removeEventListener'> & { document?: { visibilityState?: string } }
  /**
   * The chat's state when the sync was asked for, if it attaches later (the client loads this
   * module lazily): once the stored thread is read, what changed since then is saved (a turn
   * begun is listened to), as if it had been watched all along.
   */
  since?: ChatState
}

/** How the thread's storage is doing. */
export interface ThreadStatus {
  threadId: string
  /** The stored thread was read (or there was none, or no persistence). */
  loaded: boolean
  /** The last load or save failure; a load failure also stops saving, so the stored copy is never overwritten. */
  error: PersistenceError | undefined
}

/** What {@link attachThreadSync} returns. */
export interface ThreadSync {
  status: ReadableValue<ThreadStatus>
  /**
   * Reads the stored thread into the chat (only if no turn started meanwhile) and returns the
   * unfinished stream's cursor, if any. Synchronous when the adapter is (localStorage): the
   * first render already shows the thread.
   */
  load(): ActiveStreamCursor | undefined | Promise<ActiveStreamCursor | undefined>
  /** Saves what is pending now. */
  flush(): Promise<void>
  /** Stops watching (pending saves still run). */
  detach(): void
}

const inFlight = (state: ChatState) => state.status === 'submitted' || state.status === 'streaming' || state.status === 'reconnecting'

function titleOf(state: ChatState): string | undefined {
  const first = state.messages.find((m) => m.role === 'user')
  const text = first ? messageText(first).trim().replace(/\s+/g, ' ') : ''
  return text === '' ? undefined : text.length > 60 ? `${text.slice(0, 59)}…` : text
}

/**
 * Keeps a chat and its stored thread in step by watching the store, so the turn code needs no
 * persistence calls: a save is scheduled when a turn starts (the prompt survives a reload),
 * when it settles (the tree catches up first) and when the tree changes between turns
 * (branch switches); saves are debounced and snapshot the state only when they run. The
 * active stream cursor is written when a stream id arrives and when the page is hidden or
 * unloaded, and cleared when the turn settles. Nothing here runs per token: the listener
 * compares a few fields once per published frame.
 *
 * @example
 * const sync = attachThreadSync(store, { threadId: 'trip', persistence: createLocalStoragePersistence() })
 * const cursor = await sync.load()
 */
export function attachThreadSync(host: ThreadSyncHost, options: ThreadSyncOptions): ThreadSync {
  const { threadId, persistence } = options
  const cursors = options.cursorStore || undefined
  const now = options.now ?? Date.now
  const status = createValueStore<ThreadStatus>({ threadId, loaded: persistence === undefined, error: undefined })
  let createdAt = now()
  let storedTitle: string | undefined
  // After a failed load the stored copy may be newer or repairable: never overwrite it.
  let blocked = false
  let detached = false

  const report = (error: PersistenceError) => {
    status.set({ ...status.getSnapshot(), error })
    options.onError?.(error)
  }
  const saver = persistence
    ? createThreadSaver({
        persistence,
        delayMs: options.saveDelayMs,
        onError: report,
        onSaved: () => status.getSnapshot().error && status.set({ ...status.getSnapshot(), error: undefined }),
        // The page listeners stay until the last save is written: a reload right after a turn settles must flush it.
        onIdle: () => inFlight(host.getState()) || listen(false),
      })
    : undefined

  function snapshot(): ThreadRecord {
    const state = host.getState()
    const record: ThreadRecord = { version: THREAD_RECORD_VERSION, id: threadId, createdAt, updatedAt: now(), tree: currentTree(state) }
    const title = storedTitle ?? titleOf(state)
    if (title !== undefined) record.title = title
    return record
  }
  const save = () => {
    if (!saver || blocked || detached || host.getState().messages.length === 0) return
    saver.schedule(threadId, snapshot)
    listen(true)
  }

  function writeCursor(state: ChatState) {
    const stream = state.stream
    if (!cursors || !stream?.streamId || !inFlight(state)) return
    // The streaming message is (almost always) the last: found from the end, not past the whole thread.
    const message = state.messages.findLast((m) => m.id === stream.messageId)
    if (!message) return
    try {
      cursors.save({ threadId, streamId: stream.streamId, messageId: stream.messageId, lastSeq: stream.lastSeq, message, savedAt: now() })
    } catch (error) {
      report(toPersistenceError(error, 'Could not keep the stream cursor'))
    }
  }

  // A reload or a closed tab: the last applied seq and the message as it is, together.
  const page = options.page ?? (typeof window === 'undefined' ? undefined : window)
  const onHide = (event: Event) => {
    // pagehide always counts (a reload may fire it while still "visible"); visibilitychange only when hidden.
    if (event.type === 'visibilitychange' && page?.document?.visibilityState === 'visible') return
    writeCursor(host.getState())
    void saver?.flush()
  }
  // Listening only while a turn runs: an idle (or forgotten) chat holds no page listeners.
  let listening = false
  const listen = (on: boolean) => {
    if (on === listening || !page) return
    listening = on
    const method = on ? page.addEventListener.bind(page) : page.removeEventListener.bind(page)
    method('pagehide', onHide)
    method('visibilitychange', onHide)
  }

  let previous = options.since ?? host.getState()
  const onChange = () => {
    const state = host.getState()
    const before = previous
    previous = state
    if (inFlight(state)) {
      if (!inFlight(before)) {
        listen(true)
        save()
      }
      if (state.stream?.streamId !== undefined && state.stream.streamId !== before.stream?.streamId) writeCursor(state)
      return
    }
    if (inFlight(before)) {
      // The page listeners go when the save below is written (onIdle), or now if there is none.
      if (!saver || blocked) listen(false)
      cursors?.clear(threadId)
      // Catch the tree up once per turn; the update publishes again and lands below.
      host.update(settleTree)
      save()
      return
    }
    if (state.tree !== before.tree || state.messages !== before.messages) save()
  }
  const unsubscribe = host.subscribe(onChange)
  /** After a late attach (`since`): the changes made before it, once the stored thread is read. */
  const catchUp = <T>(cursor: T): T => {
    if (options.since !== undefined && !detached) onChange()
    return cursor
  }

  function apply(stored: ThreadRecord | undefined): ActiveStreamCursor | undefined {
    status.set({ threadId, loaded: true, error: undefined })
    const record = stored === undefined ? undefined : validateThreadRecord(stored, threadId)
    if (record) {
      createdAt = record.createdAt
      storedTitle = record.title
    }
    const current = host.getState()
    // The user already started something: their live turn wins over the stored copy.
    if (current.messages.length > 0 || inFlight(current)) return undefined
    const cursor = cursors?.load(threadId)
    if (record === undefined) return cursor
    showStored(current, record)
    return cursor && record.tree.nodes[cursor.messageId] ? cursor : undefined
  }
  function failed(error: unknown): undefined {
    blocked = true
    const typed = toPersistenceError(error, `Could not open thread "${threadId}"`)
    if (typed.partial !== undefined) showPartial(typed.partial)
    status.set({ threadId, loaded: true, error: typed })
    options.onError?.(typed)
    return undefined
  }

  /** What could be read of a damaged or newer thread is shown (never saved over: `blocked`). */
  function showPartial(partial: ThreadRecord) {
    const current = host.getState()
    if (current.messages.length > 0 || inFlight(current)) return
    let record: ThreadRecord
    try {
      record = validateThreadRecord(partial, threadId)
    } catch {
      return
    }
    showStored(current, record)
  }

  /**
   * Puts a stored thread on screen without saving it back: `previous` already holds its tree and
   * messages when the update publishes, so the change listener sees nothing to save (it saved
   * the unchanged thread 400 ms after every open before: a whole serialize and write).
   */
  function showStored(current: ChatState, record: ThreadRecord) {
    const messages = activePath(record.tree)
    previous = { ...current, tree: record.tree, messages }
    host.update((state) => ({ ...state, tree: record.tree, messages }))
    previous = host.getState()
  }

  return {
    status,
    load() {
      const cursor = read()
      return cursor instanceof Promise ? cursor.then(catchUp) : catchUp(cursor)
    },
    flush: () => saver?.flush() ?? Promise.resolve(),
    detach() {
      detached = true
      unsubscribe()
      listen(false)
    },
  }

  /** Reads the stored thread into the chat; see `load`. */
  function read(): ActiveStreamCursor | undefined | Promise<ActiveStreamCursor | undefined> {
    if (!persistence) return apply(undefined)
    let result: ReturnType<ThreadPersistence['load']>
    try {
      result = persistence.load(threadId)
    } catch (error) {
      return failed(error)
    }
    if (result instanceof Promise) return result.then((stored) => (detached ? undefined : attempt(() => apply(stored))), failed)
    return attempt(() => apply(result as ThreadRecord | undefined))
  }

  function attempt(fn: () => ActiveStreamCursor | undefined): ActiveStreamCursor | undefined {
    try {
      return fn()
    } catch (error) {
      return failed(error instanceof PersistenceError ? error : toPersistenceError(error, `Could not open thread "${threadId}"`))
    }
  }
}
