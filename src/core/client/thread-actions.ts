import { BranchError } from '../branches/branch-error.ts'
import { branchOps, type BranchOpsModule } from '../branches/branch-chunk.ts'
import { branchesOnPath } from '../branches/branch-path.ts'
import type { BranchInfo } from '../branches/branch-tree.ts'
import type { BranchTurn } from '../branches/branch-turns.ts'
import type { LazyChunk } from '../lazy-chunk.ts'
import type { StateStore } from '../state-store.ts'
import type { ActiveStreamCursor } from '../persistence/stream-cursor-store.ts'
import { isTurnActive, type ChatState } from '../state.ts'
import type { TurnStep } from './turn-runner.ts'

/** What a branch operation did: `ok`, or refused with a typed reason (nothing changed). */
export type BranchResult = { ok: true } | { ok: false; error: BranchError }

/** The client's conversation-control methods; see {@link createThreadActions}. */
export interface ThreadActions {
  regenerate(messageId?: string): Promise<BranchResult>
  edit(messageId: string, text: string): Promise<BranchResult>
  getBranches(messageId: string): BranchInfo | undefined
  switchBranch(messageId: string, index: number): BranchResult
  /**
   * Stops the turn in flight (partial content stays) and, unless `tellServer` is false, tells the
   * server to stop the stream.
   */
  stop(tellServer?: boolean): void
  /** After a reload: fills the answer from the cursor and resumes its stream (GET, `Last-Event-ID`); no POST. */
  resumeFrom(cursor: ActiveStreamCursor): Promise<void>
  /** `state` after a retry's preparation, with the dropped answer gone from the tree too. */
  dropRetried(before: ChatState, after: ChatState): ChatState
}

interface ThreadActionsOptions {
  store: StateStore
  /** Runs a turn's request (through the engine, loaded first if need be); resolves once settled. */
  request: (step: TurnStep) => Promise<void>
  /** Stops the turn in flight; tells the server too unless `tellServer` is false. */
  stop: (tellServer: boolean) => void
  generateId: () => string
  destroyed: () => boolean
  /** The branches' chunk cannot load (for a regenerate or an edit): the chat reports it. */
  failLoad: (cause: unknown) => void
  /** @default the branches' chunk (`branch-chunk.ts`); tests hold or fail their own */
  branches?: LazyChunk<BranchOpsModule>
}

const refused = (error: unknown): BranchResult => {
  if (error instanceof BranchError) return { ok: false, error }
  throw error
}

/**
 * Regenerate, edit, branches, server-side stop and reload-resume for the chat client, over the
 * pure branch turns (`branches/branch-turns.ts`) and the engine's requests. Editing or regenerating
 * while a turn streams stops that turn first (its partial answer stays as a branch). Switching
 * branches while a turn streams is refused (`busy`): the streaming answer would vanish from view
 * mid-sentence, and the stream would go on writing into a message nobody sees; stop first.
 */
export function createThreadActions(options: ThreadActionsOptions): ThreadActions {
  const { store, generateId, branches = branchOps } = options
  const stop = (tellServer = true) => options.stop(tellServer)
  // Started now: usually in long before a regenerate, an edit or a restored tree needs it.
  branches.load().catch(() => {})

  async function runBranch(prepareWith: (ops: BranchOpsModule, state: ChatState) => BranchTurn): Promise<BranchResult> {
    let ops = branches.current()
    if (!ops) {
      try {
        ops = await branches.load()
      } catch (error) {
        // Like a request that could not go out: the chat says so (status and onError); nothing changed.
        if (!options.destroyed()) options.failLoad(error)
        return { ok: true }
      }
    }
    if (options.destroyed()) return { ok: true }
    const prepare = (state: ChatState) => prepareWith(ops, state)
    let turn: BranchTurn
    try {
      // Validate before stopping anything: a refused edit must not cut a running answer.
      prepare(store.getState())
      if (isTurnActive(store.getState().status)) stop(true)
      turn = prepare(store.getState())
    } catch (error) {
      return refused(error)
    }
    store.update(() => turn.state)
    await options.request({ kind: 'send', messages: turn.history })
    return { ok: true }
  }

  return {
    stop,
    regenerate(messageId) {
      const assistantId = generateId()
      return runBranch((ops, state) => ops.prepareRegenerate(state, messageId, assistantId))
    },
    edit(messageId, text) {
      const ids = { userId: generateId(), assistantId: generateId() }
      return runBranch((ops, state) => ops.prepareEdit(state, messageId, text, ids))
    },
    // Without the chunk there is no tree (see branch-chunk.ts): a message on the path is its only alternative.
    getBranches: (messageId) => {
      const state = store.getSnapshot()
      const ops = branches.current()
      return ops ? ops.branchesOf(state, messageId) : branchesOnPath(state.messages, messageId)
    },
    switchBranch(messageId, index) {
      const state = store.getState()
      if (isTurnActive(state.status)) {
        return { ok: false, error: new BranchError('busy', messageId, 'An answer is streaming: stop it before switching branches') }
      }
      const ops = branches.current()
      if (!ops) return switchWithoutTree(state, messageId, index)
      try {
        const next = ops.applySwitchBranch(state, messageId, index)
        if (next !== state) store.update(() => next)
        return { ok: true }
      } catch (error) {
        return refused(error)
      }
    },
    async resumeFrom(cursor) {
      const state = store.getState()
      if (options.destroyed() || isTurnActive(state.status) || state.messages.at(-1)?.id !== cursor.messageId) return
      store.update((s) => ({
        ...s,
        messages: [...s.messages.slice(0, -1), cursor.message],
        status: 'reconnecting',
        error: undefined,
        stream: { streamId: cursor.streamId, messageId: cursor.messageId, lastSeq: cursor.lastSeq },
      }))
      await options.request({ kind: 'resume', auto: false })
      const after = store.getState()
      // An expired or unknown stream: the partial answer stays, with "could not resume" and Retry.
      if (after.status === 'error' && after.error && after.stream?.messageId === cursor.messageId) {
        const error = { ...after.error, phase: 'resume' as const, resumable: false }
        store.update((s) => ({
          ...s,
          error,
          messages: s.messages.map((m) =>
            m.id !== cursor.messageId ? m : { ...m, parts: m.parts.map((p, i) => (i === m.parts.length - 1 && p.type === 'error' ? { ...p, phase: 'resume' as const, resumable: false } : p)) },
          ),
        }))
      }
    },
    dropRetried(before, after) {
      const ops = branches.current()
      const kept = new Set(after.messages.map((m) => m.id))
      const dropped = before.messages.find((m) => !kept.has(m.id))
      // Without the chunk there is no tree: the path alone is the thread, nothing else to drop.
      if (dropped === undefined || !ops) return after
      return { ...after, tree: ops.removeMessage(ops.currentTree(before), dropped.id) }
    },
  }
}

/**
 * `switchBranch` before the branches' chunk is in: there is no tree yet, so every message of the
 * path is its own only alternative. Index 0 shows what is shown; the refusals are the tree's.
 */
function switchWithoutTree(state: ChatState, messageId: string, index: number): BranchResult {
  if (!branchesOnPath(state.messages, messageId)) return { ok: false, error: new BranchError('unknown_message', messageId, `No message "${messageId}" in this thread`) }
  if (index === 0) return { ok: true }
  return { ok: false, error: new BranchError('out_of_range', messageId, `Branch ${index} does not exist: "${messageId}" has 1 (0 to 0)`) }
}
