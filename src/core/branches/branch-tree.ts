import type { ChatMessage } from '../state.ts'
import { BranchError } from './branch-error.ts'
import { copyIdRecord, emptyIdRecord } from './id-record.ts'

/** One message of a thread and where it sits in the tree. */
export interface BranchNode {
  message: ChatMessage
  /** The message this one answers or follows; absent for a first message. */
  parentId?: string
  /** Alternatives that follow this message, oldest first (regenerations, edits). */
  childIds: string[]
  /** The child on the active path; absent when the active path ends at this message. */
  activeChildId?: string
}

/**
 * A thread as a tree: every message ever written, alternatives included, plus which
 * alternative is showing at each fork. Plain JSON (records and arrays), so it can be stored
 * and restored as is.
 *
 * The client keeps the active path in `state.messages` and writes streamed content back into
 * the tree only when a turn settles ({@link syncPath}), so a token never touches the tree and
 * its cost does not depend on how many branches the thread has.
 */
export interface BranchTree {
  nodes: Readonly<Record<string, BranchNode>>
  /** First messages of the thread (several once the first prompt was edited). */
  rootIds: string[]
  /** The first message on the active path. */
  activeRootId?: string
}

/** Where a message sits among its siblings: `index` is 0-based, `count` includes itself. */
export interface BranchInfo {
  index: number
  count: number
}

/** The tree of a thread with no messages. */
export const emptyBranchTree: BranchTree = { nodes: {}, rootIds: [] }

function fork(tree: BranchTree, parentId: string | undefined): { childIds: string[]; activeChildId: string | undefined } {
  if (parentId === undefined) return { childIds: tree.rootIds, activeChildId: tree.activeRootId }
  const parent = tree.nodes[parentId]
  if (parent === undefined) throw new BranchError('unknown_message', parentId, `No message "${parentId}" in this thread`)
  return { childIds: parent.childIds, activeChildId: parent.activeChildId }
}

/**
 * A copy of `tree` where the fork under `parentId` shows `childId` and has `childIds`. `nodes`
 * may be a record the caller just copied (`owned`): the parent is then written into it rather
 * than into a second copy of the whole record.
 */
function withFork(tree: BranchTree, parentId: string | undefined, childIds: string[], childId: string | undefined, nodes = tree.nodes, owned = false): BranchTree {
  if (parentId === undefined) {
    const next: BranchTree = { nodes, rootIds: childIds }
    if (childId !== undefined) next.activeRootId = childId
    return next
  }
  const parent = nodes[parentId]!
  const updated: BranchNode = { ...parent, childIds }
  if (childId === undefined) delete updated.activeChildId
  else updated.activeChildId = childId
  if (!owned) return { ...tree, nodes: copyIdRecord(nodes, { [parentId]: updated }) }
  ;(nodes as Record<string, BranchNode>)[parentId] = updated
  return { ...tree, nodes }
}

/**
 * A tree holding `messages` as one straight path (no alternatives), e.g. for
 * `initialMessages` or `setMessages`. Ids must be unique.
 *
 * @example
 * const tree = branchTreeFromMessages([user, assistant])
 * activePath(tree) // [user, assistant]
 */
export function branchTreeFromMessages(messages: readonly ChatMessage[]): BranchTree {
  const nodes = emptyIdRecord<BranchNode>()
  messages.forEach((message, i) => {
    if (message.id in nodes) throw new BranchError('duplicate_message', message.id, `Message id "${message.id}" appears twice`)
    const next = messages[i + 1]
    const node: BranchNode = { message, childIds: next ? [next.id] : [] }
    const parent = messages[i - 1]
    if (parent) node.parentId = parent.id
    if (next) node.activeChildId = next.id
    nodes[message.id] = node
  })
  const first = messages[0]
  return first ? { nodes, rootIds: [first.id], activeRootId: first.id } : emptyBranchTree
}

/**
 * The ids of the messages showing, first to last: from the active root down through each
 * fork's active child. O(path length), whatever the number of branches.
 *
 * @example
 * activePathIds(tree) // ['u1', 'a1', 'u2', 'a2b']
 */
export function activePathIds(tree: BranchTree): string[] {
  const ids: string[] = []
  const seen = new Set<string>()
  let id = tree.activeRootId
  // A cycle can only come from a hand-made tree; the guard keeps it from hanging the page.
  while (id !== undefined && !seen.has(id)) {
    const node = tree.nodes[id]
    if (node === undefined) break
    seen.add(id)
    ids.push(id)
    id = node.activeChildId
  }
  return ids
}

/**
 * The messages showing, first to last (what `state.messages` holds and what is sent).
 *
 * @example
 * activePath(switchBranch(tree, 'a1', 0)).map((m) => m.id) // ['u1', 'a1']
 */
export function activePath(tree: BranchTree): ChatMessage[] {
  return activePathIds(tree).map((id) => tree.nodes[id]!.message)
}

/**
 * The messages from the first one down to `messageId`, following parents (so it works for
 * a message on a branch that is not showing). Without `messageId` in the tree it throws a
 * {@link BranchError} `unknown_message`.
 *
 * @example
 * pathTo(tree, 'a1').map((m) => m.id) // ['u1', 'a1']
 */
export function pathTo(tree: BranchTree, messageId: string): ChatMessage[] {
  const path: ChatMessage[] = []
  const seen = new Set<string>()
  let node = tree.nodes[messageId]
  if (node === undefined) throw new BranchError('unknown_message', messageId, `No message "${messageId}" in this thread`)
  while (node !== undefined && !seen.has(node.message.id)) {
    seen.add(node.message.id)
    path.push(node.message)
    node = node.parentId === undefined ? undefined : tree.nodes[node.parentId]
  }
  return path.reverse()
}

/**
 * Where a message sits among its alternatives, or `undefined` for an unknown id. A message
 * without alternatives is `{ index: 0, count: 1 }`.
 *
 * @example
 * getBranches(tree, 'a1b') // { index: 1, count: 2 }
 */
export function getBranches(tree: BranchTree, messageId: string): BranchInfo | undefined {
  const node = tree.nodes[messageId]
  if (node === undefined) return undefined
  const { childIds } = fork(tree, node.parentId)
  return { index: childIds.indexOf(messageId), count: childIds.length }
}

/**
 * Shows the `index`-th alternative (0-based) among `messageId` and its siblings; the path
 * below it follows whatever was showing there last. Only the fork changes: no message is
 * created or lost. Throws a {@link BranchError}: `unknown_message` for an id not in the
 * tree, `out_of_range` for an index outside `0 … count - 1`.
 *
 * @example
 * const next = switchBranch(tree, 'a1', 0) // the first answer again
 */
export function switchBranch(tree: BranchTree, messageId: string, index: number): BranchTree {
  const node = tree.nodes[messageId]
  if (node === undefined) throw new BranchError('unknown_message', messageId, `No message "${messageId}" in this thread`)
  const { childIds, activeChildId } = fork(tree, node.parentId)
  const target = Number.isInteger(index) ? childIds[index] : undefined
  if (target === undefined) {
    throw new BranchError('out_of_range', messageId, `Branch ${index} does not exist: "${messageId}" has ${childIds.length} (0 to ${childIds.length - 1})`)
  }
  if (target === activeChildId) return tree
  return withFork(tree, node.parentId, childIds, target)
}

/**
 * Adds `message` after `parentId` (or as a first message when `parentId` is undefined) and
 * shows it: the new last alternative of that fork. A send appends after the last message;
 * a regenerate appends a new answer after the prompt (a sibling of the old answer); an edit
 * appends the edited prompt after the old prompt's parent.
 *
 * @example
 * let tree = appendMessage(emptyBranchTree, undefined, user)
 * tree = appendMessage(tree, user.id, answer)
 * tree = appendMessage(tree, user.id, secondAnswer) // getBranches(tree, secondAnswer.id) → { index: 1, count: 2 }
 */
export function appendMessage(tree: BranchTree, parentId: string | undefined, message: ChatMessage): BranchTree {
  if (message.id in tree.nodes) throw new BranchError('duplicate_message', message.id, `Message id "${message.id}" is already in this thread`)
  const { childIds } = fork(tree, parentId)
  const node: BranchNode = { message, childIds: [] }
  if (parentId !== undefined) node.parentId = parentId
  return withFork(tree, parentId, [...childIds, message.id], message.id, copyIdRecord(tree.nodes, { [message.id]: node }), true)
}

/**
 * Adds `message` as a new alternative of `siblingId` (same parent) and shows it: how
 * regenerate (a new answer beside the old one) and edit (a new prompt beside the old one)
 * grow the tree. Throws a {@link BranchError} `unknown_message` when `siblingId` is gone.
 *
 * @example
 * tree = addSibling(tree, 'a1', { id: 'a1b', role: 'assistant', parts: [] })
 * getBranches(tree, 'a1b') // { index: 1, count: 2 }
 */
export function addSibling(tree: BranchTree, siblingId: string, message: ChatMessage): BranchTree {
  const sibling = tree.nodes[siblingId]
  if (sibling === undefined) throw new BranchError('unknown_message', siblingId, `No message "${siblingId}" in this thread`)
  return appendMessage(tree, sibling.parentId, message)
}

/**
 * Removes a message and everything that follows it on every branch (Retry drops the failed
 * answer this way). When it was showing, its fork shows the previous alternative, or nothing
 * when it was the only one. An unknown id leaves the tree as it is.
 *
 * @example
 * removeMessage(tree, 'a2') // the failed answer and anything after it are gone
 */
export function removeMessage(tree: BranchTree, messageId: string): BranchTree {
  const node = tree.nodes[messageId]
  if (node === undefined) return tree
  const nodes = copyIdRecord(tree.nodes)
  const stack = [messageId]
  while (stack.length > 0) {
    const id = stack.pop()!
    const gone = nodes[id]
    if (gone === undefined) continue
    delete nodes[id]
    stack.push(...gone.childIds)
  }
  const { childIds, activeChildId } = fork(tree, node.parentId)
  const at = childIds.indexOf(messageId)
  const rest = childIds.filter((id) => id !== messageId)
  const shown = activeChildId === messageId ? rest[Math.max(0, at - 1)] : activeChildId
  return withFork(tree, node.parentId, rest, shown, nodes, true)
}

/**
 * Writes the live messages of the active path back into the tree: each message whose object
 * changed replaces its node's copy (same identity → untouched, so a settled turn costs one
 * pass over the path, not over the tree). `messages` must be the active path (same ids in the
 * same order), as the client keeps it; a mismatch throws a {@link BranchError} `path_mismatch`
 * rather than silently grafting messages in the wrong place.
 *
 * @example
 * tree = syncPath(tree, state.messages) // after `done`
 */
export function syncPath(tree: BranchTree, messages: readonly ChatMessage[]): BranchTree {
  let nodes: Record<string, BranchNode> | undefined
  let expected = tree.activeRootId
  for (const message of messages) {
    const node = tree.nodes[message.id]
    if (node === undefined || message.id !== expected) {
      throw new BranchError('path_mismatch', message.id, `Message "${message.id}" is not where the active path expects "${expected ?? 'the end'}"`)
    }
    if (node.message !== message) {
      nodes ??= copyIdRecord(tree.nodes)
      nodes[message.id] = { ...node, message }
    }
    expected = node.activeChildId
  }
  if (expected !== undefined) throw new BranchError('path_mismatch', expected, `The active path continues with "${expected}" after the last message`)
  return nodes ? { ...tree, nodes } : tree
}

function uniqueIds(messages: readonly ChatMessage[]): boolean {
  return new Set(messages.map((message) => message.id)).size === messages.length
}

/** The same tree with the fork under `parentId` showing `childId` (or ending there when undefined); `owned` as for `withFork`. */
function showAt(tree: BranchTree, parentId: string | undefined, childId: string | undefined, owned: boolean): BranchTree {
  const { childIds, activeChildId } = fork(tree, parentId)
  return activeChildId === childId ? tree : withFork(tree, parentId, childIds, childId, tree.nodes, owned)
}

/**
 * Makes the tree's active path exactly `messages`, never throwing: messages already in place
 * get their live content (same object → untouched), forks switch to them, messages not in the
 * tree yet are appended where they now follow, and the path ends after the last one. Branches
 * not on the path are kept. The client calls it when a turn settles and before any branch
 * operation, so streaming itself never touches the tree; with nothing changed it returns the
 * same tree after one pass over the path.
 *
 * @example
 * tree = reconcilePath(tree, state.messages) // after a send: the new prompt and answer are in
 */
export function reconcilePath(tree: BranchTree, messages: readonly ChatMessage[]): BranchTree {
  // No tree yet (a thread given whole, e.g. by setMessages): one straight path, built in one
  // pass. Appending message by message copies the node record each time, which for a
  // 1,000-message thread was a 150 ms task inside the first save after setMessages.
  if (tree.rootIds.length === 0 && messages.length > 0 && uniqueIds(messages)) return branchTreeFromMessages(messages)
  let next = tree
  // The node record is copied once, at the first change, and written in place after (as in
  // syncPath): a copy per changed message made a settle after setMessages k·n.
  let owned = false
  const ownNodes = (): Record<string, BranchNode> => {
    if (!owned) next = { ...next, nodes: copyIdRecord(next.nodes) }
    owned = true
    return next.nodes as Record<string, BranchNode>
  }
  let parentId: string | undefined
  for (const message of messages) {
    const node = next.nodes[message.id]
    if (node !== undefined && node.parentId === parentId) {
      if (node.message !== message) ownNodes()[message.id] = { ...node, message }
      next = showAt(next, parentId, message.id, owned)
    } else {
      // Unknown here, or moved by a caller (setMessages): it now lives after `parentId`.
      if (node !== undefined) {
        next = removeMessage(next, message.id)
        owned = false
      }
      const { childIds } = fork(next, parentId)
      const added: BranchNode = { message, childIds: [] }
      if (parentId !== undefined) added.parentId = parentId
      ownNodes()[message.id] = added
      next = withFork(next, parentId, [...childIds, message.id], message.id, next.nodes, true)
    }
    parentId = message.id
  }
  return showAt(next, parentId, undefined, owned)
}
