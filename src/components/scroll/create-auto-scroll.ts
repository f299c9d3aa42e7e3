import { innerScrollerCanScrollUp } from './inner-scroller.ts'
import { forgetOwnScroll, isOwnScroll, markOwnScroll } from './own-scroll.ts'
import { decidePin, distanceFromBottom, isEditableTarget, isScrollUpKey } from './scroll-position.ts'

/** Where the list stands, as the UI needs it. */
export interface AutoScrollSnapshot {
  /** Within `threshold` px of the bottom right now. */
  readonly isAtBottom: boolean
  /** The user scrolled up: content growth no longer pulls the view down. */
  readonly isDetached: boolean
  /** Content grew while detached (cleared when the view pins again). */
  readonly hasNewContent: boolean
}

/** Options of {@link createAutoScroll}. */
export interface AutoScrollOptions {
  /** Within this many px of the bottom counts as "at the bottom". Defaults to 50. */
  threshold?: number
}

/** A stick-to-bottom controller for one scroll container; see {@link createAutoScroll}. */
export interface AutoScroll {
  /**
   * Starts following `viewport` (the scroll container) and `content` (the element that
   * grows). Pins to the bottom at once. Returns the function that removes every
   * listener and observer it added.
   */
  connect(viewport: HTMLElement, content?: HTMLElement | null): () => void
  /** Pins again and scrolls to the end; `smooth` keeps following growth while it glides. */
  scrollToBottom(behavior?: ScrollBehavior): void
  setThreshold(threshold: number): void
  /**
   * `true`: what is new is told by {@link AutoScroll.newContent} alone, and growth below the
   * view no longer counts (content laid out at its real size as it scrolls into view, e.g.
   * `content-visibility: auto` messages, grows the list below the reader without anything
   * being new). `false` (the default): growth below the view is new content.
   */
  setNewContentSignalled(signalled: boolean): void
  /** Something was added at the end (a message, a token): while detached, that is new content. */
  newContent(): void
  getSnapshot(): AutoScrollSnapshot
  /** Called whenever the snapshot changes (fits `useSyncExternalStore`). */
  subscribe(listener: () => void): () => void
}

/** Default distance (px) from the bottom that still counts as being at it. */
export const DEFAULT_THRESHOLD = 50

// Sub-pixel offsets (zoom, fractional device pixels) make "at the end" a range.
const AT_END = 1

const INITIAL: AutoScrollSnapshot = { isAtBottom: true, isDetached: false, hasNewContent: false }

/**
 * Keeps a scroll container pinned to the bottom while its content grows, and lets go
 * the moment the user scrolls up.
 *
 * What counts as the user scrolling up:
 * - `wheel` with `deltaY < 0` (not a pinch-zoom) and `keydown` PageUp, ArrowUp, Home or
 *   Shift+Space outside text fields: these unpin immediately, before the browser even
 *   scrolls, so a streaming frame cannot snap the view back under the user's hand;
 * - a touch drag pulling the content down (`touchmove`), also immediately;
 * - any upward scroll while a pointer is held on the container itself (its scrollbar);
 * - any other upward scroll we did not make that ends more than `threshold` from the
 *   bottom (find-in-page, focus moving to an older message).
 * Gestures taken by a nested scroller (a tall tool result) do not count.
 *
 * Our own scrolls are told apart by the `scrollTop` we set (`own-scroll.ts`): the scroll
 * event that reports it is skipped, here and by the colour budget. Content that shrinks
 * clamps `scrollTop` upwards but leaves the view at the very end, which never unpins. Sticking happens in the ResizeObserver
 * callback, after layout and before paint, so the new line is never painted off-screen
 * and there is at most one scroll per frame however many tokens arrived.
 *
 * @example
 * const autoScroll = createAutoScroll({ threshold: 50 })
 * const disconnect = autoScroll.connect(viewport, content)
 * autoScroll.subscribe(() => jumpButton.hidden = !autoScroll.getSnapshot().hasNewContent)
 * // later
 * disconnect()
 */
export function createAutoScroll(options: AutoScrollOptions = {}): AutoScroll {
  let threshold = options.threshold ?? DEFAULT_THRESHOLD
  let snapshot = INITIAL
  let signalled = false
  const listeners = new Set<() => void>()
  let session: Session | null = null

  const publish = (next: Partial<AutoScrollSnapshot>) => {
    const merged = { ...snapshot, ...next }
    if (
      merged.isAtBottom === snapshot.isAtBottom &&
      merged.isDetached === snapshot.isDetached &&
      merged.hasNewContent === snapshot.hasNewContent
    ) {
      return
    }
    snapshot = merged
    for (const listener of [...listeners]) listener()
  }

  const controller: AutoScroll = {
    connect(viewport, content) {
      session?.release()
      const current = openSession(viewport, content ?? null, {
        threshold: () => threshold,
        snapshot: () => snapshot,
        growthIsNew: () => !signalled,
        publish,
      })
      session = current
      return () => {
        current.release()
        if (session === current) session = null
      }
    },
    scrollToBottom(behavior = 'auto') {
      session?.scrollToBottom(behavior)
    },
    setThreshold(next) {
      threshold = next
    },
    setNewContentSignalled(next) {
      signalled = next
    },
    newContent() {
      if (snapshot.isDetached) publish({ hasNewContent: true })
    },
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
  return controller
}

interface Session {
  scrollToBottom(behavior: ScrollBehavior): void
  release(): void
}

interface SessionHost {
  threshold(): number
  snapshot(): AutoScrollSnapshot
  /** Growth below the view counts as new content (see `setNewContentSignalled`). */
  growthIsNew(): boolean
  publish(next: Partial<AutoScrollSnapshot>): void
}

function openSession(el: HTMLElement, content: HTMLElement | null, host: SessionHost): Session {
  const view = el.ownerDocument.defaultView
  let lastTop = el.scrollTop
  let lastHeight = el.scrollHeight
  let lastDistance = distanceFromBottom(el)
  // A smooth scroll to the bottom is gliding: growth retargets it instead of jumping.
  let smoothing = false
  // A pointer is down on the container itself, which is where its scrollbar is.
  let pointerHeld = false
  let touchY: number | null = null
  let released = false

  const detached = () => host.snapshot().isDetached
  const measureBottom = () => host.publish({ isAtBottom: distanceFromBottom(el) <= host.threshold() })
  const detach = () => {
    smoothing = false
    host.publish({ isDetached: true })
  }
  const attach = () => host.publish({ isDetached: false, hasNewContent: false })
  const canScrollUp = (target: EventTarget | null) => el.scrollTop > 0 && !innerScrollerCanScrollUp(target, el)

  const scrollInstantly = (top: number) => {
    // `instant`, not `auto`: a theme's `scroll-behavior: smooth` must not turn every
    // token into an animation that lags behind the text.
    scrollElement(el, top, 'instant')
    markOwnScroll(el)
    lastTop = el.scrollTop
  }

  const stick = () => {
    const max = el.scrollHeight - el.clientHeight
    const gap = max - el.scrollTop
    if (gap < AT_END) return
    // Once a glide is within the threshold, finish it instantly: retargeting a smooth
    // scroll on every token would chase the text and never arrive.
    if (smoothing && gap > host.threshold()) {
      scrollElement(el, max, 'smooth')
      return
    }
    smoothing = false
    scrollInstantly(max)
  }

  const onResize = () => {
    const height = el.scrollHeight
    // New content is growth below the view. Growth above it (older messages of a restored
    // thread mounting, a block above getting taller) is held in place by scroll anchoring,
    // which leaves the distance to the end as it was: nothing new to jump to.
    const grewBelow = height > lastHeight && distanceFromBottom(el) > lastDistance + AT_END
    lastHeight = height
    if (!detached()) {
      if (!pointerHeld) stick()
    } else if (grewBelow && host.growthIsNew()) {
      host.publish({ hasNewContent: true })
    }
    lastDistance = distanceFromBottom(el)
    measureBottom()
  }

  const onScroll = () => {
    const top = el.scrollTop
    const own = isOwnScroll(el)
    forgetOwnScroll(el)
    if (own) {
      lastTop = top
      lastDistance = distanceFromBottom(el)
      measureBottom()
      return
    }
    const distance = distanceFromBottom(el)
    const decision = decidePin({ top, previousTop: lastTop, distance, threshold: host.threshold(), userIntent: pointerHeld })
    lastTop = top
    if (decision === 'detach') detach()
    else if (decision === 'attach') attach()
    if (smoothing && distance <= AT_END) smoothing = false
    lastDistance = distance
    measureBottom()
  }

  const onScrollEnd = () => {
    smoothing = false
    pointerHeld = false
  }

  const onWheel = (event: WheelEvent) => {
    // ctrl+wheel is pinch-zoom on trackpads, not a scroll.
    if (event.deltaY >= 0 || event.ctrlKey || detached()) return
    if (canScrollUp(event.target)) detach()
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (detached() || !isScrollUpKey(event) || isEditableTarget(event.target)) return
    if (canScrollUp(event.target)) detach()
  }

  const onTouchStart = (event: TouchEvent) => {
    touchY = event.touches[0]?.clientY ?? null
  }

  const onTouchMove = (event: TouchEvent) => {
    const y = event.touches[0]?.clientY
    if (y === undefined || touchY === null) return
    // The finger moving down drags the content down: that is scrolling up.
    const pullsDown = y > touchY
    touchY = y
    if (pullsDown && !detached() && canScrollUp(event.target)) detach()
  }

  const onTouchEnd = () => {
    touchY = null
  }

  const onPointerDown = (event: PointerEvent) => {
    if (event.target === el) pointerHeld = true
  }

  const onPointerUp = () => {
    pointerHeld = false
  }

  const passive = { passive: true } as const
  el.addEventListener('scroll', onScroll, passive)
  el.addEventListener('scrollend', onScrollEnd, passive)
  el.addEventListener('wheel', onWheel, passive)
  el.addEventListener('keydown', onKeyDown)
  el.addEventListener('touchstart', onTouchStart, passive)
  el.addEventListener('touchmove', onTouchMove, passive)
  el.addEventListener('touchend', onTouchEnd, passive)
  el.addEventListener('touchcancel', onTouchEnd, passive)
  el.addEventListener('pointerdown', onPointerDown, passive)
  view?.addEventListener('pointerup', onPointerUp, passive)
  view?.addEventListener('pointercancel', onPointerUp, passive)

  // Absent in old browsers and jsdom: the list then still scrolls, it just does not follow.
  const Observer = view?.ResizeObserver
  const observer = typeof Observer === 'function' ? new Observer(onResize) : null
  observer?.observe(el)
  if (content) observer?.observe(content)

  attach()
  stick()
  measureBottom()

  return {
    scrollToBottom(behavior) {
      if (released) return
      attach()
      const max = el.scrollHeight - el.clientHeight
      if (behavior === 'smooth' && max - el.scrollTop >= AT_END) {
        smoothing = true
        forgetOwnScroll(el)
        scrollElement(el, max, 'smooth')
      } else {
        smoothing = false
        scrollInstantly(max)
      }
      measureBottom()
    },
    release() {
      if (released) return
      released = true
      el.removeEventListener('scroll', onScroll)
      el.removeEventListener('scrollend', onScrollEnd)
      el.removeEventListener('wheel', onWheel)
      el.removeEventListener('keydown', onKeyDown)
      el.removeEventListener('touchstart', onTouchStart)
      el.removeEventListener('touchmove', onTouchMove)
      el.removeEventListener('touchend', onTouchEnd)
      el.removeEventListener('touchcancel', onTouchEnd)
      el.removeEventListener('pointerdown', onPointerDown)
      view?.removeEventListener('pointerup', onPointerUp)
      view?.removeEventListener('pointercancel', onPointerUp)
      observer?.disconnect()
    },
  }
}

function scrollElement(el: HTMLElement, top: number, behavior: ScrollBehavior) {
  // jsdom and some old engines have no Element#scrollTo.
  if (typeof el.scrollTo === 'function') el.scrollTo({ top, behavior })
  else el.scrollTop = top
}
