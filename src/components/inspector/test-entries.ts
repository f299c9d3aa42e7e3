import type { StreamLogEntry } from '../../core/stream-log.ts'
import type { ChatEvent } from '../../protocol/events.ts'

/** Test-only builders for wire-log entries. */
export const request = (at: number, kind: 'send' | 'resume' = 'send', attempt = 0): StreamLogEntry => ({ type: 'request', at, kind, attempt })
export const event = (at: number, e: ChatEvent): StreamLogEntry => ({ type: 'event', at, event: e })
export const token = (at: number, seq: number, content = 'x'): StreamLogEntry => event(at, { type: 'token', seq, content })
export const chunk = (at: number, text: string): StreamLogEntry => ({ type: 'chunk', at, bytes: new TextEncoder().encode(text).length, text })
export const comment = (at: number): StreamLogEntry => ({ type: 'comment', at, text: 'ping' })
