/**
 * What the lazily loaded branches chunk holds (`branch-chunk.ts` loads it): the branch tree and
 * the branch turns the client's regenerate, edit, switch and retry use. A chat paints without
 * it; a chat with a tree (a restored thread, a regenerate) always has it.
 */
export { removeMessage } from './branch-tree.ts'
export { applySwitchBranch, branchesOf, currentTree, prepareEdit, prepareRegenerate } from './branch-turns.ts'
