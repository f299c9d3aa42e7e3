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
   * Runs a slice of a due save when the page is idle and returns its cancel function; `run`
   * gets the idle period's time left when there is one. A slice stops after `sliceMs`, so no
   * save is a long task: a streaming answer keeps its frames.
   * @default `requestIdleCallback` (waiting at most 2 s) where there is one, else at once
   */
  whenIdle?: (run: (timeRemaining?: () => number) => void) => () => void
  /** The most one slice of saving may take, in ms. @default 8 */
  sliceMs?: number
  /** @default performance.now */
  now?: () => number
}

function defaultWhenIdle(run: (timeRemaining?: () => number) => void): () => void {
  const idle = globalThis.requestIdleCallback
  if (typeof idle !== 'function') {
    run()
    return () => {}
  }
  // Past the timeout the page was never idle: the slice gets its own budget, not zero.
  const handle = idle((deadline) => run(deadline.didTimeout ? undefined : () => deadline.timeRemaining()), { timeout: 2_000 })
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
 * Saves threads after things settle, never per token: the client schedules a save when a turn
 * starts and ends and when the user switches branches; requests within `delayMs` coalesce
 * into one, and the tree is snapshotted only when the save is due. The due save runs in idle
 * slices of at most `sliceMs`: an adapter with `prepare` writes the messages it has not
 * stored yet a few at a time, then commits with `save`, so saving a long thread never blocks
 * a frame. Saves of one thread never overlap (a request arriving during a save runs after
 * it). `flush()` saves at once (the page is going away). A failed save is reported through
 * `onError` and loses nothing: the thread is still in memory and the next save writes it.
 *
 * @example
 * const saver = createThreadSaver({ persistence, onError: (e) => console.warn(e.message) })
 * saver.schedule('t1', () => toRecord(client)) // after `done`
 */
export function createThreadSaver(options: ThreadSaverOptions): ThreadSaver {
  const delay = options.delayMs ?? 400
  const set = options.setTimeout ?? ((fn: () => void, ms: number) => globalThis.setTimeout(fn, ms))
  const clear = options.clearTimeout ?? ((handle: unknown) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>))
  const now = options.now ?? (() => performance.now())
  const sliceMs = options.sliceMs ?? 8
  const { persistence } = options
  const scheduled = new Map<string, () => ThreadRecord>()
  // The snapshot a due save is preparing in slices; a new request drops it (a newer one comes).
  const drafts = new Map<string, ThreadRecord>()
  const running = new Map<string, Promise<void>>()
  const whenIdle = options.whenIdle ?? defaultWhenIdle
  let timer: unknown
  let cancelIdle: (() => void) | undefined

  const idle = () => running.size === 0 && scheduled.size === 0 && timer === undefined && cancelIdle === undefined
  const fail = (error: unknown, threadId: string) => options.onError?.(toPersistenceError(error, `Could not save thread "${threadId}"`), threadId)

  async function save(threadId: string, record: () => ThreadRecord): Promise<void> {
    // One save per thread at a time, in order: a later snapshot must never be overwritten.
    await running.get(threadId)
    try {
      await persistence.save(threadId, record())
      options.onSaved?.(threadId)
    } catch (error) {
      fail(error, threadId)
    }
  }

  function start(threadId: string, record: () => ThreadRecord) {
    scheduled.delete(threadId)
    drafts.delete(threadId)
    const done = save(threadId, record).finally(() => {
      if (running.get(threadId) === done) running.delete(threadId)
      if (idle()) options.onIdle?.()
    })
    running.set(threadId, done)
  }

  function stopWaiting() {
    if (timer !== undefined) clear(timer)
    timer = undefined
    cancelIdle?.()
    cancelIdle = undefined
  }

  /** Runs the due saves in one slice of at most `sliceMs`; asks for another while any is left. */
  function slice(timeRemaining?: () => number) {
    cancelIdle = undefined
    const began = now()
    const left = () => Math.min(timeRemaining ? timeRemaining() : Infinity, sliceMs - (now() - began))
    for (const [threadId, snapshot] of scheduled) {
      // An adapter without slices (or one still saving) gets the whole save in one go.
      if (running.has(threadId) || !persistence.prepare) {
        start(threadId, snapshot)
        continue
      }
      let record = drafts.get(threadId)
      if (record === undefined) drafts.set(threadId, (record = snapshot()))
      const draft = record
      try {
        if (!persistence.prepare(threadId, draft, left)) break
      } catch (error) {
        scheduled.delete(threadId)
        drafts.delete(threadId)
        fail(error, threadId)
        continue
      }
      // After a slice of writing, the commit (the thread's head) gets a slice of its own.
      if (now() - began > sliceMs / 2) break
      start(threadId, () => draft)
    }
    if (scheduled.size > 0) {
      // The next idle period, after a task boundary, so frames run between slices.
      timer = set(() => {
        timer = undefined
        cancelIdle = whenIdle(slice)
      }, 0)
    } else if (idle()) options.onIdle?.()
  }

  function runScheduled(): Promise<void> {
    stopWaiting()
    // The state as it is now (the page may be going away); what slices prepared is reused.
    for (const [threadId, snapshot] of Array.from(scheduled)) start(threadId, snapshot)
    if (idle()) options.onIdle?.()
    return Promise.all(running.values()).then(() => undefined)
  }

  return {
    schedule(threadId, snapshot) {
      scheduled.set(threadId, snapshot)
      drafts.delete(threadId)
      stopWaiting()
      timer = set(() => {
        timer = undefined
        cancelIdle = whenIdle(slice)
      }, delay)
    },
    flush: runScheduled,
    cancel() {
      stopWaiting()
      scheduled.clear()
      drafts.clear()
      if (running.size === 0) options.onIdle?.()
    },
    get pending() {
      return scheduled.size > 0 || running.size > 0
    },
  }
}
