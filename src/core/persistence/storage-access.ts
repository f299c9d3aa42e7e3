import { PersistenceError } from './persistence-error.ts'

function isQuotaError(error: unknown): boolean {
  if (!(error instanceof Error) && !(typeof DOMException !== 'undefined' && error instanceof DOMException)) return false
  const { name, code } = error as { name: string; code?: number }
  // Chromium/WebKit: QuotaExceededError (code 22); old Firefox: NS_ERROR_DOM_QUOTA_REACHED (1014).
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014
}

/** A Web Storage whose every failure is a {@link PersistenceError}; see {@link createStorageAccess}. */
export interface StorageAccess {
  /** The storage itself; throws `unavailable` when there is none or it is blocked. */
  storage(): Storage
  read(key: string): string | null
  /** Throws `quota` when the storage is full, `unavailable` when it refuses otherwise; `what` names the value in the message. */
  write(key: string, value: string, what: string): void
  /** Best effort: a key that cannot be removed only wastes space. */
  forget(key: string): void
}

/**
 * Web Storage behind typed errors: a blocked storage (reading `window.localStorage` throws a
 * SecurityError in some private modes), a missing one (server rendering) and a full one each
 * get their own {@link PersistenceError} code.
 *
 * @example
 * const access = createStorageAccess(() => globalThis.localStorage, 'localStorage')
 * access.write('k', 'v', 'the thread index')
 */
export function createStorageAccess(find: () => Storage | undefined, name: string): StorageAccess {
  function storage(): Storage {
    let found: Storage | undefined
    try {
      found = find()
    } catch (error) {
      throw new PersistenceError('unavailable', `${name} is blocked in this browser`, { cause: error })
    }
    if (found === undefined || found === null) throw new PersistenceError('unavailable', `There is no ${name} here (server rendering or a locked-down browser)`)
    return found
  }
  return {
    storage,
    read(key) {
      try {
        return storage().getItem(key)
      } catch (error) {
        if (error instanceof PersistenceError) throw error
        throw new PersistenceError('unavailable', `${name} could not be read`, { cause: error })
      }
    },
    write(key, value, what) {
      const store = storage()
      try {
        store.setItem(key, value)
      } catch (error) {
        if (isQuotaError(error)) throw new PersistenceError('quota', `${name} is full: ${what} was not saved`, { cause: error })
        throw new PersistenceError('unavailable', `${name} refused to save ${what}`, { cause: error })
      }
    },
    forget(key) {
      try {
        storage().removeItem(key)
      } catch {
        // Only space is lost; the next save or remove tries again.
      }
    },
  }
}
