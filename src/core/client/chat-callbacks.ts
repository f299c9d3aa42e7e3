import type { ChatEvent, DataEvent, FinishReason, Usage } from '../../protocol/events.ts'
import type { ChatMetrics } from '../metrics.ts'
import type { ChatError, ChatMessage } from '../state.ts'

/** What `onStepFinish` is told about one finished step (one model request) of a turn. */
export interface StepFinishInfo {
  /** The step's number in its turn, counting from 1 (the agent loop's continuations count up). */
  step: number
  /** Why the model ended this step; `tool-calls` means the loop may continue. */
  finishReason: FinishReason | undefined
  usage: Usage | undefined
  /** The turn's metrics so far. */
  metrics: ChatMetrics
}

/**
 * Callbacks may change on every render; the client always calls the latest ones.
 *
 * A turn is everything one `send` (or `retry`, `regenerate`, `edit`, `continueStream`) sets
 * going: with browser tools it is several steps (model requests) into one assistant message.
 * `onStepFinish` fires after each step that ended cleanly; `onFinish` once, when the whole
 * turn is over (the last step ended without asking for more tools, or `maxSteps` stopped the
 * loop). A turn that waits for the user (an approval, or `addToolResult`) is not over: its
 * `onFinish` fires after the continuation the answer sets going. A stopped turn fires
 * neither; a failed one fires `onError`.
 */
export interface ChatCallbacks {
  /** Every decoded event of the current turn, in order, after duplicates are dropped. */
  onEvent?: (event: ChatEvent) => void
  /**
   * Every `data` event as it arrives, stored or not: the only place `transient` data (a
   * notification, a live counter) goes. A `data` part with an `id` calls it on every update.
   */
  onData?: (event: DataEvent) => void
  /** The turn is over: its assistant message (every step of it), and the turn's metrics. */
  onFinish?: (message: ChatMessage, metrics: ChatMetrics) => void
  /** A step of the turn (one model request) ended cleanly; the message holds the steps so far. */
  onStepFinish?: (message: ChatMessage, info: StepFinishInfo) => void
  /** A turn ended with an error (its partial content stays in the message): the `ChatError` now in `state.error`. */
  onError?: (error: ChatError) => void
}
