import type { ChatErrorCode, ChatEvent } from '../protocol/events.ts'

/**
 * An error event put in place of everything after the first `events` events.
 *
 * @example
 * mockChatStream({ script, errorAfter: { events: 5, code: 'rate_limited', retryAfter: 10 } })
 */
export interface ErrorInjection {
  events: number
  /** @default 'upstream_error' */
  code?: ChatErrorCode
  /** @default 'Injected error: the upstream model failed mid-stream' */
  message?: string
  retryAfter?: number
}

/**
 * Keeps the first `n` events and ends the stream with an `error` (as a provider failing
 * mid-answer does); the error takes the next `seq`. Scripts shorter than `n` are returned
 * unchanged, since they ended before the fault would fire.
 *
 * @example
 * injectError(createScript().text('a b c').done(), { events: 2, code: 'rate_limited', retryAfter: 5 })
 * // [start, token 'a', error rate_limited]
 */
export function injectError(events: readonly ChatEvent[], at: number | ErrorInjection): ChatEvent[] {
  const options = typeof at === 'number' ? { events: at } : at
  const n = Math.max(0, Math.floor(options.events))
  if (n >= events.length) return [...events]
  const kept = events.slice(0, n)
  return [...kept, errorEvent(n === 0 ? 0 : kept[n - 1]!.seq + 1, options)]
}

/**
 * The `error` event an {@link ErrorInjection} describes, with the given `seq`.
 *
 * @example
 * errorEvent(4, { events: 4, code: 'rate_limited', retryAfter: 5 })
 * // { type: 'error', seq: 4, code: 'rate_limited', message: 'Injected error: …', retryAfter: 5 }
 */
export function errorEvent(seq: number, options: Omit<ErrorInjection, 'events'>): ChatEvent {
  const error: ChatEvent = {
    type: 'error',
    seq,
    code: options.code ?? 'upstream_error',
    message: options.message ?? 'Injected error: the upstream model failed mid-stream',
  }
  if (options.retryAfter !== undefined) error.retryAfter = options.retryAfter
  return error
}

/**
 * @example
 * mockChatStream({ script, duplicateSeq: 3 })
 */
export interface SeqGlitches {
  /** The event with this `seq` is sent twice in a row (a server that retried a write). */
  duplicateSeq?: number
  /** The event with this `seq` is never sent (a gap the client should notice). */
  skipSeq?: number
}

/**
 * Wire glitches in the sequence: a repeated or a missing event. The server's own record of
 * the stream (what resume replays) is unaffected; only what this one response sends changes.
 *
 * @example
 * glitchSeq(events, { duplicateSeq: 2 }).map((e) => e.seq) // [0, 1, 2, 2, 3, …]
 */
export function glitchSeq(events: readonly ChatEvent[], glitches: SeqGlitches): ChatEvent[] {
  const out: ChatEvent[] = []
  for (const event of events) {
    if (event.seq === glitches.skipSeq) continue
    out.push(event)
    if (event.seq === glitches.duplicateSeq) out.push(event)
  }
  return out
}
