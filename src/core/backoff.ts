export interface BackoffOptions {
  /** Delay before the first retry, in ms. @default 500 */
  baseMs?: number
  /** No delay is longer than this, in ms. @default 10_000 */
  maxMs?: number
  /** Source of jitter in [0, 1); injectable so tests are deterministic. */
  random?: () => number
}

/**
 * Exponential backoff with "equal jitter": half the exponential delay plus a random half, so
 * many clients that failed together do not come back together.
 *
 * @example
 * backoffDelay(0) // 250–500 ms
 * backoffDelay(3) // 2000–4000 ms
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = 500, maxMs = 10_000, random = Math.random } = options
  const exponential = Math.min(maxMs, baseMs * 2 ** attempt)
  return Math.round(exponential / 2 + (random() * exponential) / 2)
}

/**
 * Reads a `Retry-After` header (delay-seconds or an HTTP date) as milliseconds from now.
 *
 * @example
 * parseRetryAfter('3') // 3000
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}
