import { isOwnScroll } from '../scroll/own-scroll.ts'
import { scrollParent } from './near-viewport-observer.ts'

/**
 * Coloured lines that settled blocks (ones that arrived complete: a restored thread, an
 * answer that finished) may show per frame, all blocks together. Writing a line's token
 * spans costs the browser style, layout (the new text runs are shaped) and paint: ~20 lines
 * cost 5–7 ms of a loaded machine's frame. Paced per block, several fences reaching the
 * viewport in the same frame (a fast scroll through a long thread) each showed a frame's
 * worth at once, and that frame was the longest of the scroll.
 */
export const SETTLED_LINES_PER_FRAME = 12

/**
 * How long after the reader's last scroll event settled blocks wait before colouring more
 * lines. While the reader scrolls, every frame already paints new content; colouring waits
 * until the scrolling pauses (a few frames), and the code passing by stays plain meanwhile.
 * The list's own scrolls (sticking to the bottom while an answer streams, every frame) are
 * not the reader's: waiting for those to pause left a fence plain until the answer ended.
 */
export const SCROLL_QUIET_MS = 120

/**
 * How close to its scroll container's visible area (px, above or below) a waiting block must
 * be now for its lines to show: the same two screens as `NEAR_MARGIN`.
 */
export const SHOW_MARGIN_PX = 1500

/** A block waiting for lines of the budget. */
export interface ColourTicket {
  /**
   * The block's element: its lines show only while it is within {@link SHOW_MARGIN_PX} of its
   * scroll container's visible area. A block the reader scrolled past waits for the reader
   * to come back instead of costing frames now. Without one, the block is always served.
   */
  readonly element?: Element | null | undefined
  /** Lines it would show now if it could (0: none waiting). */
  wanted(): number
  /** Shows `count` more lines (at most `wanted()`). */
  grant(count: number): void
}

const waiting: ColourTicket[] = []
/** The scroll container of each waiting ticket's element (`null`: the page), found once. */
const roots = new WeakMap<ColourTicket, Element | null>()
let scheduled = false
let lastScroll = -Infinity
let listening = false

const now = () => (typeof performance === 'object' ? performance.now() : Date.now())

function listen(): void {
  if (listening || typeof document === 'undefined') return
  listening = true
  // Scroll events do not bubble; captured at the document they come from every scroller
  // (and before the auto-scroll's own listener, which forgets its mark). A scroll may bring
  // a waiting block near: it is looked at once the scrolling pauses.
  document.addEventListener(
    'scroll',
    (event) => {
      if (!isOwnScroll(event.target)) lastScroll = now()
      if (waiting.length > 0) schedule()
    },
    { capture: true, passive: true },
  )
}

/**
 * Is the ticket's block near its scroll container's visible area now? Read in an animation
 * frame, before this frame's own changes: the layout is usually clean (no observer per block:
 * a 1,000,000-character answer has hundreds of fences, see `useNearViewportScope`).
 */
function eligible(ticket: ColourTicket): boolean {
  const element = ticket.element
  if (!element || !element.isConnected) return true
  const root = roots.get(ticket) ?? null
  const box = element.getBoundingClientRect()
  const view = root ? root.getBoundingClientRect() : { top: 0, bottom: element.ownerDocument.defaultView?.innerHeight ?? 0 }
  return box.bottom >= view.top - SHOW_MARGIN_PX && box.top <= view.bottom + SHOW_MARGIN_PX
}

function schedule(): void {
  if (scheduled) return
  scheduled = true
  const run = () => {
    scheduled = false
    serve()
  }
  // A hidden tab runs no frames: nothing is painted there, and the lines show when it is visible again.
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run)
  else setTimeout(run, 16)
}

function serve(): void {
  if (now() - lastScroll < SCROLL_QUIET_MS) {
    schedule()
    return
  }
  let budget = SETTLED_LINES_PER_FRAME
  // The block that asked last first: it came near the viewport last, so it is the one the reader is closest to.
  let pending = false
  for (let i = waiting.length - 1; i >= 0; i--) {
    // Spent: the rest wait for the next frame without measuring where they are (a layout read each).
    if (budget <= 0) {
      pending = true
      break
    }
    const ticket = waiting[i]!
    if (!eligible(ticket)) continue
    const count = Math.min(budget, ticket.wanted())
    if (count > 0) {
      budget -= count
      ticket.grant(count)
    }
    if (ticket.wanted() <= 0) waiting.splice(i, 1)
    else pending = true
  }
  // Blocks far from the viewport wait for a scroll to bring them near.
  if (pending) schedule()
}

/**
 * Asks for frames' shares of the budget until `ticket.wanted()` is 0; asking again while it
 * waits changes nothing. Grants come from animation frames, never synchronously. Returns
 * the function that withdraws the ticket.
 *
 * @example
 * const withdraw = requestColourLines({ wanted: () => total - shown, grant: (n) => show((shown += n)) })
 */
export function requestColourLines(ticket: ColourTicket): () => void {
  listen()
  if (!waiting.includes(ticket)) {
    waiting.push(ticket)
    if (ticket.element) roots.set(ticket, scrollParent(ticket.element))
  }
  schedule()
  return () => {
    const index = waiting.indexOf(ticket)
    if (index !== -1) waiting.splice(index, 1)
  }
}
