import type { BranchNode, BranchTree } from '../branches/branch-tree.ts'
import type { ChatMessage } from '../state.ts'
import { PersistenceError } from './persistence-error.ts'
import { THREAD_RECORD_VERSION, type ThreadRecord } from './thread-record.ts'

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string')
const roles = new Set(['user', 'assistant', 'system'])

/** Thrown inside validation with the path of the bad field; becomes one `corrupt` error. */
class Invalid extends Error {}

function fail(path: string, what: string): never {
  throw new Invalid(`${path} ${what}`)
}

function expectString(value: Json, key: string, path: string, optional = false): void {
  const v = value[key]
  if (v === undefined && optional) return
  if (typeof v !== 'string') fail(`${path}.${key}`, 'must be a string')
}

/** The fields each known part needs to render; newer part types are kept as they are. */
const partFields: Record<string, Array<[string, 'string' | 'boolean']>> = {
  text: [['text', 'string']],
  reasoning: [['text', 'string']],
  'tool-call': [['id', 'string'], ['name', 'string'], ['state', 'string'], ['argsText', 'string']],
  status: [['message', 'string']],
  error: [['code', 'string'], ['message', 'string'], ['resumable', 'boolean']],
  file: [['mediaType', 'string'], ['url', 'string']],
  data: [['name', 'string']],
  source: [['id', 'string']],
}

/** Fields a part may leave out but that renderers read as given when present. */
const optionalPartFields: Record<string, Array<[string, 'string' | 'number']>> = {
  file: [['name', 'string'], ['size', 'number'], ['id', 'string'], ['state', 'string']],
  data: [['id', 'string']],
  source: [['url', 'string'], ['title', 'string'], ['mediaType', 'string'], ['snippet', 'string']],
}

/** Citation offsets are sliced out of the text when it renders: they must fit it. */
function checkCitations(part: Json, at: string): void {
  if (part.citations === undefined) return
  if (!Array.isArray(part.citations)) fail(`${at}.citations`, 'must be an array')
  const length = (part.text as string).length
  part.citations.forEach((citation, i) => {
    const path = `${at}.citations[${i}]`
    if (!isObject(citation) || typeof citation.sourceId !== 'string') fail(path, 'must be an object with a string sourceId')
    const { start, end } = citation
    if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (start as number) > (end as number) || (end as number) > length) {
      fail(path, `must have 0 ≤ start ≤ end ≤ ${length}`)
    }
  })
}

// Messages that passed `checkMessage`: a message is an immutable object in the client, so a
// thread read from storage (each message checked as it is parsed) is not checked again, message
// by message, when its tree is validated and when the chat validates what the adapter returned.
const checkedMessages = new WeakSet<object>()

/** The path of the node `id` in a stored record, for an error message. */
const nodePath = (id: string) => `tree.nodes[${JSON.stringify(id)}]`
/** A message's path: `path`, or inside the tree node `nodeId`. */
const messagePath = (path: string, nodeId: string | undefined) => (nodeId === undefined ? path : `${nodePath(nodeId)}.message`)

/**
 * Paths are built only for an error: a path string per message and part of a valid thread
 * was most of a restore's garbage. `nodeId` names the tree node holding the message.
 */
function checkMessage(value: unknown, path: string, nodeId?: string): asserts value is ChatMessage {
  if (!isObject(value)) fail(messagePath(path, nodeId), 'must be an object')
  if (checkedMessages.has(value)) return
  if (typeof value.id !== 'string') fail(`${messagePath(path, nodeId)}.id`, 'must be a string')
  if (!roles.has(value.role as string)) fail(`${messagePath(path, nodeId)}.role`, 'must be user, assistant or system')
  const { parts } = value
  if (!Array.isArray(parts)) fail(`${messagePath(path, nodeId)}.parts`, 'must be an array')
  for (let i = 0; i < parts.length; i++) {
    const part: unknown = parts[i]
    if (!isObject(part) || typeof part.type !== 'string') fail(`${messagePath(path, nodeId)}.parts[${i}]`, 'must be an object with a string type')
    const required = partFields[part.type]
    if (required) for (const [key, kind] of required) if (typeof part[key] !== kind) fail(`${messagePath(path, nodeId)}.parts[${i}].${key}`, `must be a ${kind}`)
    const optional = optionalPartFields[part.type]
    if (optional) {
      for (const [key, kind] of optional) {
        if (part[key] !== undefined && typeof part[key] !== kind) fail(`${messagePath(path, nodeId)}.parts[${i}].${key}`, `must be a ${kind} when present`)
      }
    }
    if (part.type === 'text' && part.citations !== undefined) checkCitations(part, `${messagePath(path, nodeId)}.parts[${i}]`)
  }
  checkedMessages.add(value)
}

function checkNode(id: string, value: unknown, nodes: Json): asserts value is BranchNode {
  if (!isObject(value)) fail(nodePath(id), 'must be an object')
  checkMessage(value.message, '', id)
  if (value.message.id !== id) fail(`${nodePath(id)}.message.id`, 'must equal its key')
  if (value.parentId !== undefined && (typeof value.parentId !== 'string' || !(value.parentId in nodes))) fail(`${nodePath(id)}.parentId`, 'must name a message of the thread')
  if (!isStringArray(value.childIds)) fail(`${nodePath(id)}.childIds`, 'must be an array of ids')
  for (const child of value.childIds) {
    const node = nodes[child]
    if (!isObject(node) || node.parentId !== id) fail(`${nodePath(id)}.childIds`, `lists "${child}", which is not a child of it`)
  }
  if (value.activeChildId !== undefined && !value.childIds.includes(value.activeChildId as string)) fail(`${nodePath(id)}.activeChildId`, 'must be one of its children')
}

function checkTree(value: unknown): asserts value is BranchTree {
  if (!isObject(value)) fail('tree', 'must be an object')
  const { nodes, rootIds, activeRootId } = value
  if (!isObject(nodes)) fail('tree.nodes', 'must be an object')
  if (!isStringArray(rootIds)) fail('tree.rootIds', 'must be an array of ids')
  const ids = Object.keys(nodes)
  for (const id of ids) checkNode(id, nodes[id], nodes)
  for (const id of rootIds) {
    const root = nodes[id] as BranchNode | undefined
    if (root === undefined || root.parentId !== undefined) fail('tree.rootIds', `lists "${id}", which is not a first message`)
  }
  if (activeRootId !== undefined && !rootIds.includes(activeRootId as string)) fail('tree.activeRootId', 'must be one of tree.rootIds')
  // Every node listed by its parent and reachable from a root: no orphans, no cycles.
  let reached = 0
  const stack = [...rootIds]
  const seen = new Set<string>()
  while (stack.length > 0) {
    const id = stack.pop()!
    if (seen.has(id)) fail('tree', `reaches "${id}" twice`)
    seen.add(id)
    reached++
    stack.push(...(nodes[id] as BranchNode).childIds)
  }
  const total = ids.length
  if (reached !== total) fail('tree', `has ${total - reached} message(s) not reachable from a first message`)
}

/**
 * Checks that a stored value is a whole chat message (id, role, parts with the fields each
 * known part type needs) and returns it typed; throws a {@link PersistenceError} `corrupt`.
 *
 * @example
 * const message = validateStoredMessage(JSON.parse(text))
 */
export function validateStoredMessage(value: unknown): ChatMessage {
  try {
    checkMessage(value, 'message')
  } catch (error) {
    if (error instanceof Invalid) throw new PersistenceError('corrupt', `Stored message is corrupt: ${error.message}`)
    throw error
  }
  return value
}

/**
 * Checks that a stored value is a whole, valid thread of this version and returns it typed.
 * Throws a {@link PersistenceError}: `corrupt` (with the path of the first bad field),
 * `version_too_old` or `version_too_new`. Parts of types this version does not know (written
 * by a newer minor release) are kept, not refused; every known part type is checked.
 *
 * @example
 * const record = validateThreadRecord(JSON.parse(text), 't1')
 */
export function validateThreadRecord(value: unknown, expectedId?: string): ThreadRecord {
  const label = expectedId === undefined ? 'Stored thread' : `Stored thread "${expectedId}"`
  if (!isObject(value)) throw new PersistenceError('corrupt', `${label} is not an object`)
  const { version } = value
  if (typeof version !== 'number' || !Number.isInteger(version)) throw new PersistenceError('corrupt', `${label} has no record version`)
  if (version < THREAD_RECORD_VERSION) {
    throw new PersistenceError('version_too_old', `${label} was written in format ${version}; this version of rivulet-ui reads format ${THREAD_RECORD_VERSION}`)
  }
  if (version > THREAD_RECORD_VERSION) {
    throw new PersistenceError('version_too_new', `${label} was written in format ${version} by a newer rivulet-ui; this one reads format ${THREAD_RECORD_VERSION}`)
  }
  try {
    expectString(value, 'id', 'thread')
    if (expectedId !== undefined && value.id !== expectedId) fail('thread.id', `is "${String(value.id)}", not "${expectedId}"`)
    expectString(value, 'title', 'thread', true)
    for (const key of ['createdAt', 'updatedAt']) {
      if (typeof value[key] !== 'number' || !Number.isFinite(value[key])) fail(`thread.${key}`, 'must be a number')
    }
    checkTree(value.tree)
  } catch (error) {
    if (error instanceof Invalid) throw new PersistenceError('corrupt', `${label} is corrupt: ${error.message}`)
    throw error
  }
  return value as unknown as ThreadRecord
}
