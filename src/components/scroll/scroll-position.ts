/** The three numbers that say where a scroll container is. */
export interface ScrollMetrics {
  scrollTop: number
  scrollHeight: number
  clientHeight: number
}

/**
 * How far (px) the bottom edge of the visible area is from the end of the content.
 * Never negative: elastic overscroll and fractional zoom can push `scrollTop` past the
 * maximum for a moment.
 *
 * @example
 * distanceFromBottom({ scrollTop: 700, scrollHeight: 1000, clientHeight: 300 }) // 0
 */
export function distanceFromBottom(metrics: ScrollMetrics): number {
  return Math.max(0, metrics.scrollHeight - metrics.clientHeight - metrics.scrollTop)
}

/** What a scroll event means for the pin: let go of the bottom, take it again, or neither. */
export type PinDecision = 'detach' | 'attach' | 'keep'

/** What {@link decidePin} needs to know about one scroll event that was not ours. */
export interface ScrollMove {
  /** `scrollTop` now. */
  top: number
  /** `scrollTop` at the previous scroll event (or after our last programmatic scroll). */
  previousTop: number
  /** {@link distanceFromBottom} now. */
  distance: number
  /** Within this many px of the bottom counts as "at the bottom". */
  threshold: number
  /** A user gesture is under way on the container (pointer held on it, e.g. its scrollbar). */
  userIntent: boolean
}

// Sub-pixel scroll offsets (zoom, fractional device pixels) make "exactly at the
// bottom" a range, not a number.
const AT_END = 1

/**
 * Decides what a scroll that we did not make means. Moving up is the user letting go,
 * unless it merely followed content that shrank (still at the very end) or it was a
 * small move with no gesture behind it (layout settling). Moving down to within
 * `threshold` of the bottom is the user coming back.
 *
 * @example
 * decidePin({ top: 400, previousTop: 700, distance: 300, threshold: 50, userIntent: false }) // 'detach'
 * decidePin({ top: 680, previousTop: 500, distance: 20, threshold: 50, userIntent: false }) // 'attach'
 */
export function decidePin(move: ScrollMove): PinDecision {
  const delta = move.top - move.previousTop
  if (delta < 0) {
    if (move.distance <= AT_END) return 'keep'
    return move.userIntent || move.distance > move.threshold ? 'detach' : 'keep'
  }
  if (delta > 0 && move.distance <= move.threshold) return 'attach'
  return 'keep'
}

/** The parts of a `KeyboardEvent` that {@link isScrollUpKey} looks at. */
export interface KeyLike {
  key: string
  shiftKey?: boolean
  altKey?: boolean
  ctrlKey?: boolean
  metaKey?: boolean
}

/**
 * Whether a key press scrolls a focused container towards the top: PageUp, ArrowUp,
 * Home, and Shift+Space (page up in every browser).
 *
 * @example
 * isScrollUpKey({ key: 'PageUp' }) // true
 * isScrollUpKey({ key: ' ', shiftKey: true }) // true
 */
export function isScrollUpKey(event: KeyLike): boolean {
  switch (event.key) {
    case 'PageUp':
    case 'ArrowUp':
    case 'Home':
      return true
    case ' ':
      return event.shiftKey === true
    default:
      return false
  }
}

/**
 * Whether keys typed at `target` edit text instead of scrolling: arrows and Home in a
 * textarea move the caret, they do not mean "show me older messages".
 *
 * @example
 * isEditableTarget(document.querySelector('textarea')) // true
 */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false
  const element = target as HTMLElement
  if (element.isContentEditable) return true
  return element.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null
}
