import type { Recording } from '../protocol/recording/recording.ts'
import { applyFaults, type Fault } from './faults.ts'
import { createPacedBody, type BodyEnding } from './paced-body.ts'
import { atSpeed, playPlan, retime, type Pace } from './pace.ts'

/** Headers that described the original bytes on the wire, not the decoded text a replay sends. */
const WIRE_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive'])
const NULL_BODY_STATUSES = new Set([204, 205, 304])

/**
 * The one pipeline every mock answer goes through: a recording (recorded, or made from a
 * script) → the pace's timing → faults → the pace's speed → the wire (chunking, keep-alives),
 * as a `Response` whose timers stop when `signal` aborts.
 */
export interface Take {
  /** The answer after faults (its status is what the client sees). */
  recording: Recording
  response: Response
}

/**
 * Plays `recording` through the pipeline: pace timing → faults → `speed` → wire. `timed` says
 * the recording already has the pace's timing (a script recorded by `recordFrames`).
 */
export function serveRecording(
  recording: Recording,
  pace: Pace,
  options: { signal: AbortSignal; faults?: readonly Fault[]; request?: number; timed?: boolean; onSettle?: () => void },
): Take {
  const timed = options.timed ? recording : retime(recording, pace)
  const faulted = applyFaults(timed, options.faults ?? [], options.request ?? 1)
  return { recording: faulted, response: toResponse(atSpeed(faulted, pace.speed), pace, options.signal, options.onSettle) }
}

function toResponse(recording: Recording, pace: Pace, signal: AbortSignal, onSettle?: () => void): Response {
  const { status, headers: recorded, ending, keepAliveMs } = recording.header
  const headers = new Headers()
  for (const [name, value] of Object.entries(recorded)) if (!WIRE_HEADERS.has(name.toLowerCase())) headers.set(name, value)
  if (NULL_BODY_STATUSES.has(status)) {
    onSettle?.()
    return new Response(null, { status, headers })
  }
  const end: BodyEnding =
    ending === 'network-error'
      ? { type: 'error', error: new TypeError('network error') }
      : ending === 'keep-alive'
        ? { type: 'keep-alive', intervalMs: keepAliveMs ?? 15_000 }
        : { type: 'close' }
  const body = createPacedBody(playPlan(recording, pace), { signal, ending: end, onSettle })
  return new Response(body, { status, headers })
}
