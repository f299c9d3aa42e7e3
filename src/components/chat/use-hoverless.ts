import { useSyncExternalStore } from 'react'

const QUERY = '(hover: none)'

function query(): MediaQueryList | undefined {
  return typeof window === 'undefined' ? undefined : window.matchMedia?.(QUERY)
}

function subscribe(listener: () => void): () => void {
  const list = query()
  list?.addEventListener('change', listener)
  return () => list?.removeEventListener('change', listener)
}

const read = () => query()?.matches ?? false
const readOnServer = () => false

/**
 * Whether the primary pointer cannot hover (a touch screen): action bars that appear on hover
 * must be there from the start. False on the server and where `matchMedia` is missing.
 *
 * @example
 * const hoverless = useHoverless()
 */
export function useHoverless(): boolean {
  return useSyncExternalStore(subscribe, read, readOnServer)
}
