import { useEffect, useState, type RefObject } from 'react'
import { watchNearViewport } from './near-viewport-observer.ts'

/**
 * True once the element has come within about two screens of the viewport (and from then
 * on). Off-screen code blocks of a long restored thread wait with their highlighting until
 * the reader scrolls towards them, instead of all highlighting at mount. Where there is no
 * `IntersectionObserver` (server rendering, old test DOMs), always true. All elements of one
 * scroll container share one observer (see `watchNearViewport`).
 *
 * @example
 * const near = useNearViewport(preRef)
 */
export function useNearViewport(ref: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver !== 'function')
  useEffect(() => {
    const element = ref.current
    if (near || !element || typeof IntersectionObserver !== 'function') return
    return watchNearViewport(element, () => setNear(true))
  }, [near, ref])
  return near
}
