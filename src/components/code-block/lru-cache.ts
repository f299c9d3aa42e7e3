/** A size-bounded map that forgets the least recently used entry first. */
export interface LruCache<K, V> {
  get(key: K): V | undefined
  set(key: K, value: V): void
  clear(): void
  readonly size: number
}

/**
 * A small LRU cache on top of `Map`'s insertion order: reading an entry moves it to the
 * end, so the first key is always the stalest one.
 *
 * @example
 * const cache = createLruCache<string, number>(2)
 * cache.set('a', 1)
 * cache.get('a') // 1
 */
export function createLruCache<K, V>(maxEntries: number): LruCache<K, V> {
  const map = new Map<K, V>()
  return {
    get(key) {
      const value = map.get(key)
      if (value === undefined) return undefined
      map.delete(key)
      map.set(key, value)
      return value
    },
    set(key, value) {
      map.delete(key)
      map.set(key, value)
      while (map.size > maxEntries) {
        const oldest = map.keys().next()
        if (oldest.done) break
        map.delete(oldest.value)
      }
    },
    clear() {
      map.clear()
    },
    get size() {
      return map.size
    },
  }
}
