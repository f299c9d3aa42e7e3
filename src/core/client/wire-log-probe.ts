import type { StreamLogEntry, StreamLogListener } from '../stream-log.ts'
import type { ClientProbe } from './probe.ts'

/**
 * Turns probe hooks into `StreamLogEntry`s for `observers` (the inspector, tests: the set behind
 * `client.observe()`, which the client keeps, so observing works before its engine is loaded).
 * Entries are built only while someone observes, so an unobserved chat makes no object per token.
 */
export function createWireLogProbe(observers: ReadonlySet<StreamLogListener>, now: () => number = () => performance.now()): ClientProbe {
  function log(make: () => StreamLogEntry) {
    if (observers.size === 0) return
    const entry = make()
    for (const observer of observers) observer(entry)
  }
  return {
    request: (kind, attempt) => log(() => ({ type: 'request', at: now(), kind, attempt })),
    response(response) {
      log(() => ({ type: 'response', at: now(), status: response.status, headers: Object.fromEntries(response.headers) }))
    },
    retry: (delayMs) => log(() => ({ type: 'retry', at: now(), delayMs })),
    reconnect: (lastEventId) => log(() => ({ type: 'reconnect', at: now(), lastEventId })),
    chunk(bytes, text) {
      if (observers.size > 0) log(() => ({ type: 'chunk', at: now(), bytes, text }))
    },
    comment: (text) => log(() => ({ type: 'comment', at: now(), text })),
    event(event) {
      if (observers.size > 0) log(() => ({ type: 'event', at: now(), event }))
    },
    end(ending) {
      if (ending.type === 'failed') log(() => ({ type: 'failed', at: now(), error: ending.error }))
      else if (ending.type === 'stopped') log(() => ({ type: 'stopped', at: now() }))
    },
  }
}
