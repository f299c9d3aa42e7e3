import { useEffect, useSyncExternalStore } from 'react'
import type { ThreadDirectory, ThreadDirectoryState } from '../core/persistence/thread-directory.ts'

/** What {@link useThreadList} returns: the list state and the directory's actions. */
export interface UseThreadListResult extends ThreadDirectoryState {
  refresh: ThreadDirectory['refresh']
  create: ThreadDirectory['create']
  rename: ThreadDirectory['rename']
  remove: ThreadDirectory['remove']
}

/**
 * The threads of a directory, read once on mount and kept current by every save that goes
 * through `directory.persistence`.
 *
 * @example
 * const directory = useMemo(() => createThreadDirectory(createLocalStoragePersistence()), [])
 * const { threads, create, rename, remove } = useThreadList(directory)
 */
export function useThreadList(directory: ThreadDirectory): UseThreadListResult {
  const state = useSyncExternalStore(directory.subscribe, directory.getSnapshot, directory.getSnapshot)
  useEffect(() => {
    void directory.refresh()
  }, [directory])
  return { ...state, refresh: directory.refresh, create: directory.create, rename: directory.rename, remove: directory.remove }
}
