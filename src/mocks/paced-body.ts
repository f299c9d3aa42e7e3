import { KEEP_ALIVE_FRAME, type PacedChunk } from './pace.ts'

/**
 * How a paced body ends once its chunks are out.
 *
 * @example
 * createPacedBody(plan, { ending: { type: 'error', error: new TypeError('network') } })
 */
export type BodyEnding =
  /** A clean end of the body. */
  | { type: 'close' }
  /** A dropped connection: the reader rejects with `error`. */
  | { type: 'error'; error: unknown }
  /** Never ends: a `: ping` comment every `intervalMs` until the request aborts or the reader cancels. */
  | { type: 'keep-alive'; intervalMs: number }

/**
 * @example
 * createPacedBody(plan, { signal: request.signal, onSettle: () => open-- })
 */
export interface PacedBodyOptions {
  /** The request's signal: aborting it stops every timer and errors the body. */
  signal?: AbortSignal
  /** @default { type: 'close' } */
  ending?: BodyEnding
  /** Called once when the body stops producing, however that happens (end, abort, cancel). */
  onSettle?: () => void
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now())

/**
 * Plays a pacing plan into a byte stream with timers. Exactly one timer is pending at a time,
 * and it is cleared the moment the request aborts or the reader cancels, so a mock never
 * writes into a stream nobody reads and never keeps a test process alive.
 *
 * @example
 * const body = createPacedBody(paceFrames(frames, { ttft: 200 }), { signal: request.signal })
 * return new Response(body, { headers: formatHeaders('rivulet') })
 */
export function createPacedBody(plan: readonly PacedChunk[], options: PacedBodyOptions = {}): ReadableStream<Uint8Array> {
  const ending = options.ending ?? { type: 'close' }
  const ping = new TextEncoder().encode(KEEP_ALIVE_FRAME)
  let timer: ReturnType<typeof setTimeout> | undefined
  let settled = false
  let index = 0
  let readerWaiting = false
  /** Set while due chunks wait for a read: the pump to run on the next `pull`. */
  let blocked: (() => void) | undefined
  let breakWhenDrained: (() => void) | undefined

  function settle() {
    if (settled) return
    settled = true
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    options.signal?.removeEventListener('abort', onAbort)
    options.onSettle?.()
  }
  let onAbort = () => {}

  return new ReadableStream<Uint8Array>({
    start(controller) {
      onAbort = () => {
        if (settled) return
        settle()
        try {
          controller.error(options.signal?.reason ?? new DOMException('The request was aborted', 'AbortError'))
        } catch {
          // Already closed by the consumer.
        }
      }
      if (options.signal?.aborted) {
        onAbort()
        return
      }
      options.signal?.addEventListener('abort', onAbort, { once: true })

      function finish() {
        if (ending.type === 'keep-alive') {
          const beat = () => {
            if (settled) return
            controller.enqueue(ping.slice())
            timer = setTimeout(beat, ending.intervalMs)
          }
          timer = setTimeout(beat, ending.intervalMs)
          return
        }
        if (ending.type === 'close') {
          settle()
          controller.close()
          return
        }
        // `controller.error` throws away chunks still queued, which a real dropped connection
        // would have delivered: break only once the reader has taken everything and asks for more.
        breakWhenDrained = () => {
          if (settled) return
          settle()
          controller.error(ending.error)
        }
        if (readerWaiting) breakWhenDrained()
      }

      // Chunks are due at absolute times from the start, so a fast pace is not slowed down by
      // timer clamping (a browser waits >= 4 ms per nested timer): every wake-up sends all
      // chunks already due, and only then sleeps until the next one.
      const startedAt = now()
      let dueAt = 0

      function pump() {
        timer = undefined
        if (settled) return
        readerWaiting = false
        const elapsed = now() - startedAt
        do {
          controller.enqueue(plan[index++]!.chunk)
          if (index < plan.length) dueAt += Math.max(0, plan[index]!.delayMs)
        } while (index < plan.length && dueAt <= elapsed && (controller.desiredSize ?? 0) > 0)
        // Chunks already due wait for the reader rather than pile up in the stream's queue,
        // which some runtimes drain in quadratic time (Node shifts an array per read).
        if (index < plan.length && dueAt <= elapsed) blocked = pump
        else schedule()
      }

      function schedule() {
        if (index >= plan.length) finish()
        else timer = setTimeout(pump, Math.max(0, dueAt - (now() - startedAt)))
      }

      if (plan.length > 0) dueAt = Math.max(0, plan[0]!.delayMs)
      schedule()
    },
    pull() {
      // With a high-water mark of 0, `pull` means a reader is waiting on an empty queue.
      readerWaiting = true
      if (blocked) {
        const resume = blocked
        blocked = undefined
        resume()
        return
      }
      breakWhenDrained?.()
    },
    cancel() {
      settle()
    },
  }, { highWaterMark: 0 })
}
