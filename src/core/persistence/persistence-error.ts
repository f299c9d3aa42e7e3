import type { ThreadRecord } from './thread-record.ts'

/** Why a thread could not be loaded or saved. */
export type PersistenceErrorCode =
  /** The stored record is not a valid thread (bad JSON, missing fields, broken tree). */
  | 'corrupt'
  /** Written by an older Rivulet whose format this one no longer reads. */
  | 'version_too_old'
  /** Written by a newer Rivulet; loading it would lose what this one does not understand. */
  | 'version_too_new'
  /** The storage is full (`QuotaExceededError`). */
  | 'quota'
  /** There is no storage (private mode, blocked cookies, server rendering). */
  | 'unavailable'
  /** The adapter failed in some other way (a network error of a server-side adapter…). */
  | 'failed'

/**
 * The typed error of thread persistence. Loading never returns half a thread: it returns a
 * valid thread or throws this. Saving throws it too, and the chat keeps the thread in memory.
 *
 * @example
 * try { await persistence.load('t1') } catch (e) {
 *   if (e instanceof PersistenceError && e.code === 'version_too_new') showUpgradeNotice()
 * }
 */
export class PersistenceError extends Error {
  readonly type = 'persistence_error' as const
  override readonly name = 'PersistenceError'
  /**
   * What could be read of a damaged or newer thread (unreadable messages replaced by an error
   * in their place), when anything could: the chat shows it with this error and does not save
   * over the stored copy.
   */
  readonly partial: ThreadRecord | undefined

  constructor(
    readonly code: PersistenceErrorCode,
    message: string,
    options?: { cause?: unknown; partial?: ThreadRecord },
  ) {
    super(message, options)
    this.partial = options?.partial
  }
}

/**
 * `error` as a {@link PersistenceError}: itself when it already is one, else code `failed`
 * with the original as `cause`, so a custom adapter may throw anything.
 *
 * @example
 * catch (e) { onError(toPersistenceError(e, 'Could not save thread t1')) }
 */
export function toPersistenceError(error: unknown, context: string): PersistenceError {
  if (error instanceof PersistenceError) return error
  const detail = error instanceof Error ? error.message : String(error)
  return new PersistenceError('failed', `${context}: ${detail}`, { cause: error })
}
