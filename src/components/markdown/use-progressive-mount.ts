import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useServerOrHydrating } from './use-server-or-hydrating.ts'
import { flushSync } from 'react-dom'
import { scheduleSlice, type SliceBudget } from '../chat/background-slice.ts'
import { charsBetween, clampGap, initialGap, NO_GAP, stepGap, type BlockGap } from './progressive-mount.ts'

// A first guess of how many characters of markdown one millisecond renders; each step then
// measures its own speed, so a slow phone takes smaller steps than a desktop.
const FIRST_GUESS_CHARS_PER_MS = 300
const MIN_CHARS_PER_MS = 20

/** A slice stops taking steps with less than this left of its budget, in ms. */
const MIN_STEP_MS = 1

/**
 * Mounts a long settled answer in pieces: the first render holds its first and last blocks
 * (about a screen each, see `initialGap`), and the blocks between them render in background
 * slices (one task each, ~8 ms) from the end backwards. A slice takes small steps, each one
 * synchronous commit of at most `MAX_STEP_CHARS` characters sized from the speed the
 * previous steps measured, until its budget is spent: a misjudged speed costs one step, not
 * the slice. A restored 1,000,000-character answer thus paints at once and never blocks the
 * page; once the gap has closed, all of its text is in the DOM (find-in-page, screen readers).
 * Only the mount is progressive: text streamed later shows through the reveal budget. Server
 * rendering and hydration render everything, so the markup matches.
 *
 * @example
 * const gap = useProgressiveMount(blocks, count)
 * // render blocks outside [gap.start, gap.end), a placeholder inside it
 */
export function useProgressiveMount(blocks: readonly string[], count: number): BlockGap {
  const serverOrHydrating = useServerOrHydrating()
  const [gap, setGap] = useState<BlockGap>(() => (serverOrHydrating ? NO_GAP : initialGap(blocks, count)))
  // What the steps of a slice read: the latest blocks, count and gap, not those of the render that scheduled it.
  const latest = useRef({ blocks, count, gap })
  useLayoutEffect(() => {
    latest.current = { blocks, count, gap }
  })
  const speed = useRef(FIRST_GUESS_CHARS_PER_MS)
  const shown = clampGap(gap, count)
  const mounting = shown !== NO_GAP
  useEffect(() => {
    if (!mounting) return
    let stopped = false
    let cancel = () => {}
    const slice = (budget: SliceBudget) => {
      do {
        const { blocks: list, count: shownCount, gap: current } = latest.current
        const from = clampGap(current, shownCount)
        if (from === NO_GAP) return
        const next = stepGap(list, from, budget.timeRemaining(), speed.current)
        const began = performance.now()
        // Synchronous, so each step is a commit of a known size and is measured as such.
        flushSync(() => setGap(next))
        latest.current = { ...latest.current, gap: next }
        const took = performance.now() - began
        const rendered = charsBetween(list, next === NO_GAP ? from.start : next.end, from.end)
        if (took >= 1) speed.current = Math.max(MIN_CHARS_PER_MS, (speed.current + rendered / took) / 2)
        // The last step's commit ended the mount (or the component went away): its effect cleanup ran.
        if (stopped || next === NO_GAP) return
      } while (budget.timeRemaining() >= MIN_STEP_MS)
      cancel = scheduleSlice(slice)
    }
    cancel = scheduleSlice(slice)
    return () => {
      stopped = true
      cancel()
    }
  }, [mounting])
  return shown
}
