import { branchOps } from '../branches/branch-chunk.ts'
import { lazyChunk, loadFailure, type LazyChunk } from '../lazy-chunk.ts'
import { createValueStore } from '../value-store.ts'
import { PersistenceError } from './persistence-error.ts'
import type { ActiveStreamCursor } from './stream-cursor-store.ts'
import type { ThreadStatus, ThreadSync, ThreadSyncHost, ThreadSyncOptions } from './thread-sync.ts'

/** What `thread-sync-module.ts` exports, once loaded. */
export type ThreadSyncModule = typeof import('./thread-sync-module.ts')

/**
 * The thread sync's chunk (saving, reading and validating stored threads, stream cursors). Not in
 * the page's first download: only a chat with an `id` needs it, and it starts loading when that
 * chat's client is made.
 */
export const threadSyncChunk: LazyChunk<ThreadSyncModule> = lazyChunk(() => import('./thread-sync-module.ts'))

/**
 * Resolves once the thread sync's chunk is in, so a client made afterwards reads a synchronous
 * adapter's thread before its first render. Rejects if the chunk cannot be loaded.
 *
 * @example
 * await preloadThreadSync() // in a test setup file
 */
export async function preloadThreadSync(): Promise<void> {
  await threadSyncChunk.load()
}

/** Options of {@link attachLazyThreadSync}: those of `attachThreadSync`; `cursorStore` defaults to the session one. */
export type LazyThreadSyncOptions = Omit<ThreadSyncOptions, 'since'>

/** A {@link ThreadSync} whose module may still be loading. */
export interface LazyThreadSync extends ThreadSync {
  /**
   * While the chunk loads: resolves once the sync is attached and a synchronous adapter's thread
   * is read (a message sent earlier must come after the stored thread, in the chat and in the
   * request). `undefined` once attached, or when the chunk failed.
   */
  ready(): Promise<void> | undefined
}

/**
 * `attachThreadSync` loaded on demand. With the chunk already in (a second thread, a test that
 * preloaded it) it attaches at once and a synchronous adapter's thread is in the first render, as
 * before. Else the status says `loaded: false` until the chunk lands; then the sync attaches with
 * the state the chat had when it was asked for (`since`), so whatever changed meanwhile is saved;
 * a flush or detach asked for meanwhile still happens once it lands. A chunk that cannot load is
 * reported as a persistence error and, like a failed read, nothing is saved over the stored copy.
 *
 * @example
 * const sync = attachLazyThreadSync(store, { threadId: 'trip', persistence })
 * const cursor = await sync.load()
 */
export function attachLazyThreadSync(host: ThreadSyncHost, options: LazyThreadSyncOptions, chunk: LazyChunk<ThreadSyncModule> = threadSyncChunk): LazyThreadSync {
  const since = host.getState()
  const status = createValueStore<ThreadStatus>({ threadId: options.threadId, loaded: options.persistence === undefined, error: undefined })
  let inner: ThreadSync | undefined
  let detached = false
  let failed = false
  /** The load's outcome: the stored stream cursor (maybe still being read by an async adapter). */
  let loaded: ActiveStreamCursor | undefined | Promise<ActiveStreamCursor | undefined>

  function attach(module: ThreadSyncModule) {
    // Detached before the chunk landed with nothing done: nothing to read or save.
    if (detached && host.getState() === since) return
    const sync = (inner = module.attachMirroredThreadSync(host, { ...options, since }, status))
    loaded = sync.load()
    // A detach asked for meanwhile waits for the read, so the changes made before it are saved.
    if (detached) void Promise.resolve(loaded).then(() => sync.detach())
  }

  function fail(cause: unknown) {
    failed = true
    const error = new PersistenceError('failed', `Could not load the thread's storage (${loadFailure(cause)})`, { cause })
    status.set({ threadId: options.threadId, loaded: true, error })
    options.onError?.(error)
  }

  // The branches come too: a restored tree must find them in (see branch-chunk.ts).
  const module = branchOps.current() && chunk.current()
  const landing: Promise<void> | undefined = module ? (attach(module), undefined) : Promise.all([chunk.load(), branchOps.load()]).then(([loaded]) => attach(loaded), fail)

  return {
    status,
    ready: () => (inner || failed ? undefined : landing),
    load: () => (landing ? landing.then(() => loaded) : loaded),
    // Late (the chunk was loading): a flush waits for the read, after which the changes made meanwhile are scheduled.
    flush: () => (failed ? Promise.resolve() : landing ? landing.then(() => loaded).then(() => inner?.flush()) : inner!.flush()),
    detach() {
      detached = true
      // Late, the read may still be going on: the attach detaches once it is done (see above).
      if (!landing) inner?.detach()
      else if (inner) void Promise.resolve(loaded).then(() => inner!.detach())
    },
  }
}
