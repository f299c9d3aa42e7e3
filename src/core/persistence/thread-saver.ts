import { toPersistenceError, type PersistenceError } from './persistence-error.ts'
import type { ThreadPersistence, ThreadRecord } from './thread-record.ts'

/** Options of {@link createThreadSaver}. */
export interface ThreadSaverOptions {
  persistence: ThreadPersistence
  /** Quiet time before a scheduled save runs; more requests in between make one save. @default 400 */
  delayMs?: number
  /** A save failed (storage full, offline…); the thread stays in memory and the next save retries. */
  onError?: (error: PersistenceError, threadId: string) => void
  /** A save completed. */
  onSaved?: (threadId: string) => void
  /** Nothing is scheduled or running any more (every save done, failed or cancelled). */
  onIdle?: () => void
  /** Timers, injectable for tests. @default globalThis.setTimeout / clearTimeout */
  setTimeout?: (fn: () => void, ms: number) => unknown
  clearTimeout?: (handle: unknown) => void
  /**
   * Runs a due save when the page is idle and returns its cancel function. Serialising and
   * writing a long thread is one task of several milliseconds; in an idle period it delays
   * no frame (a streaming answer keeps its frames).
   * @default `requestIdleCallback` (waiting at most 2 s) where there is one, else at once
   */
  whenIdle?: (run: () => void) => () => void
}

function defaultWhenIdle(run: () => void): () => void {
  const idle = globalThis.requestIdleCallback
  if (typeof idle !== 'function') {
    run()
    return () => {}
  }
  const handle = idle(() => run(), { timeout: 2_000 })
  return () => globalThis.cancelIdleCallback(handle)
}

/** Debounced, serialised saving of threads; see {@link createThreadSaver}. */
export interface ThreadSaver {
  /**
   * Asks for `threadId` to be saved after the quiet time. `snapshot` is called only when the
   * save runs, so scheduling is O(1): nothing is copied or serialised on the hot path.
   */
  schedule(threadId: string, snapshot: () => ThreadRecord): void
  /** Runs every scheduled save now and resolves when all saves (also running ones) finished. */
  flush(): Promise<void>
  /** Drops scheduled saves (a save already running completes). */
  cancel(): void
  /** Whether a save is scheduled or running. */
  readonly pending: boolean
}

/**
 * Saves threads after things settle, never per token, in an idle period of the page: the client schedules a save when a
 * turn ends and when the user switches branches; requests within `delayMs` coalesce into one,
 * the tree is snapshotted and serialised only when the save runs, and saves of one thread
 * never overlap (a request arriving during a save runs after it). A failed save is reported
 * through `onError` and loses nothing: the thread is still in memory and the next scheduled
 * save writes it.
 *
 * @example
 * const saver = createThreadSaver({ persistence, onError: (e) => console.warn(e.message) })
 * saver.schedule('t1', () => toRecord(client)) // after `done`
 */
export function createThreadSaver(options: ThreadSaverOptions): ThreadSaver {
  const delay = options.delayMs ?? 400
  const set = options.setTimeout ?? ((fn: () => void, ms: number) => globalThis.setTimeout(fn, ms))
  const clear = options.clearTimeout ?? ((handle: unknown) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>))
  const scheduled = new Map<string, () => ThreadRecord>()
  const running = new Map<string, Promise<void>>()
  const whenIdle = options.whenIdle ?? defaultWhenIdle
  let timer: unknown
  let cancelIdle: (() => void) | undefined

  async function save(threadId: string, snapshot: () => ThreadRecord): Promise<void> {
    // One save per thread at a time, in order: a later snapshot must never be overwritten.
    await running.get(threadId)
    try {
      await options.persistence.save(threadId, snapshot())
      options.onSaved?.(threadId)
    } catch (error) {
      options.onError?.(toPersistenceError(error, `Could not save thread "${threadId}"`), threadId)
    }
  }

  function runScheduled(): Promise<void> {
    if (timer !== undefined) clear(timer)
    timer = undefined
    cancelIdle?.()
    cancelIdle = undefined
    const batch = Array.from(scheduled)
    scheduled.clear()
    for (const [threadId, snapshot] of batch) {
      const done = save(threadId, snapshot).finally(() => {
        if (running.get(threadId) === done) running.delete(threadId)
        if (running.size === 0 && scheduled.size === 0 && timer === undefined && cancelIdle === undefined) options.onIdle?.()
      })
      running.set(threadId, done)
    }
    return Promise.all(running.values()).then(() => undefined)
  }

  return {
    schedule(threadId, snapshot) {
      scheduled.set(threadId, snapshot)
      if (timer !== undefined) clear(timer)
      timer = set(() => {
        timer = undefined
        cancelIdle = whenIdle(() => {
          cancelIdle = undefined
          void runScheduled()
        })
      }, delay)
    },
    flush: runScheduled,
    cancel() {
      if (timer !== undefined) clear(timer)
      timer = undefined
      cancelIdle?.()
      cancelIdle = undefined
      scheduled.clear()
      if (running.size === 0) options.onIdle?.()
    },
    get pending() {
      return scheduled.size > 0 || running.size > 0
    },
  }
}
