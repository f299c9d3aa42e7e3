/**
 * Where each scroll container's own last programmatic scroll left it (the auto-scroll
 * sticking to the bottom as an answer streams). The scroll event that reports that position
 * is not the reader scrolling: the auto-scroll does not unpin on it, and the colour budget
 * does not wait for it to pause (it would wait for as long as the answer streams).
 */
const ownTops = new WeakMap<EventTarget, number>()

/** `el` was just scrolled by us, not by the reader: its scroll event will say so. */
export function markOwnScroll(el: Element): void {
  ownTops.set(el, el.scrollTop)
}

/** The next scroll of `el` is the reader's (or the browser's), whatever position it reports. */
export function forgetOwnScroll(el: Element): void {
  ownTops.delete(el)
}

/**
 * Does a scroll event of `target` report the position our own last scroll of it produced?
 * Sub-pixel offsets (zoom, fractional device pixels) make the position a range.
 */
export function isOwnScroll(target: EventTarget | null): boolean {
  if (!target) return false
  const top = ownTops.get(target)
  return top !== undefined && Math.abs((target as Element).scrollTop - top) < 1
}
