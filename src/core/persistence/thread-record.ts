import type { BranchTree } from '../branches/branch-tree.ts'

/** The record format version this Rivulet writes and reads. */
export const THREAD_RECORD_VERSION = 1

/**
 * A stored thread: the whole tree (every branch, not only the active path) with the record
 * format `version`, so a later Rivulet can recognise (and refuse or migrate) an older record.
 */
export interface ThreadRecord {
  version: typeof THREAD_RECORD_VERSION
  id: string
  title?: string
  /** Epoch milliseconds. */
  createdAt: number
  updatedAt: number
  tree: BranchTree
}

/** What a thread list shows without loading every tree. */
export interface ThreadSummary {
  id: string
  title?: string
  createdAt: number
  updatedAt: number
}

/**
 * Where threads are kept: the browser (`createLocalStoragePersistence`), your server (an
 * adapter over `fetch`), anything. `load` resolves `undefined` for a thread never saved;
 * anything it returns is validated again by the client, so a server adapter may hand back
 * parsed JSON as is. Errors should be `PersistenceError`s; anything else is wrapped.
 */
export interface ThreadPersistence {
  load(id: string): Promise<ThreadRecord | undefined> | ThreadRecord | undefined
  save(id: string, thread: ThreadRecord): Promise<void> | void
  /** Newest first. Needed by the thread list. */
  list?(): Promise<ThreadSummary[]> | ThreadSummary[]
  remove?(id: string): Promise<void> | void
  /**
   * Optional: does some of the next `save(id, thread)`'s work now (serialising and writing
   * messages not stored yet) and returns `true` when only the commit is left. The client calls
   * it in idle slices of at most a few milliseconds, until `true`, then `save`: a thread of a
   * thousand new messages (a restored older format, `setMessages`) never becomes one long task.
   * `timeRemaining` is the slice's budget left, in ms. `save` must work without it.
   */
  prepare?(id: string, thread: ThreadRecord, timeRemaining: () => number): boolean
}

/**
 * The summary of a record, for `list()`.
 *
 * @example
 * summarizeThread(record) // { id: 't1', title: 'Trip', createdAt, updatedAt }
 */
export function summarizeThread(record: ThreadRecord): ThreadSummary {
  const summary: ThreadSummary = { id: record.id, createdAt: record.createdAt, updatedAt: record.updatedAt }
  if (record.title !== undefined) summary.title = record.title
  return summary
}
