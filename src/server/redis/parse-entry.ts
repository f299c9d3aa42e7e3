import { checkFrame } from '../../protocol/decoders/validate-event.ts'
import type { ChatEvent } from '../../protocol/events.ts'

/**
 * Turns a raw stream entry (`[id, [field, value, …]]`) into its event. An entry that does not
 * parse (corrupted, or written by something else) becomes an `error` event at its place, so
 * a resuming client gets a clean end instead of a crash or a silent gap.
 *
 * @example
 * parseEntry(['1-3', ['e', '{"type":"token","seq":3,"content":"a"}']]) // { type: 'token', seq: 3, content: 'a' }
 */
export function parseEntry(entry: unknown): ChatEvent {
  const [id, fields] = Array.isArray(entry) ? (entry as unknown[]) : []
  const seq = Number(/^\d+-(\d+)$/.exec(String(id))?.[1] ?? 0)
  const unreadable: ChatEvent = { type: 'error', seq, code: 'upstream_error', message: `A recorded event could not be read (entry ${String(id)}).` }
  if (!Array.isArray(fields)) return unreadable
  const index = fields.findIndex((value, i) => i % 2 === 0 && String(value) === 'e')
  if (index < 0) return unreadable
  let value: unknown
  try {
    value = JSON.parse(String(fields[index + 1]))
  } catch {
    return unreadable
  }
  const checked = checkFrame(value)
  if (checked.kind === 'event') return checked.event.seq === seq ? checked.event : unreadable
  // A type newer than this version (recorded by a newer instance): carry it, the client skips it.
  if (checked.kind === 'unknown' && (value as { seq?: unknown }).seq === seq) return value as ChatEvent
  return unreadable
}

/**
 * The entries of one key in an `XREAD` reply, in either protocol's shape: RESP2 gives
 * `[[key, entries]]`, RESP3 a map (an object or a `Map`) from key to entries; `null` when the
 * block timed out.
 */
export function xreadEntries(reply: unknown, key: string): unknown[] {
  if (reply === null || reply === undefined) return []
  if (Array.isArray(reply)) {
    const pair = (reply as unknown[]).find((item) => Array.isArray(item) && String(item[0]) === key) as unknown[] | undefined
    return Array.isArray(pair?.[1]) ? (pair[1] as unknown[]) : []
  }
  if (reply instanceof Map) {
    const entries: unknown = reply.get(key)
    return Array.isArray(entries) ? entries : []
  }
  if (typeof reply === 'object') {
    const entries = (reply as Record<string, unknown>)[key]
    return Array.isArray(entries) ? entries : []
  }
  return []
}
