/**
 * Whether the user asked the system for less motion; read at the moment of use so a
 * change in settings applies to the next scroll without a listener.
 *
 * @example
 * element.scrollTo({ top: 0, behavior: prefersReducedMotion() ? 'instant' : 'smooth' })
 */
export function prefersReducedMotion(view: Window | null = typeof window === 'undefined' ? null : window): boolean {
  return view?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false
}
