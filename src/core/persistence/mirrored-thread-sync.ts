import type { ValueStore } from '../value-store.ts'
import { createSessionCursorStore } from './stream-cursor-store.ts'
import { attachThreadSync, type ThreadStatus, type ThreadSync, type ThreadSyncHost, type ThreadSyncOptions } from './thread-sync.ts'

/**
 * `attachThreadSync` as `lazy-thread-sync.ts` attaches it once the chunk is in: the session's
 * cursor store unless another (or `false`) is given, and `status` (the one the chat showed while
 * the chunk loaded) mirroring the sync's own until the sync is detached. Here, not there, so the
 * page's first download stays small.
 *
 * @example
 * const sync = attachMirroredThreadSync(store, { threadId: 'trip', persistence, since }, status)
 */
export function attachMirroredThreadSync(host: ThreadSyncHost, options: ThreadSyncOptions, status: ValueStore<ThreadStatus>): ThreadSync {
  const sync = attachThreadSync(host, { ...options, cursorStore: options.cursorStore ?? createSessionCursorStore() })
  status.set(sync.status.getSnapshot())
  const unwatch = sync.status.subscribe(() => status.set(sync.status.getSnapshot()))
  return {
    ...sync,
    detach() {
      sync.detach()
      unwatch()
    },
  }
}
