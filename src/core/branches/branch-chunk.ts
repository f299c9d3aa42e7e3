import { lazyChunk, type LazyChunk } from '../lazy-chunk.ts'

/** What `branch-ops.ts` exports, once loaded. */
export type BranchOpsModule = typeof import('./branch-ops.ts')

/**
 * The branches' chunk (the tree, regenerate/edit/switch). Not in the page's first download: a
 * chat client starts loading it when it is made, and a `state.tree` only ever exists once it is
 * in (the thread sync waits for it; regenerate and edit load it first), so a chat without a tree
 * answers branch questions without it.
 */
export const branchOps: LazyChunk<BranchOpsModule> = lazyChunk(() => import('./branch-ops.ts'))

/**
 * Resolves once the branches' chunk is in.
 *
 * @example
 * await preloadBranches() // in a test setup file
 */
export async function preloadBranches(): Promise<void> {
  await branchOps.load()
}
