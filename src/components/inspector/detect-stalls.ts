import type { StreamLogEntry } from '../../core/stream-log.ts'

/**
 * A pause in content: `from` is the content event before it, `to` the next content event
 * (or the last thing logged, when content never resumed). Times are the log's `at`.
 *
 * @example
 * const stall: Stall = { from: 1200, to: 4800, open: false }
 */
export interface Stall {
  from: number
  to: number
  /** No content event closed it: the stream went quiet and then ended, or is still quiet. */
  open: boolean
}

/**
 * Content is every decoded event but `start`: keep-alives, chunks that carry only
 * comments, and retries do not count, the same rule the client's idle timeout and stall
 * metric use.
 */
function isContent(entry: StreamLogEntry): boolean {
  return entry.type === 'event' && entry.event.type !== 'start'
}

/**
 * Finds the pauses longer than `thresholdMs` between content events. Waiting for the first
 * content event is time to first token, not a stall; a silence after the last content event
 * counts once something later was logged (keep-alives, a failure, a stop) to measure it by.
 *
 * @example
 * detectStalls(entries, 2000) // [{ from: 1200, to: 4800, open: false }]
 */
export function detectStalls(entries: readonly StreamLogEntry[], thresholdMs = 2000): Stall[] {
  const stalls: Stall[] = []
  let lastContent: number | undefined
  for (const entry of entries) {
    if (!isContent(entry)) continue
    if (lastContent !== undefined && entry.at - lastContent > thresholdMs) stalls.push({ from: lastContent, to: entry.at, open: false })
    lastContent = entry.at
  }
  const last = entries.at(-1)
  if (lastContent !== undefined && last !== undefined && last.at - lastContent > thresholdMs) {
    stalls.push({ from: lastContent, to: last.at, open: true })
  }
  return stalls
}
