import type { FrameScheduler } from './frame-scheduler.ts'

/** A value that can be read and watched, the shape `useSyncExternalStore` wants. */
export interface ReadableValue<T> {
  getSnapshot(): T
  subscribe(listener: () => void): () => void
}

export interface ValueStore<T> extends ReadableValue<T> {
  /** Replaces the value; listeners hear of it at the scheduler's next frame. */
  set(value: T): void
  destroy(): void
}

/**
 * A tiny external store for values that change often but are read rarely (metrics): writes
 * are cheap, notifications are batched by the scheduler like the chat store's.
 *
 * @example
 * const count = createValueStore(0)
 * count.subscribe(() => console.log(count.getSnapshot()))
 * count.set(1)
 */
export function createValueStore<T>(initial: T, scheduler?: FrameScheduler): ValueStore<T> {
  let latest = initial
  let published = initial
  const listeners = new Set<() => void>()
  const publish = () => {
    if (published === latest) return
    published = latest
    for (const listener of [...listeners]) listener()
  }
  return {
    getSnapshot: () => published,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    set(value) {
      latest = value
      if (scheduler) scheduler.schedule(publish)
      else publish()
    },
    destroy() {
      scheduler?.cancel(publish)
      listeners.clear()
    },
  }
}
