import { useSyncExternalStore } from 'react'

const subscribeNothing = () => () => {}
const onClient = () => false
const onServer = () => true

/**
 * True while rendering on the server or hydrating its markup, false in a client render. Hooks
 * that mount long content progressively render everything in the first case, so the client's
 * first render matches the server's HTML.
 *
 * @example
 * const whole = useServerOrHydrating() // then render every block
 */
export function useServerOrHydrating(): boolean {
  return useSyncExternalStore(subscribeNothing, onClient, onServer)
}
