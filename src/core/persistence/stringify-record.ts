import type { ThreadRecord } from './thread-record.ts'

// A node's JSON, kept as long as the node object lives: the tree shares unchanged nodes
// between saves, so a save serialises only the messages that changed since the last one.
const nodeJson = new WeakMap<object, string>()

/**
 * `JSON.stringify(record)`, with each tree node's JSON remembered: saving a 1,000-message
 * thread after a turn serialises the two new messages and joins the rest, instead of
 * serialising a megabyte of unchanged messages again. Relies on nodes being immutable, as
 * the client's tree is.
 *
 * @example
 * storage.setItem(key, stringifyThreadRecord(record))
 */
export function stringifyThreadRecord(record: ThreadRecord): string {
  const { nodes } = record.tree
  const parts: string[] = []
  for (const id of Object.keys(nodes)) {
    const node = nodes[id]!
    let json = nodeJson.get(node)
    if (json === undefined) {
      json = JSON.stringify(node)
      nodeJson.set(node, json)
    }
    parts.push(`${JSON.stringify(id)}:${json}`)
  }
  // Placeholders with a nonce, so no string in the record can be mistaken for them.
  const nonce = `\u0000rivulet-${Math.random().toString(36).slice(2)}\u0000`
  const tree = JSON.stringify({ ...record.tree, nodes: nonce }).replace(JSON.stringify(nonce), () => `{${parts.join(',')}}`)
  return JSON.stringify({ ...record, tree: nonce }).replace(JSON.stringify(nonce), () => tree)
}
