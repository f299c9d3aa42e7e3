import type { ChatEvent } from '../protocol/events.ts'
import type { ChatError } from './state.ts'

/**
 * What happened on the wire, in order, for inspectors and recorders. `at` is
 * `performance.now()` (ms); entries are only built while someone observes.
 */
export type StreamLogEntry =
  | { type: 'request'; at: number; kind: 'send' | 'resume'; attempt: number }
  | { type: 'response'; at: number; status: number; headers: Record<string, string> }
  | { type: 'chunk'; at: number; bytes: number; text: string }
  | { type: 'comment'; at: number; text: string }
  | { type: 'event'; at: number; event: ChatEvent }
  | { type: 'retry'; at: number; delayMs: number }
  | { type: 'reconnect'; at: number; lastEventId: string }
  | { type: 'failed'; at: number; error: ChatError }
  | { type: 'stopped'; at: number }

export type StreamLogListener = (entry: StreamLogEntry) => void
