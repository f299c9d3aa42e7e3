import { isTerminalEvent, type ChatEvent } from '../protocol/events.ts'
import { chatReducer } from './chat-reducer.ts'
import type { FrameScheduler } from './frame-scheduler.ts'
import type { ChatState } from './state.ts'
import { createStateStore, type StateStore } from './state-store.ts'

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
  /** The latest applied state, possibly not yet published. */
  getState(): ChatState
  /**
   * The latest applied `state.stream` (the resume cursor: `lastSeq`, `streamId`). Read it per
   * event instead of `getState().stream`: handing out the whole state makes the next event
   * copy the messages array (see `reduceInDraft`).
   */
  getStream(): ChatState['stream']
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
  return withReducer(createStateStore(options))
}

/**
 * The chat store over a state store: `dispatch` applies events with the chat reducer. The chat
 * client's engine adds it to the client's state store (the reducer comes with the engine).
 *
 * @example
 * const store = withReducer(createStateStore())
 */
export function withReducer(base: StateStore): ChatStore {
  return {
    getSnapshot: base.getSnapshot,
    getState: base.getState,
    getStream: base.getStream,
    subscribe: base.subscribe,
    update: base.update,
    destroy: base.destroy,
    dispatch(event, now) {
      const at = now ?? base.now()
      base.applyEvent((state) => chatReducer(state, event, at), isTerminalEvent(event), event.type === 'tool_call_delta' ? event.id : undefined)
    },
  }
}
