/**
 * Records keyed by message id (a tree's nodes, a stored head's entries) hold up to thousands
 * of keys. Filled into a plain `{}` (or copied with `{ ...nodes }`), V8 first gives the object
 * a hidden class per key added, each with its own descriptor array, and only past a limit turns
 * it into a hash table: about 1.4 MB of old-space garbage per copy of a 1,000-message tree
 * (about 0.1 MB as a hash table from the start). A send, a settled turn, every save and a
 * restore each made such copies, and that garbage brought a 20+ ms major GC into an answer
 * streaming after a restored thread. These helpers start the record as a hash table.
 */

/**
 * An empty plain object that V8 keeps as a hash table (dictionary mode) from its first key:
 * deleting a property other than the last one added switches an object to that mode for good.
 * To every other engine and to callers it is just `{}`.
 *
 * @example
 * const nodes = emptyIdRecord<BranchNode>()
 * nodes['m1'] = node
 */
export function emptyIdRecord<T>(): Record<string, T> {
  const record: Record<string, unknown> = { first: 0, second: 0 }
  delete record.first
  delete record.second
  return record as Record<string, T>
}

/**
 * A copy of `source` (own keys, same order) as a record from {@link emptyIdRecord}, with
 * `changes` written over it: what `{ ...source, ...changes }` gives, without the garbage.
 *
 * @example
 * const nodes = copyIdRecord(tree.nodes, { [message.id]: node })
 */
export function copyIdRecord<T>(source: Readonly<Record<string, T>>, changes?: Readonly<Record<string, T>>): Record<string, T> {
  const copy = emptyIdRecord<T>()
  for (const id of Object.keys(source)) copy[id] = source[id]!
  if (changes) for (const id of Object.keys(changes)) copy[id] = changes[id]!
  return copy
}
