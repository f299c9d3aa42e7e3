import { useEffect, useRef, useState, type RefObject } from 'react'
import { useServerOrHydrating } from './use-server-or-hydrating.ts'
import { flushSync } from 'react-dom'
import { scheduleSlice } from '../chat/background-slice.ts'
import { initialPieceGap } from './piece-gap.ts'
import { clampGap, NO_GAP, type BlockGap } from './progressive-mount.ts'

// A first guess of one piece's cost (React commit + layout of 16 KB of text); each slice then
// measures its own, so a fast machine takes several pieces per frame and a slow one one.
const FIRST_GUESS_MS_PER_PIECE = 10
const SLICE_MS = 10

/**
 * Mounts a long plain text in pieces: the first render holds its first and last pieces (see
 * `initialPieceGap`), and the pieces between them mount in background slices (tasks of about
 * 10 ms; a frame that falls due renders between them), from the end backwards. Each slice lays
 * its pieces out before it ends (the cost of plain text is layout, not script), so no frame is
 * left several slices' layout to do, and a slice is measured whole. Pieces added later (text still streaming) render at once. Server
 * rendering and hydration render everything, so the markup matches.
 *
 * @example
 * const gap = usePieceMount(starts.length, paragraphRef)
 * // render pieces outside [gap.start, gap.end), a placeholder inside it
 */
export function usePieceMount(count: number, container: RefObject<HTMLElement | null>): BlockGap {
  const serverOrHydrating = useServerOrHydrating()
  const [gap, setGap] = useState<BlockGap>(() => (serverOrHydrating ? NO_GAP : initialPieceGap(count)))
  const msPerPiece = useRef(FIRST_GUESS_MS_PER_PIECE)
  const shown = clampGap(gap, count)
  const { start, end } = shown
  useEffect(() => {
    if (start >= end) return
    return scheduleSlice(() => {
      const take = Math.max(1, Math.floor(SLICE_MS / msPerPiece.current))
      const next = Math.max(start, end - take)
      const began = performance.now()
      flushSync(() => setGap(next > start ? { start, end: next } : NO_GAP))
      // Reading a size lays the new pieces out now, inside this slice, not in the next frame.
      void container.current?.offsetHeight
      msPerPiece.current = (msPerPiece.current + (performance.now() - began) / (end - next)) / 2
    })
  }, [start, end, container])
  return shown
}
