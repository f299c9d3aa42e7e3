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

/**
 * Serialises the nodes of a record just loaded, in the page's idle periods (where there is
 * `requestIdleCallback`), so the first save after a restore only joins remembered JSON, like
 * every later save, instead of serialising the whole thread in one task.
 *
 * @example
 * const record = validateThreadRecord(JSON.parse(text)); warmThreadRecord(record)
 */
export function warmThreadRecord(record: ThreadRecord): void {
  const idle = globalThis.requestIdleCallback
  if (typeof idle !== 'function') return
  const nodes = Object.values(record.tree.nodes)
  let next = 0
  const step = (deadline: IdleDeadline) => {
    while (next < nodes.length && deadline.timeRemaining() > 1) {
      const node = nodes[next++]!
      if (!nodeJson.has(node)) nodeJson.set(node, JSON.stringify(node))
    }
    if (next < nodes.length) idle(step)
  }
  idle(step)
}
