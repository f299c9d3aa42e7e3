import { isTerminalEvent, type ChatEvent } from '../protocol/events.ts'
import { chatReducer } from './chat-reducer.ts'
import { createFrameScheduler, type FrameScheduler } from './frame-scheduler.ts'
import { initialChatState, type ChatState } from './state.ts'
import { applyPendingToolArgs } from './tool-args.ts'

export interface ChatStoreOptions {
  /** When listeners hear about changes. @default createFrameScheduler() */
  scheduler?: FrameScheduler
  /** @default initialChatState */
  initialState?: ChatState
  /** Clock for events dispatched without `now` (reasoning timings). @default Date.now */
  now?: () => number
}

export interface ChatStore {
  /** The last published state; the same object until listeners are notified again. */
  getSnapshot(): ChatState
  /** The latest applied state, possibly not yet published (e.g. to read `stream.lastSeq`). */
  getState(): ChatState
  /** Calls `listener` after each publish; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void
  /** Applies an event now; publishes at the next frame, or at once for `done`/`error`. */
  dispatch(event: ChatEvent, now?: number): void
  /** Applies a user action (a turn helper) and publishes at once. */
  update(fn: (state: ChatState) => ChatState): void
  /** Drops the pending frame and the listeners; later dispatches and updates are ignored. */
  destroy(): void
}

/**
 * Creates the external store behind `useChat`: events are applied to the state as they
 * arrive, but listeners are notified at most once per frame, so a stream of 1,000 tokens in
 * one frame costs one render. Partial tool arguments are parsed at publish time, once per
 * touched call, never per delta. `done` and `error` publish at once so the end of a stream is
 * never a frame late, and user actions through `update` publish at once too.
 *
 * `getSnapshot` returns the same object between notifications, as `useSyncExternalStore`
 * requires.
 *
 * @example
 * const store = createChatStore()
 * store.update((s) => beginTurn(s, { userMessage, assistantId: 'a1' }))
 * store.subscribe(() => render(store.getSnapshot()))
 * store.dispatch({ type: 'token', seq: 0, content: 'Hi' }) // rendered at the next frame
 */
export function createChatStore(options: ChatStoreOptions = {}): ChatStore {
  const scheduler = options.scheduler ?? createFrameScheduler()
  const clock = options.now ?? Date.now
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
    getSnapshot: () => published,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    dispatch(event, now) {
      if (destroyed) return
      const next = chatReducer(state, event, now ?? clock())
      if (next === state) return
      state = next
      if (event.type === 'tool_call_delta') pendingArgs.add(event.id)
      if (isTerminalEvent(event)) publish()
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
