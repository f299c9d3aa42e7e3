/** How far outside the viewport an element counts as near: about two screens of scrolling. */
export const NEAR_MARGIN = '1500px 0px'

/**
 * The closest ancestor that scrolls vertically (a message list), or `null` for the page.
 * An observer rooted at the page would see an element clipped by that scroller as far away
 * until it is already on screen, margin or not.
 *
 * @example
 * const root = scrollParent(pre) // the message list's viewport
 */
export function scrollParent(element: Element): Element | null {
  const view = element.ownerDocument.defaultView
  for (let node = element.parentElement; node; node = node.parentElement) {
    const overflow = view ? view.getComputedStyle(node).overflowY : ''
    if (overflow === 'auto' || overflow === 'scroll' || overflow === 'overlay') return node
  }
  return null
}

interface Watch {
  observer: IntersectionObserver
  onNear: () => void
}

// One observer per scroll container (not one per element: a thread holds a hundred code
// blocks, and the browser computes every observer's intersections on every frame).
const byRoot = new WeakMap<Element, IntersectionObserver>()
let pageObserver: IntersectionObserver | undefined
const watched = new WeakMap<Element, Watch>()

function onEntries(entries: IntersectionObserverEntry[]) {
  for (const entry of entries) {
    if (!entry.isIntersecting) continue
    const watch = watched.get(entry.target)
    if (!watch) continue
    watched.delete(entry.target)
    watch.observer.unobserve(entry.target)
    watch.onNear()
  }
}

function observerFor(root: Element | null): IntersectionObserver {
  if (root === null) return (pageObserver ??= new IntersectionObserver(onEntries, { rootMargin: NEAR_MARGIN }))
  let observer = byRoot.get(root)
  if (!observer) {
    observer = new IntersectionObserver(onEntries, { root, rootMargin: NEAR_MARGIN })
    byRoot.set(root, observer)
  }
  return observer
}

/**
 * Calls `onNear` once, when `element` first comes within {@link NEAR_MARGIN} of its scroll
 * container's visible area (or the page's). Elements share one `IntersectionObserver` per
 * scroll container. Returns the function that stops watching. Needs `IntersectionObserver`
 * (callers check).
 *
 * @example
 * const stop = watchNearViewport(pre, () => setNear(true))
 */
export function watchNearViewport(element: Element, onNear: () => void): () => void {
  const observer = observerFor(scrollParent(element))
  watched.set(element, { observer, onNear })
  observer.observe(element)
  return () => {
    if (watched.get(element)?.observer !== observer) return
    watched.delete(element)
    observer.unobserve(element)
  }
}
