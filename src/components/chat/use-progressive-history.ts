import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import type { ChatMessage } from '../../core/state.ts'
import { firstScreenStart, messageWeight, sliceStart } from './history-budget.ts'
import { scheduleSlice } from './background-slice.ts'

/** Result of {@link useProgressiveHistory}. */
export interface ProgressiveHistory {
  /** Render `messages.slice(start)`: the older ones are not mounted yet. */
  start: number
  /** Older messages are still being mounted (`start > 0`). */
  pending: boolean
}

interface MountState {
  /** The thread the state belongs to: the id of its first message. */
  key: string | undefined
  start: number
}

// A first guess of how many characters of markdown one millisecond renders; each slice then
// measures its own speed, so a slow phone takes smaller slices than a desktop.
const FIRST_GUESS_CHARS_PER_MS = 400
const MIN_CHARS_PER_MS = 20
// One step of a slice renders about this many milliseconds of messages (at least one message).
const STEP_MS = 2

// Without a window (server rendering) the first render is sized for a tall screen.
const DEFAULT_SCREEN_PX = 1_000
const screenHeight = () => (typeof window === 'undefined' || !(window.innerHeight > 0) ? DEFAULT_SCREEN_PX : window.innerHeight)

const firstScreen = (messages: readonly ChatMessage[]) =>
  // One new message is a turn being sent, not a restore: it mounts at once.
  messages.length > 1 ? firstScreenStart(messages, screenHeight()) : 0

const now = () => performance.now()

/**
 * Updates the measured rendering speed (characters per ms) with one render's figures: a slower
 * measurement is taken at once (the next slice must not run over its budget again, e.g. while
 * the parser's code is still cold or the page is busy), a faster one is averaged in.
 */
function learnSpeed(speed: { current: number }, weight: number, took: number): void {
  if (took < 1) return
  const measured = weight / took
  speed.current = Math.max(MIN_CHARS_PER_MS, measured < speed.current ? measured : (speed.current + measured) / 2)
}

function weightBetween(messages: readonly ChatMessage[], from: number, to: number): number {
  let total = 0
  for (let i = from; i < to; i++) total += messageWeight(messages[i]!)
  return total
}

/**
 * Mounts a thread that arrives all at once (restored from storage, or switched to) newest
 * first: the first render holds about one screen of the newest messages, and older ones are
 * prepended in background slices of a few milliseconds each (one task each, the first after
 * the first screen is painted); a slice takes steps of about {@link STEP_MS} sized from the
 * speed the previous renders measured, and stops as soon as the clock says its budget is
 * spent. A 1,000-message thread therefore paints its first screen at once
 * and never blocks the page while the rest arrives; messages sent or streamed later render
 * immediately. A different first message means a different thread, which starts over.
 *
 * @example
 * const { start, pending } = useProgressiveHistory(messages)
 * return <MessageList quiet={pending}>{messages.slice(start).map(render)}</MessageList>
 */
export function useProgressiveHistory(messages: readonly ChatMessage[]): ProgressiveHistory {
  const key = messages[0]?.id
  const [state, setState] = useState<MountState>(() => ({ key, start: firstScreen(messages) }))
  let current = state
  if (state.key !== key) {
    // Another thread: adjust during render, so its older messages never mount in one go.
    current = { key, start: firstScreen(messages) }
    setState(current)
  }
  const start = Math.min(current.start, messages.length)

  const latest = useRef(messages)
  // The start the last commit showed: a step whose update did not apply (another thread) ends its slice.
  const shown = useRef(start)
  const speed = useRef(FIRST_GUESS_CHARS_PER_MS)
  // When this thread's first render began: its duration seeds the speed of the first slice
  // (on a cold page, before the parser's code is compiled, rendering is several times slower
  // than the first guess, and a slice sized from the guess would run far over its budget).
  const firstRender = useRef<{ key: string | undefined; began: number; weight: number } | undefined>(undefined)
  if (start > 0 && firstRender.current?.key !== key) firstRender.current = { key, began: now(), weight: weightBetween(messages, start, messages.length) }
  useLayoutEffect(() => {
    latest.current = messages
    shown.current = start
    const first = firstRender.current
    if (first && first.began >= 0) {
      // Layout effects run after the whole tree committed: the first render is done.
      learnSpeed(speed, first.weight, now() - first.began)
      first.began = -1
    }
  })

  const sliced = useRef<string | undefined>(undefined)
  useEffect(() => {
    if (start === 0) return
    // The first slice waits until the first screen is painted: it must not delay that frame.
    const afterNextFrame = sliced.current !== key
    return scheduleSlice(
      (budget) => {
        sliced.current = key
        const list = latest.current
        let end = Math.min(start, list.length)
        // Timed steps, each its own small commit, until the budget is spent: a slice sized up
        // front ran on whatever happened inside it (the garbage collector's marking steps and
        // its final pause come with the allocations of rendering), so one slice of a restored
        // thread once took 97 ms. Checking the clock after each step ends the slice there.
        do {
          const next = sliceStart(list, end, Math.min(STEP_MS, Math.max(1, budget.timeRemaining())) * speed.current)
          const from = end
          const began = now()
          // Synchronous, so each step is measured alone (its commit re-arms this effect for the next slice).
          flushSync(() => setState((previous) => (previous.key === key && previous.start === from ? { key, start: next } : previous)))
          learnSpeed(speed, weightBetween(list, next, from), now() - began)
          end = next
        } while (end > 0 && shown.current === end && latest.current === list && budget.timeRemaining() > 0)
      },
      { afterNextFrame },
    )
  }, [key, start])

  return { start, pending: start > 0 }
}
