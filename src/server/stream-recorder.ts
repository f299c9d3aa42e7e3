import { isTerminalEvent, type ChatEvent } from '../protocol/events.ts'
import type { Awaitable, ResumeStore } from './resume-store.ts'

/** Unsettled store writes before a producer with no client (`disconnect: 'continue'`) waits for the store. */
export const MAX_UNSTORED_DETACHED = 64
/**
 * Unsettled store writes before a producer streaming to its client stops recording (a gap that
 * a resuming client reports; the terminal event is still recorded). Its client never waits for
 * the store, so a hung store must not make this grow without bound instead.
 */
export const MAX_UNSTORED = 1024

/** Records one stream's events into a store for `createEventStreamResponse`. */
export interface StreamRecorder {
  /** Hands an event to the store now; never waits and never throws. */
  record(event: ChatEvent): void
  /** The client left: from now on the producer follows the store's pace (see `caughtUp`). */
  detach(): void
  /** When detached and the store lags: a promise that resolves once it caught up; else `undefined`. */
  caughtUp(): Promise<void> | undefined
}

/**
 * Hands each event to the store at once, in order, without waiting for earlier writes: the
 * store keeps call order (a networked one pipelines them, one round trip for many events). The
 * producer's own client never waits for the store: a slow or unreachable store costs the
 * recording, not the answer. A detached producer, whose only reader is the store, follows its
 * pace instead.
 *
 * @example
 * const recorder = createStreamRecorder(store, streamId)
 * recorder.record({ type: 'token', seq: 1, content: 'Hi' })
 */
export function createStreamRecorder(store: ResumeStore, streamId: string): StreamRecorder {
  let unstored = 0
  let detached = false
  let wake: (() => void) | undefined

  function settled() {
    unstored--
    if (unstored < MAX_UNSTORED_DETACHED && wake) {
      const resolve = wake
      wake = undefined
      resolve()
    }
  }

  return {
    record(event) {
      if (unstored >= MAX_UNSTORED && !isTerminalEvent(event)) return
      let result: Awaitable<void>
      try {
        result = store.append(streamId, event)
      } catch {
        return // a store that throws loses this event from the recording, nothing else
      }
      if (!result || typeof (result as Promise<void>).then !== 'function') return
      unstored++
      ;(result as Promise<void>).then(settled, settled)
    },
    detach() {
      detached = true
    },
    caughtUp() {
      if (!detached || unstored < MAX_UNSTORED_DETACHED) return undefined
      return new Promise<void>((resolve) => (wake = resolve))
    },
  }
}
