/**
 * Most coloured lines one commit shows. Turning a line's tokens into spans costs React and
 * the browser roughly 0.1–0.3 ms (a few dozen spans); a backlog of hundreds of lines (the
 * worker catching up after compiling its first regexes, a long block that closed) shown in
 * one commit was a task of 70+ ms. A fence streaming fast writes a handful of lines per
 * frame, so this cap only ever paces a backlog.
 */
export const LINES_PER_FRAME = 32

/** Shows a growing count of coloured lines at most {@link LINES_PER_FRAME} more per frame. */
export interface LinePacer {
  /** Lines `0 … available - 1` are coloured: shown now up to the frame's allowance, the rest in later frames. */
  offer(available: number): void
  /** The count last passed to `commit`. */
  readonly shown: number
  /** Stops: no more commits. */
  dispose(): void
}

/**
 * A {@link LinePacer} calling `commit(count)` with each new count to show: right away while
 * the frame's allowance of lines lasts, then once per animation frame while more lines wait.
 *
 * @example
 * const pacer = createLinePacer((count) => setShown(count))
 * pacer.offer(500) // shows 32 now, 32 more each frame
 */
export function createLinePacer(commit: (count: number) => void, perFrame = LINES_PER_FRAME): LinePacer {
  let shown = 0
  let available = 0
  // Lines this frame may still show; refilled by the next animation frame.
  let allowance = perFrame
  let refilling = false
  let disposed = false

  const step = () => {
    if (disposed || shown >= available || allowance <= 0) return
    const next = Math.min(available, shown + allowance)
    allowance -= next - shown
    shown = next
    commit(shown)
    if (refilling) return
    refilling = true
    nextFrame(() => {
      refilling = false
      allowance = perFrame
      step()
    })
  }

  return {
    offer(count) {
      if (count <= available) return
      available = count
      step()
    },
    get shown() {
      return shown
    },
    dispose() {
      disposed = true
    },
  }
}

function nextFrame(callback: () => void): void {
  // A hidden tab runs no frames: nothing is painted there, and the lines show when it is visible again.
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => callback())
  else setTimeout(callback, 16)
}
