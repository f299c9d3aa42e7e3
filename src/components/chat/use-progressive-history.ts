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

// Without a window (server rendering) the first render is sized for a tall screen.
const DEFAULT_SCREEN_PX = 1_000
const screenHeight = () => (typeof window === 'undefined' || !(window.innerHeight > 0) ? DEFAULT_SCREEN_PX : window.innerHeight)

const firstScreen = (messages: readonly ChatMessage[]) =>
  // One new message is a turn being sent, not a restore: it mounts at once.
  messages.length > 1 ? firstScreenStart(messages, screenHeight()) : 0

function weightBetween(messages: readonly ChatMessage[], from: number, to: number): number {
  let total = 0
  for (let i = from; i < to; i++) total += messageWeight(messages[i]!)
  return total
}

/**
 * Mounts a thread that arrives all at once (restored from storage, or switched to) newest
 * first: the first render holds about two screens of the newest messages, and older ones are
 * prepended in background slices of a few milliseconds each (one task each), each slice sized from the speed the
 * previous ones measured. A 1,000-message thread therefore paints its first screen at once
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
  useLayoutEffect(() => {
    latest.current = messages
  })
  const speed = useRef(FIRST_GUESS_CHARS_PER_MS)

  useEffect(() => {
    if (start === 0) return
    return scheduleSlice((budget) => {
      const list = latest.current
      const end = Math.min(start, list.length)
      const next = sliceStart(list, end, Math.max(1, budget.timeRemaining()) * speed.current)
      const began = performance.now()
      // Synchronous, so the slice is one task of a known size and is measured as such.
      flushSync(() => setState((previous) => (previous.key === key && previous.start === start ? { key, start: next } : previous)))
      const took = performance.now() - began
      if (took >= 1) speed.current = Math.max(MIN_CHARS_PER_MS, (speed.current + weightBetween(list, next, end) / took) / 2)
    })
  }, [key, start])

  return { start, pending: start > 0 }
}
