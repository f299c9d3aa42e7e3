import type { StreamFormat } from '../protocol/decoders/stream-format.ts'
import type { ChatEvent } from '../protocol/events.ts'
import { splitSseFrames } from '../protocol/recording/sse-frames.ts'
import { corruptFrame, dropConnectionAt, duplicateSeq, httpError, injectErrorEvent, keepAlivesOnly, skipSeq, stallAt, type Fault } from './faults.ts'
import type { ErrorInjection } from './stream-faults.ts'

/**
 * The fault flags `mockChatStream` took before it took `faults`. Each is now a {@link Fault};
 * they count script events (not SSE frames) and stay for existing stories and tests.
 *
 * @example
 * mockChatStream({ script, disconnectAfter: 3 }) // same as faults: [dropConnectionAt({ event: 3 })] in the Rivulet format
 */
export interface LegacyFaultOptions {
  /** @deprecated Use `faults: [httpError({ status })]`. */
  httpStatus?: number
  /** @deprecated Use `httpError({ status, retryAfter })`. */
  retryAfter?: number
  /** @deprecated Use `httpError({ status, body })`. */
  httpBody?: string
  /** @deprecated Use `httpError({ status, requests })`. */
  failRequests?: number
  /** @deprecated Use `faults: [injectErrorEvent({ afterEvent, code, message, retryAfter })]`. */
  errorAfter?: number | ErrorInjection
  /** @deprecated Use `faults: [dropConnectionAt({ event })]`. */
  disconnectAfter?: number
  /** @deprecated Use `faults: [stallAt({ event, ms })]` (keep-alives still flow with `keepAliveIntervalMs`). */
  stallAfter?: { events: number; ms: number }
  /** @deprecated Use `faults: [keepAlivesOnly({ intervalMs })]`. */
  keepAlivesOnly?: { intervalMs: number }
  /** @deprecated Use `faults: [duplicateSeq(seq)]`. */
  duplicateSeq?: number
  /** @deprecated Use `faults: [skipSeq(seq)]`. */
  skipSeq?: number
  /** @deprecated Use `faults: [corruptFrame(event)]`: the frame of that event is cut short. */
  malformedAfter?: number
}

/**
 * The legacy flags as faults. A flag counts script events; a fault counts the SSE frames that
 * carry an event, which differ in foreign formats (one event may encode to no frame or to
 * several), so each position is mapped through the encoded frames.
 */
export function legacyFaults(options: LegacyFaultOptions, script: readonly ChatEvent[], frames: readonly string[], format: StreamFormat): Fault[] {
  // framesBefore[i]: event frames on the wire before script event i.
  const framesBefore = [0]
  for (const frame of frames) framesBefore.push(framesBefore.at(-1)! + splitSseFrames(frame).filter((f) => f.event !== undefined).length)
  const at = (events: number) => framesBefore[Math.min(Math.max(0, Math.floor(events)), framesBefore.length - 1)]!
  // Rivulet frames carry their seq; elsewhere a seq names the frame of the script event that has it.
  const seqFrame = (seq: number) => (format === 'rivulet' ? seq : at(Math.max(0, script.findIndex((event) => event.seq === seq))))

  const faults: Fault[] = []
  if (options.errorAfter !== undefined) {
    const { events, ...error } = typeof options.errorAfter === 'number' ? { events: options.errorAfter } : options.errorAfter
    if (events < script.length) faults.push(injectErrorEvent({ afterEvent: at(events), ...error }))
  }
  if (options.duplicateSeq !== undefined) faults.push(duplicateSeq(seqFrame(options.duplicateSeq)))
  if (options.skipSeq !== undefined) faults.push(skipSeq(seqFrame(options.skipSeq)))
  if (options.malformedAfter !== undefined) faults.push(corruptFrame(at(options.malformedAfter)))
  if (options.stallAfter) faults.push(stallAt({ event: at(options.stallAfter.events), ms: options.stallAfter.ms }))
  if (options.disconnectAfter !== undefined) faults.push(dropConnectionAt({ event: at(options.disconnectAfter) }))
  if (options.keepAlivesOnly) faults.push(keepAlivesOnly({ intervalMs: options.keepAlivesOnly.intervalMs }))
  if (options.httpStatus !== undefined) {
    const status = options.httpStatus
    faults.push(
      httpError({
        status,
        retryAfter: options.retryAfter,
        body: options.httpBody,
        message: `mock HTTP ${status}`,
        requests: options.failRequests,
      }),
    )
  }
  return faults
}
