/** Why a branch operation was refused. */
export type BranchErrorCode =
  /** The message id is not in the thread (e.g. an edit of a message that was deleted). */
  | 'unknown_message'
  /** `switchBranch` to an index outside `0 … count - 1`. */
  | 'out_of_range'
  /** A message id that is already in the thread. */
  | 'duplicate_message'
  /** The messages given are not the tree's active path. */
  | 'path_mismatch'
  /** Regenerate on a user message, or edit of an answer. */
  | 'wrong_role'
  /** Switching branches while a turn streams (see `ChatClient.switchBranch`). */
  | 'busy'

/**
 * The typed error of the branch tree: `code` says what went wrong, `messageId` which message
 * it was about. Thrown by the pure tree functions; the client turns it into a refused result
 * instead of letting it escape into React.
 *
 * @example
 * try { switchBranch(tree, 'a1', 5) } catch (e) { if (e instanceof BranchError && e.code === 'out_of_range') … }
 */
export class BranchError extends Error {
  readonly type = 'branch_error' as const
  override readonly name = 'BranchError'

  constructor(
    readonly code: BranchErrorCode,
    readonly messageId: string,
    message: string,
  ) {
    super(message)
  }
}
