import type { BranchNode, BranchTree } from '../branches/branch-tree.ts'
import { emptyIdRecord } from '../branches/id-record.ts'
import type { ChatMessage } from '../state.ts'
import { PersistenceError } from './persistence-error.ts'
import { THREAD_RECORD_VERSION, type ThreadRecord } from './thread-record.ts'
import { validateStoredMessage, validateThreadRecord } from './validate-thread-record.ts'

/**
 * The stored format of `createLocalStoragePersistence` since 2: the thread key holds a small
 * head (the tree's shape, one entry per message naming the key of its JSON), and each message
 * has a key of its own. A save writes only messages it has not written yet, so a finished
 * message is serialised once, not on every save; format 1 (the whole record under the thread
 * key) is still read, and the next save rewrites it as a head.
 */
export const SPLIT_LAYOUT_VERSION = 2

/** A message's place in the tree, as the head stores it: its JSON lives under `key`. */
export interface StoredNode {
  key: string
  role: ChatMessage['role']
  parentId?: string
  childIds: string[]
  activeChildId?: string
}

/** What the thread key holds in format 2. */
export interface SplitHead {
  version: typeof SPLIT_LAYOUT_VERSION
  id: string
  title?: string
  createdAt: number
  updatedAt: number
  tree: { nodes: Record<string, StoredNode>; rootIds: string[]; activeRootId?: string }
}

type Json = Record<string, unknown>
// The stored node of each tree node (objects the client never mutates), for headText's cache.
const storedNodes = new WeakMap<BranchNode, StoredNode>()
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The head's fields but its tree, `version` first (what the adapter recognises a head by). */
function headFields(record: ThreadRecord): Omit<SplitHead, 'tree'> {
  const fields: Omit<SplitHead, 'tree'> = { version: SPLIT_LAYOUT_VERSION, id: record.id, createdAt: record.createdAt, updatedAt: record.updatedAt }
  if (record.title !== undefined) fields.title = record.title
  return fields
}

/** The head's tree but its nodes. */
function treeShape(record: ThreadRecord): Omit<SplitHead['tree'], 'nodes'> {
  const shape: Omit<SplitHead['tree'], 'nodes'> = { rootIds: record.tree.rootIds }
  if (record.tree.activeRootId !== undefined) shape.activeRootId = record.tree.activeRootId
  return shape
}

/** The stored form of a tree node whose message is under `key`, remembered per node object. */
function storedNode(node: BranchNode, key: string): StoredNode {
  let stored = storedNodes.get(node)
  if (stored === undefined || stored.key !== key) {
    stored = { key, role: node.message.role, childIds: node.childIds }
    if (node.parentId !== undefined) stored.parentId = node.parentId
    if (node.activeChildId !== undefined) stored.activeChildId = node.activeChildId
    storedNodes.set(node, stored)
  }
  return stored
}

/**
 * Serialises a node's head entry ahead of the save that needs it (in an idle slice), so the
 * commit only joins remembered JSON: after a restore every node is new to these caches.
 *
 * @example
 * warmHeadNode(node, key)
 */
export function warmHeadNode(id: string, node: BranchNode, key: string): void {
  entryJson(id, storedNode(node, key))
}

// Each stored node's entry in the head (`"id":{…}`), kept while its tree node lives: trees
// share unchanged nodes between saves, so a head of 1,000 messages re-serialises only the few
// nodes that changed, and joins the rest as they are.
const entryText = new WeakMap<StoredNode, string>()

function entryJson(id: string, node: StoredNode): string {
  let json = entryText.get(node)
  if (json === undefined) entryText.set(node, (json = `${JSON.stringify(id)}:${JSON.stringify(node)}`))
  return json
}

/**
 * What a save writes under the thread key: the {@link SplitHead} of `record` as JSON, built
 * straight from the tree (no head object, no record of 1,000 stored nodes per save), joining
 * the remembered JSON of unchanged nodes, and the message keys it names. `keyOf` names where
 * each message's JSON is (or goes).
 *
 * @example
 * const { text, keys } = headText(record, (id, node) => keys.get(node.message)!)
 */
export function headText(record: ThreadRecord, keyOf: (id: string, node: BranchNode) => string): { text: string; keys: Set<string> } {
  const from = record.tree.nodes
  const ids = Object.keys(from)
  const entries = new Array<string>(ids.length)
  const keys = new Set<string>()
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!
    const node = from[id]!
    const key = keyOf(id, node)
    keys.add(key)
    entries[i] = entryJson(id, storedNode(node, key))
  }
  return { text: joinHead(headFields(record), treeShape(record), entries), keys }
}

/** `{"version":2,…,"tree":{"rootIds":…,"nodes":{…}}}` around the node entries (`tree` goes last). */
function joinHead(fields: object, shape: object, entries: string[]): string {
  const tree = JSON.stringify(shape).slice(0, -1)
  const rest = JSON.stringify(fields).slice(0, -1)
  return `${rest},"tree":${tree}${tree.length > 1 ? ',' : ''}"nodes":{${entries.join(',')}}}}`
}

/**
 * The message keys a stored head refers to: what a save may reuse and must free when it
 * replaces the head. Anything that is not a readable format-2 head refers to none.
 *
 * @example
 * const keys = headKeys(JSON.parse(storage.getItem(threadKey) ?? 'null'))
 */
export function headKeys(head: unknown): Set<string> {
  const keys = new Set<string>()
  if (!isObject(head) || head.version !== SPLIT_LAYOUT_VERSION || !isObject(head.tree) || !isObject(head.tree.nodes)) return keys
  for (const node of Object.values(head.tree.nodes)) if (isObject(node) && typeof node.key === 'string') keys.add(node.key)
  return keys
}

/** A message whose stored JSON is gone or broken: its place in the thread stays, with an error. */
function unreadable(id: string, role: unknown): ChatMessage {
  return {
    id,
    role: role === 'user' || role === 'system' ? role : 'assistant',
    parts: [{ type: 'error', code: 'protocol', message: 'This message could not be read from storage', resumable: false }],
  }
}

/** What {@link readSplitThread} found: the thread, and the messages it could not read. */
export interface SplitRead {
  record: ThreadRecord
  /** Where each message came from, so a later save can leave unchanged messages where they are. */
  keys: Map<ChatMessage, string>
  /** `id: reason` of each message that could not be read; it shows as an error in its place. */
  broken: string[]
}

/**
 * Reads a format-2 thread: the head, then each message from its key. A missing or corrupt
 * message does not lose the thread: it is replaced by an error message and listed in
 * `broken`. A broken head (bad shape, a tree that does not hold together) throws a
 * {@link PersistenceError} `corrupt`: there is nothing to show.
 *
 * @example
 * const { record, broken } = readSplitThread(head, 't1', (key) => storage.getItem(prefix + key))
 */
export function readSplitThread(head: Json, threadId: string, read: (key: string) => string | null): SplitRead {
  const label = `Stored thread "${threadId}"`
  const tree = head.tree
  if (!isObject(tree) || !isObject(tree.nodes)) throw new PersistenceError('corrupt', `${label} is corrupt: tree.nodes must be an object`)
  const keys = new Map<ChatMessage, string>()
  const broken: string[] = []
  const nodes = emptyIdRecord<BranchNode>()
  for (const [id, value] of Object.entries(tree.nodes)) {
    if (!isObject(value) || typeof value.key !== 'string') throw new PersistenceError('corrupt', `${label} is corrupt: tree.nodes[${JSON.stringify(id)}] has no message key`)
    let message: ChatMessage
    try {
      const text = read(value.key)
      if (text === null) throw new Error('its key is missing')
      message = validateStoredMessage(JSON.parse(text))
      if (message.id !== id) throw new Error(`it is message "${message.id}"`)
      keys.set(message, value.key)
    } catch (error) {
      broken.push(`${id}: ${error instanceof Error ? error.message : String(error)}`)
      message = unreadable(id, value.role)
    }
    const node: BranchNode = { message, childIds: value.childIds as string[] }
    if (value.parentId !== undefined) node.parentId = value.parentId as string
    if (value.activeChildId !== undefined) node.activeChildId = value.activeChildId as string
    nodes[id] = node
  }
  const branches: BranchTree = { nodes, rootIds: tree.rootIds as string[] }
  if (tree.activeRootId !== undefined) branches.activeRootId = tree.activeRootId as string
  const candidate: Json = { version: THREAD_RECORD_VERSION, id: head.id, createdAt: head.createdAt, updatedAt: head.updatedAt, tree: branches }
  if (head.title !== undefined) candidate.title = head.title
  // The tree's shape and the record's fields, checked as any stored record is.
  return { record: validateThreadRecord(candidate, threadId), keys, broken }
}
