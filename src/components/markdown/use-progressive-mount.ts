import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react'
import { flushSync } from 'react-dom'
import { scheduleSlice } from '../chat/background-slice.ts'
import { charsBetween, initialGap, NO_GAP, shrinkGap, type BlockGap } from './progressive-mount.ts'

// A first guess of how many characters of markdown one millisecond renders; each slice then
// measures its own speed, so a slow phone takes smaller slices than a desktop.
const FIRST_GUESS_CHARS_PER_MS = 300
const MIN_CHARS_PER_MS = 20

const subscribeNothing = () => () => {}
const onClient = () => false
const onServer = () => true

/**
 * Mounts a long settled answer in pieces: the first render holds its first and last blocks
 * (about a screen each, see `initialGap`), and the blocks between them render in background
 * slices of a few milliseconds each (one task each, sized from the speed the previous ones
 * measured), from the end backwards. A restored 1,000,000-character answer thus paints at
 * once and never blocks the page for seconds; once the gap has closed, all of its text is in
 * the DOM (find-in-page, screen readers). Only the mount is progressive: text streamed later
 * shows through the reveal budget. Server rendering and hydration render everything, so the
 * markup matches.
 *
 * @example
 * const gap = useProgressiveMount(blocks, count)
 * // render blocks outside [gap.start, gap.end), a placeholder inside it
 */
export function useProgressiveMount(blocks: readonly string[], count: number): BlockGap {
  const serverOrHydrating = useSyncExternalStore(subscribeNothing, onClient, onServer)
  const [gap, setGap] = useState<BlockGap>(() => (serverOrHydrating ? NO_GAP : initialGap(blocks, count)))
  const latest = useRef(blocks)
  useLayoutEffect(() => {
    latest.current = blocks
  })
  const speed = useRef(FIRST_GUESS_CHARS_PER_MS)
  const start = Math.min(gap.start, count)
  const end = Math.min(gap.end, count)
  useEffect(() => {
    if (start >= end) return
    return scheduleSlice((budget) => {
      const list = latest.current
      const next = shrinkGap(list, { start, end: Math.min(end, list.length) }, Math.max(1, budget.timeRemaining()) * speed.current)
      const began = performance.now()
      // Synchronous, so the slice is one task of a known size and is measured as such.
      flushSync(() => setGap(next))
      const took = performance.now() - began
      const rendered = charsBetween(list, next === NO_GAP ? start : next.end, end)
      if (took >= 1) speed.current = Math.max(MIN_CHARS_PER_MS, (speed.current + rendered / took) / 2)
    })
  }, [start, end])
  return start < end ? { start, end } : NO_GAP
}
