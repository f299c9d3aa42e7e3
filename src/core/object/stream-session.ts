import type { ChatEvent } from '../../protocol/events.ts'
import { backoffDelay, type BackoffOptions } from '../backoff.ts'
import type { MetricsRecorder } from '../metrics.ts'
import { watchForReconnectChance } from '../reconnect-triggers.ts'
import type { ObjectTransport } from './object-transport.ts'
import type { ObjectError } from './object-state.ts'
import { openResponse, sleep, StreamTimeout } from './open-response.ts'
import { readObjectBody, type ObjectStreamFormat } from './read-object-body.ts'

export interface StreamSessionOptions {
  transport: ObjectTransport
  format?: ObjectStreamFormat | 'auto'
  maxRetries?: number
  maxReconnects?: number
  backoff?: BackoffOptions
  maxRetryAfterMs?: number
  firstTokenTimeoutMs?: number
  idleTimeoutMs?: number
  autoResume?: boolean
  recorder: MetricsRecorder
  publishMetrics: () => void
  /** A decoded event not seen before (duplicates replayed after a resume are dropped here). */
  onEvent: (event: ChatEvent) => void
  /** Text of a plain-text body. */
  onText: (text: string) => void
  /** A plain-text body ended (the parser decides whether its JSON was whole). */
  onEnded: () => void
  /** The stream cannot go on: nothing more will be reported unless resumed. */
  onFailure: (error: ObjectError) => void
  /** Reconnecting after a drop (status `reconnecting`). */
  onReconnecting: () => void
  /** The tab came back or the browser went online while a resumable stream waited: try again. */
  onReconnectChance: () => void
}

/** The connection side of one streamed document: sending, retries, timeouts, resume. */
export interface StreamSession {
  send(input: unknown): Promise<void>
  /** Reconnects with `Last-Event-ID` (Continue). */
  resume(): Promise<void>
  /** Aborts the request and every timer; nothing is reported afterwards. */
  close(): void
}

/**
 * Owns everything with a lifetime while one object streams, with the chat client's rules:
 * retries only before the stream (network, 408, 429, 5xx; `Retry-After` honoured), a
 * first-content and an idle timeout (keep-alives do not count), `seq` de-duplication, and
 * automatic resume of a dropped Rivulet stream from its last event.
 *
 * @example
 * const session = createStreamSession({ transport, recorder, ...handlers })
 * await session.send({ topic: 'cats' })
 */
export function createStreamSession(options: StreamSessionOptions): StreamSession {
  const { transport, recorder, maxReconnects = 3, autoResume = true, firstTokenTimeoutMs = 60_000, idleTimeoutMs = 30_000 } = options
  let controller: AbortController | undefined
  let closed = false
  let streamId: string | undefined
  let format: ObjectStreamFormat | undefined
  let lastSeq = -1
  let textSeq = 0
  let serverRetryMs: number | undefined
  let reconnects = 0
  let gotContent = false
  let firstTokenTimer: ReturnType<typeof setTimeout> | undefined
  let idleTimer: ReturnType<typeof setTimeout> | undefined
  let stopWatching: (() => void) | undefined

  const canResume = () => Boolean(transport.resume && streamId && format === 'rivulet')

  function clearTimers() {
    clearTimeout(firstTokenTimer)
    clearTimeout(idleTimer)
    firstTokenTimer = idleTimer = undefined
  }

  function arm(which: 'first-token' | 'idle') {
    const ms = which === 'first-token' ? firstTokenTimeoutMs : idleTimeoutMs
    if (!ms) return
    const owner = controller
    const timer = setTimeout(() => {
      if (owner === controller && !closed) owner?.abort(new StreamTimeout(which))
    }, ms)
    if (which === 'first-token') firstTokenTimer = timer
    else {
      clearTimeout(idleTimer)
      idleTimer = timer
    }
  }

  function contentArrived() {
    if (!gotContent) {
      gotContent = true
      clearTimeout(firstTokenTimer)
      firstTokenTimer = undefined
    }
    arm('idle')
  }

  function failure(error: ObjectError) {
    if (closed) return
    clearTimers()
    options.onFailure(error)
    if (error.resumable && autoResume) {
      stopWatching = watchForReconnectChance(() => {
        stopWatching = undefined
        options.onReconnectChance()
      })
    }
  }

  function onEvent(owner: AbortController, event: ChatEvent) {
    if (owner !== controller || closed || event.seq <= lastSeq) return
    if (lastSeq >= 0 && event.seq > lastSeq + 1 && event.type !== 'start') recorder.gap()
    lastSeq = event.seq
    recorder.event(event)
    if (event.type === 'start') streamId = event.streamId
    else contentArrived()
    options.onEvent(event)
  }

  function onText(owner: AbortController, text: string) {
    if (owner !== controller || closed) return
    // Metrics count plain-text reads as deltas, so TTFT and deltas/s mean the same for every wire.
    recorder.event({ type: 'object_delta', seq: textSeq++, delta: text })
    contentArrived()
    options.onText(text)
  }

  async function connect(kind: 'send' | 'resume', request: (signal: AbortSignal) => Promise<Response>) {
    const owner = new AbortController()
    controller?.abort()
    controller = owner
    if (kind === 'send') arm('first-token')
    else arm('idle')
    const response = await openResponse(kind, request, owner, {
      ...options,
      isCurrent: () => owner === controller && !closed,
      canResume,
      onRetry: () => {
        recorder.retry()
        options.publishMetrics()
      },
      onFailure: failure,
    })
    if (!response || owner !== controller || closed) return
    if (!response.body) return failure({ code: 'protocol', message: 'The response has no body', resumable: false })
    let outcome: 'terminated' | 'ended-early' | 'ended'
    try {
      outcome = await readObjectBody(response.body, {
        format: format === 'rivulet' && kind === 'resume' ? 'rivulet' : (options.format ?? 'auto'),
        headers: response.headers,
        signal: owner.signal,
        onEvent: (event) => onEvent(owner, event),
        onText: (text) => onText(owner, text),
        onChunk: (bytes) => owner === controller && recorder.chunk(bytes),
        onRetry: (ms) => (serverRetryMs = ms),
        onFormat: (detected) => (format = detected),
      })
    } catch (error) {
      if (owner !== controller || closed) return
      const reason: unknown = owner.signal.reason
      if (reason instanceof StreamTimeout) return broken('timeout', reason.message)
      if (owner.signal.aborted) return
      return broken('network', `The connection dropped (${error instanceof Error ? error.message : String(error)})`)
    }
    if (owner !== controller || closed) return
    if (outcome === 'ended') options.onEnded()
    else if (outcome === 'ended-early') broken('network', 'The stream ended before it finished')
  }

  function broken(code: 'network' | 'timeout', message: string) {
    const resumable = canResume()
    if (resumable && autoResume && reconnects < maxReconnects) return void reconnect()
    failure({ code, message, resumable })
  }

  async function reconnect() {
    reconnects++
    clearTimers()
    recorder.reconnect()
    options.onReconnecting()
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false
    const owner = new AbortController()
    controller?.abort()
    controller = owner
    if (!offline) await sleep(serverRetryMs ?? backoffDelay(reconnects - 1, options.backoff), owner.signal)
    if (owner !== controller || closed) return
    await resumeNow()
  }

  function resumeNow() {
    return connect('resume', (signal) => transport.resume!({ streamId: streamId!, lastEventId: String(lastSeq), signal }))
  }

  return {
    async send(input) {
      recorder.begin()
      options.publishMetrics()
      await connect('send', (signal) => transport.send({ input, signal }))
    },
    async resume() {
      if (!canResume()) return
      stopWatching?.()
      stopWatching = undefined
      closed = false
      recorder.reconnect()
      await resumeNow()
    },
    close() {
      closed = true
      clearTimers()
      stopWatching?.()
      stopWatching = undefined
      controller?.abort()
    },
  }
}
