import type { ChatMessage, ChatState } from '../state.ts'
import { beginTurn } from '../turn.ts'
import { BranchError } from './branch-error.ts'
import { branchesOnPath } from './branch-path.ts'
import { activePath, addSibling, appendMessage, emptyBranchTree, getBranches, pathTo, reconcilePath, switchBranch, type BranchInfo, type BranchTree } from './branch-tree.ts'

/**
 * The thread's tree caught up with `state.messages` (see `reconcilePath`); the same tree
 * object when nothing changed.
 *
 * @example
 * const tree = currentTree(store.getSnapshot())
 */
export function currentTree(state: ChatState): BranchTree {
  return reconcilePath(state.tree ?? emptyBranchTree, state.messages)
}

/**
 * `state` with its tree caught up (for a settled turn, before saving). Same state when the
 * tree already matched.
 *
 * @example
 * store.update(settleTree)
 */
export function settleTree(state: ChatState): ChatState {
  const tree = currentTree(state)
  return tree === state.tree ? state : { ...state, tree }
}

/**
 * Where a message sits among its alternatives. A message of the active path that the tree has
 * not caught up with yet (the turn streaming now) has none: `{ index: 0, count: 1 }`.
 *
 * @example
 * branchesOf(state, 'a1') // { index: 1, count: 2 }
 */
export function branchesOf(state: ChatState, messageId: string): BranchInfo | undefined {
  return (state.tree && getBranches(state.tree, messageId)) ?? branchesOnPath(state.messages, messageId)
}

/** A branch turn ready to send: the new state and the history to POST (the active path before the answer). */
export interface BranchTurn {
  state: ChatState
  history: ChatMessage[]
}

/**
 * Gets a regenerate ready: a new, empty answer beside `messageId` (default: the last answer
 * on the active path), shown at once; the old answer stays as an alternative. `history` is
 * everything before the answer. Throws a {@link BranchError}: `unknown_message`, or
 * `wrong_role` when the message is not an answer.
 *
 * @example
 * const { state, history } = prepareRegenerate(store.getSnapshot(), undefined, newId())
 */
export function prepareRegenerate(state: ChatState, messageId: string | undefined, assistantId: string): BranchTurn {
  const tree = currentTree(state)
  const targetId = messageId ?? state.messages.findLast((m) => m.role === 'assistant')?.id
  if (targetId === undefined) throw new BranchError('unknown_message', '', 'There is no answer to regenerate')
  const node = tree.nodes[targetId]
  if (node === undefined) throw new BranchError('unknown_message', targetId, `No message "${targetId}" in this thread`)
  if (node.message.role !== 'assistant') throw new BranchError('wrong_role', targetId, `Message "${targetId}" is not an answer; edit it instead`)
  const history = node.parentId === undefined ? [] : pathTo(tree, node.parentId)
  const begun = beginTurn({ ...state, messages: history }, { assistantId })
  const answer = begun.messages.at(-1)!
  return { state: { ...begun, tree: addSibling(tree, targetId, answer) }, history }
}

/**
 * Gets an edit ready: a new user message with `text` beside `messageId` (its other parts, e.g.
 * attachments, kept), then an empty answer after it, both shown at once; the old prompt and
 * everything after it stay as an alternative. Throws a {@link BranchError}:
 * `unknown_message`, or `wrong_role` when the message is not the user's.
 *
 * @example
 * const { state, history } = prepareEdit(store.getSnapshot(), 'u1', 'Which is longer?', { userId: newId(), assistantId: newId() })
 */
export function prepareEdit(state: ChatState, messageId: string, text: string, ids: { userId: string; assistantId: string }): BranchTurn {
  const tree = currentTree(state)
  const node = tree.nodes[messageId]
  if (node === undefined) throw new BranchError('unknown_message', messageId, `No message "${messageId}" in this thread (was it deleted?)`)
  if (node.message.role !== 'user') throw new BranchError('wrong_role', messageId, `Message "${messageId}" is not the user's; regenerate it instead`)
  const edited: ChatMessage = { ...node.message, id: ids.userId, parts: [{ type: 'text', text }, ...node.message.parts.filter((p) => p.type !== 'text')] }
  const withPrompt = addSibling(tree, messageId, edited)
  const history = pathTo(withPrompt, ids.userId)
  const begun = beginTurn({ ...state, messages: history }, { assistantId: ids.assistantId })
  return { state: { ...begun, tree: appendMessage(withPrompt, ids.userId, begun.messages.at(-1)!) }, history }
}

/**
 * Shows the `index`-th alternative of `messageId`: `messages` becomes the new active path at
 * once, no request. Throws a {@link BranchError} (`unknown_message`, `out_of_range`).
 *
 * @example
 * store.update((s) => applySwitchBranch(s, 'a1', 0))
 */
export function applySwitchBranch(state: ChatState, messageId: string, index: number): ChatState {
  const tree = currentTree(state)
  const next = switchBranch(tree, messageId, index)
  if (next === tree && tree === state.tree) return state
  return { ...state, tree: next, messages: activePath(next), status: state.status === 'error' ? 'ready' : state.status, error: undefined, stream: undefined }
}
