import { useEffect, useState } from 'react'

/** Options of {@link useCountdown}. */
export interface UseCountdownOptions {
  /** Seconds to count down from; rounded up. Nothing, zero or less means no countdown. */
  seconds: number | undefined
  /** A new value restarts the countdown from `seconds` (pass the error it belongs to). */
  restartKey?: unknown
}

/** Result of {@link useCountdown}. */
export interface UseCountdownResult {
  /** Whole seconds left, reaching 0. */
  secondsLeft: number
  /** The full countdown length in whole seconds (0 without one). */
  total: number
}

const wholeSeconds = (seconds: number | undefined) =>
  seconds !== undefined && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 0

/**
 * A live countdown in whole seconds with a single interval, cleared when it reaches 0 and
 * on unmount. Each tick reads the clock against a deadline instead of decrementing, so a
 * throttled background tab still shows the right number when it wakes up.
 *
 * @example
 * const { secondsLeft } = useCountdown({ seconds: error.retryAfter, restartKey: error })
 * <button disabled={secondsLeft > 0}>Retry</button>
 */
export function useCountdown({ seconds, restartKey }: UseCountdownOptions): UseCountdownResult {
  const total = wholeSeconds(seconds)
  const [tracked, setTracked] = useState({ total, restartKey, left: total })
  // Reset during render, not in an effect, so a new error never shows the old count.
  if (tracked.total !== total || tracked.restartKey !== restartKey) setTracked({ total, restartKey, left: total })

  useEffect(() => {
    if (total === 0) return
    const deadline = Date.now() + total * 1000
    const timer = setInterval(() => {
      const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000))
      setTracked((current) => (current.left === left ? current : { ...current, left }))
      if (left === 0) clearInterval(timer)
    }, 1000)
    return () => clearInterval(timer)
  }, [total, restartKey])

  return { secondsLeft: tracked.left, total }
}
