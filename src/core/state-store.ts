import { createFrameScheduler } from './frame-scheduler.ts'
import { reduceInDraft } from './messages-draft.ts'
import { initialChatState, type ChatMessage, type ChatState } from './state.ts'
import { applyPendingToolArgs } from './tool-args.ts'
import type { ChatStore, ChatStoreOptions } from './chat-store.ts'

/**
 * The chat store without its reducer: state, publishing and listeners. The chat client keeps
 * this part (an empty or restored chat needs nothing more to paint); the reducer that applies
 * stream events comes with the engine's chunk (`withReducer` in `chat-store.ts`).
 */
export interface StateStore extends Omit<ChatStore, 'dispatch'> {
  /** The clock for events applied without a time of their own. */
  now(): number
  /**
   * Applies an event through `reduce` (the state → the state it produced): published at once
   * when `publishNow` (a terminal event), else at the next frame. `argsOf` names a tool call
   * whose argument text grew (parsed at publish time, once per call, never per delta). Ignored
   * after `destroy`. Between two hand-outs of the state, `reduce` may write the messages array
   * in place (see `reduceInDraft`), so a token costs O(1), not a copy of the thread.
   */
  applyEvent(reduce: (state: ChatState) => ChatState, publishNow: boolean, argsOf?: string): void
}

/**
 * Creates the state part of the chat store (see `createChatStore`): listeners hear at most once
 * per frame about events, at once about user actions, and `getSnapshot` returns the same
 * object between notifications, as `useSyncExternalStore` requires.
 *
 * @example
 * const store = createStateStore({ scheduler: syncScheduler })
 * store.update((s) => beginTurn(s, { userMessage, assistantId: 'a1' }))
 */
export function createStateStore(options: ChatStoreOptions = {}): StateStore {
  const scheduler = options.scheduler ?? createFrameScheduler()
  const listeners = new Set<() => void>()
  // Tool calls whose argsText grew since the last publish; their args are parsed then.
  const pendingArgs = new Set<string>()
  let state = options.initialState ?? initialChatState
  let published = state
  let destroyed = false
  // `state.messages` while no one outside the store has seen it (made by this frame's events):
  // events may write into it. Handing the state out (getState, update, publish) closes it.
  let draft: ChatMessage[] | undefined

  /** The state, for someone who may keep it: its messages array is never written again. */
  function handOut(): ChatState {
    draft = undefined
    return state
  }

  function applyPendingArgs() {
    if (pendingArgs.size === 0) return
    state = applyPendingToolArgs(state, pendingArgs)
    pendingArgs.clear()
  }

  function publish() {
    scheduler.cancel(publish)
    applyPendingArgs()
    if (state === published || destroyed) return
    published = handOut()
    for (const listener of Array.from(listeners)) listener()
  }

  return {
    now: options.now ?? Date.now,
    getSnapshot: () => published,
    getState: handOut,
    getStream: () => state.stream,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    applyEvent(reduce, publishNow, argsOf) {
      if (destroyed) return
      const reduced = reduceInDraft(draft, () => reduce(state))
      draft = reduced.draft
      if (reduced.next === state) return
      state = reduced.next
      if (argsOf !== undefined) pendingArgs.add(argsOf)
      if (publishNow) publish()
      else scheduler.schedule(publish)
    },
    update(fn) {
      if (destroyed) return
      // Args belong to the turn they streamed in; settle them before the action moves on.
      applyPendingArgs()
      state = fn(handOut())
      publish()
    },
    destroy() {
      destroyed = true
      scheduler.cancel(publish)
      listeners.clear()
      pendingArgs.clear()
    },
  }
}
