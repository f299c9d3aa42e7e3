import { useEffect, useState, type RefObject } from 'react'

/** How far outside the viewport a block counts as near: about two screens of scrolling. */
const NEAR_MARGIN = '1500px 0px'

/**
 * The closest ancestor that scrolls vertically (a message list), or `null` for the page.
 * An observer rooted at the page would see a block clipped by that scroller as far away
 * until it is already on screen, margin or not.
 */
function scrollParent(element: Element): Element | null {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const overflow = getComputedStyle(node).overflowY
    if (overflow === 'auto' || overflow === 'scroll' || overflow === 'overlay') return node
  }
  return null
}

/**
 * True once the element has come within about two screens of the viewport (and from then
 * on). Off-screen code blocks of a long restored thread wait with their highlighting until
 * the reader scrolls towards them, instead of all highlighting at mount. Where there is no
 * `IntersectionObserver` (server rendering, old test DOMs), always true.
 *
 * @example
 * const near = useNearViewport(preRef)
 */
export function useNearViewport(ref: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver !== 'function')
  useEffect(() => {
    const element = ref.current
    if (near || !element || typeof IntersectionObserver !== 'function') return
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setNear(true)
          observer.disconnect()
        }
      },
      { root: scrollParent(element), rootMargin: NEAR_MARGIN },
    )
    observer.observe(element)
    return () => observer.disconnect()
  }, [near, ref])
  return near
}
