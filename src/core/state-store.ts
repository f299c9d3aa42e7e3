import { createFrameScheduler } from './frame-scheduler.ts'
import { initialChatState, type ChatState } from './state.ts'
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
   * Takes `next`, a state an event produced: published at once when `publishNow` (a terminal
   * event), else at the next frame. `argsOf` names a tool call whose argument text grew (parsed
   * at publish time, once per call, never per delta). Ignored after `destroy`.
   */
  applyEvent(next: ChatState, publishNow: boolean, argsOf?: string): void
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

  function applyPendingArgs() {
    if (pendingArgs.size === 0) return
    state = applyPendingToolArgs(state, pendingArgs)
    pendingArgs.clear()
  }

  function publish() {
    scheduler.cancel(publish)
    applyPendingArgs()
    if (state === published || destroyed) return
    published = state
    for (const listener of Array.from(listeners)) listener()
  }

  return {
    now: options.now ?? Date.now,
    getSnapshot: () => published,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    applyEvent(next, publishNow, argsOf) {
      if (destroyed || next === state) return
      state = next
      if (argsOf !== undefined) pendingArgs.add(argsOf)
      if (publishNow) publish()
      else scheduler.schedule(publish)
    },
    update(fn) {
      if (destroyed) return
      // Args belong to the turn they streamed in; settle them before the action moves on.
      applyPendingArgs()
      state = fn(state)
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
