import type { ChatMessage } from '../state.ts'
import type { BranchInfo } from './branch-tree.ts'

// The messages asked about while an answer streams are the newest ones: a short scan from the
// end finds them without building a set of the whole path for every token's new array.
const NEAR_END = 64

/**
 * Where a message the tree does not know sits among its alternatives: a message of the active
 * path `messages` (the turn streaming now, or any message before the branches' chunk has loaded
 * and built a tree) is its only one; any other message is unknown. Found by a short scan from
 * the end, else a set of the path's ids kept per array (a list asks for every message when it
 * mounts: a scan per message would make that quadratic in the thread's length).
 *
 * @example
 * branchesOnPath(state.messages, 'a1') // { index: 0, count: 1 }
 */
export function branchesOnPath(messages: readonly ChatMessage[], messageId: string): BranchInfo | undefined {
  const stop = Math.max(0, messages.length - NEAR_END)
  let i = messages.length - 1
  while (i >= stop && messages[i]!.id !== messageId) i--
  return i >= stop || (stop > 0 && idsOf(messages).has(messageId)) ? { index: 0, count: 1 } : undefined
}

const pathIds = new WeakMap<readonly ChatMessage[], Set<string>>()
function idsOf(messages: readonly ChatMessage[]): Set<string> {
  let ids = pathIds.get(messages)
  if (!ids) {
    ids = new Set(messages.map((m) => m.id))
    pathIds.set(messages, ids)
  }
  return ids
}
