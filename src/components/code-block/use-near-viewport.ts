import { createContext, useContext, useEffect, useMemo, useState, type RefObject } from 'react'
import { watchNearViewport } from './near-viewport-observer.ts'

/** The observer behind both hooks; it runs only while `enabled`. */
function useObservedNear(ref: RefObject<Element | null>, enabled: boolean): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver !== 'function')
  useEffect(() => {
    const element = ref.current
    if (!enabled || near || !element || typeof IntersectionObserver !== 'function') return
    // Shared with every other element of the same scroll container (see `watchNearViewport`).
    return watchNearViewport(element, () => setNear(true))
  }, [enabled, near, ref])
  return near
}

/** What a scope tells the blocks inside it, see {@link useNearViewportScope}. */
export interface NearViewportScope {
  /** The scope's element has come near the viewport. */
  near: boolean
  /** Asks the scope to start watching (a block inside it wants to know). */
  watch(): void
}

/** The enclosing {@link useNearViewportScope}, if any. */
export const NearViewportScopeContext = createContext<NearViewportScope | null>(null)

/**
 * One observer for every block inside an element (a run of markdown blocks), instead of one
 * per code block: the browser checks each observed element on every frame whose layout
 * changed, so a 1,000,000-character answer with 700 fences made each streamed frame pay for
 * 700 checks. The observer starts only once a block inside asks (see `useNearViewport`), so
 * an element without code blocks costs nothing. Provide the result through
 * `NearViewportScopeContext`.
 *
 * @example
 * const scope = useNearViewportScope(groupRef)
 * return <NearViewportScopeContext.Provider value={scope}><div ref={groupRef}>{blocks}</div></NearViewportScopeContext.Provider>
 */
export function useNearViewportScope(ref: RefObject<Element | null>): NearViewportScope {
  const [watching, setWatching] = useState(false)
  const near = useObservedNear(ref, watching)
  return useMemo(() => ({ near, watch: () => setWatching(true) }), [near])
}

/**
 * True once the element has come within about two screens of the viewport (and from then
 * on). Off-screen code blocks of a long restored thread wait with their highlighting until
 * the reader scrolls towards them, instead of all highlighting at mount. Where there is no
 * `IntersectionObserver` (server rendering, old test DOMs), always true. Inside a
 * {@link NearViewportScopeContext} the scope's element is observed instead of this one.
 *
 * @example
 * const near = useNearViewport(preRef)
 */
export function useNearViewport(ref: RefObject<Element | null>): boolean {
  const scope = useContext(NearViewportScopeContext)
  const near = useObservedNear(ref, scope === null)
  const scopeNear = scope?.near ?? true
  const watch = scope?.watch
  useEffect(() => {
    if (!scopeNear) watch?.()
  }, [scopeNear, watch])
  return scope ? scope.near : near
}
