/**
 * A duration for people: `'—'` when unknown, milliseconds under a second, else seconds.
 *
 * @example
 * formatMs(412) // '412 ms'
 * formatMs(1534) // '1.53 s'
 */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—'
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
}

/**
 * A byte count in B, KB or MB (powers of 1,000, as network tools show them).
 *
 * @example
 * formatBytes(97_854) // '97.9 KB'
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} KB`
  return `${(bytes / 1_000_000).toFixed(2)} MB`
}

/**
 * A rate with one decimal below 100, whole numbers above; `'—'` when unknown.
 *
 * @example
 * formatRate(58.27) // '58.3'
 */
export function formatRate(rate: number | undefined): string {
  if (rate === undefined || !Number.isFinite(rate)) return '—'
  return rate < 100 ? rate.toFixed(1) : String(Math.round(rate))
}
