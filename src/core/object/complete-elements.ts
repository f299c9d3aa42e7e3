/**
 * Arrays the partial-JSON parser handed out while their last element was still being written,
 * with how many elements were finished then. Keyed weakly by the array itself: snapshots keep
 * their identity while unchanged, so the answer stays valid, and nothing here outlives them.
 */
const finishedCounts = new WeakMap<readonly unknown[], number>()
/** The finished prefix handed out per array, so repeated calls give the same array (memo-friendly). */
const finishedPrefixes = new WeakMap<readonly unknown[], readonly unknown[]>()

/** Called by the parser for each array snapshot that ends with an unfinished element. */
export function registerCompleteElements(array: readonly unknown[], finished: number): void {
  finishedCounts.set(array, finished)
}

/**
 * The elements of a streamed array that are complete: an element is complete once its closing
 * token arrived (at the latest when the next one begins or the array closes), so a list can
 * append finished items only, never a half-written card. Arrays that did not come from a
 * stream still being parsed are returned as they are.
 *
 * @example
 * const { object } = useObject({ api: '/api/cards', schema })
 * const cards = completeElements(object?.cards) // finished cards only
 */
export function completeElements<T>(array: readonly T[] | undefined): readonly T[] {
  if (array === undefined) return []
  const finished = finishedCounts.get(array)
  if (finished === undefined) return array
  let prefix = finishedPrefixes.get(array) as readonly T[] | undefined
  if (prefix === undefined) finishedPrefixes.set(array, (prefix = array.slice(0, finished)))
  return prefix
}

/**
 * How many leading elements of a streamed array are complete (see {@link completeElements}).
 *
 * @example
 * completeCount(['a', 'b']) // 2: not a streamed array, so all of it
 */
export function completeCount(array: readonly unknown[] | undefined): number {
  if (array === undefined) return 0
  return finishedCounts.get(array) ?? array.length
}
