/** A size-bounded map that forgets the least recently used entries first. */
export interface LruCache<K, V> {
  get(key: K): V | undefined
  set(key: K, value: V): void
  clear(): void
  /** Number of entries. */
  readonly size: number
}

/**
 * A small LRU cache on top of `Map`'s insertion order: reading an entry moves it to the
 * end, so the first key is always the stalest one. Entries weigh 1 unless `weigh` says
 * otherwise (highlights weigh their line count, so a few huge blocks cannot hold on to
 * hundreds of megabytes); an entry heavier than the whole budget is not kept.
 *
 * @example
 * const cache = createLruCache<string, string[]>(1000, (lines) => lines.length)
 * cache.set('a', ['x', 'y'])
 * cache.get('a') // ['x', 'y']
 */
export function createLruCache<K, V>(maxWeight: number, weigh: (value: V) => number = () => 1): LruCache<K, V> {
  const map = new Map<K, { value: V; weight: number }>()
  let total = 0
  const remove = (key: K) => {
    const entry = map.get(key)
    if (!entry) return
    total -= entry.weight
    map.delete(key)
  }
  return {
    get(key) {
      const entry = map.get(key)
      if (!entry) return undefined
      map.delete(key)
      map.set(key, entry)
      return entry.value
    },
    set(key, value) {
      remove(key)
      const weight = Math.max(1, weigh(value))
      if (weight > maxWeight) return
      map.set(key, { value, weight })
      total += weight
      for (const oldest of map.keys()) {
        if (total <= maxWeight) break
        remove(oldest)
      }
    },
    clear() {
      map.clear()
      total = 0
    },
    get size() {
      return map.size
    },
  }
}
