/** Default silence before a keep-alive comment: under the 30–60 s idle limits of common proxies. */
export const DEFAULT_KEEP_ALIVE_MS = 15_000

export interface KeepAlive {
  /** Something was written: the silence starts again. */
  touch(): void
  stop(): void
}

/**
 * Calls `ping` after every `intervalMs` of silence. A timer re-armed on each write (rather than
 * a fixed interval) means a busy stream sends no pings at all and an idle one never stays
 * silent longer than `intervalMs`. `false` or a non-positive interval disables it.
 *
 * @example
 * const keepAlive = createKeepAlive(15_000, () => controller.enqueue(encode(': ping\n\n')))
 * keepAlive.touch() // after each event
 * keepAlive.stop() // when the stream ends
 */
export function createKeepAlive(intervalMs: number | false, ping: () => void): KeepAlive {
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = intervalMs === false || !(intervalMs > 0)

  function arm() {
    if (stopped) return
    clearTimeout(timer)
    timer = setTimeout(() => {
      if (stopped) return
      ping()
      arm()
    }, intervalMs as number)
  }

  arm()
  return {
    touch: arm,
    stop() {
      stopped = true
      clearTimeout(timer)
    },
  }
}
