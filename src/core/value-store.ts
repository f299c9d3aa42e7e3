/** A value that can be read and watched, the shape `useSyncExternalStore` wants. */
export interface ReadableValue<T> {
  getSnapshot(): T
  subscribe(listener: () => void): () => void
}

export interface ValueStore<T> extends ReadableValue<T> {
  /** Replaces the value; listeners hear of it at once (a reader batches with its own scheduler). */
  set(value: T): void
  destroy(): void
}

/**
 * A tiny external store for values that change often but are read rarely (metrics): a write
 * that changes nothing notifies nobody.
 *
 * @example
 * const count = createValueStore(0)
 * count.subscribe(() => console.log(count.getSnapshot()))
 * count.set(1)
 */
export function createValueStore<T>(initial: T): ValueStore<T> {
  let value = initial
  const listeners = new Set<() => void>()
  return {
    getSnapshot: () => value,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    set(next) {
      if (Object.is(next, value)) return
      value = next
      for (const listener of [...listeners]) listener()
    },
    destroy() {
      listeners.clear()
    },
  }
}
