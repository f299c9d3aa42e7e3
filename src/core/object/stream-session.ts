import type { ChatEvent } from '../../protocol/events.ts'
import { backoffDelay, type BackoffOptions } from '../backoff.ts'
import { errorMessage, openResponse } from '../client/open-response.ts'
import type { ProbeFanOut } from '../client/probe.ts'
import { sleep } from '../client/sleep.ts'
import { createTurnTimers, TurnTimeout } from '../client/turn-timers.ts'
import { watchForReconnectChance } from '../reconnect-triggers.ts'
import type { ObjectTransport } from './object-transport.ts'
import type { ObjectError } from './object-state.ts'
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
  /** The client's instrumentation (metrics): told of requests, retries, chunks, events and reconnects. */
  probe: ProbeFanOut
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
  /** The stream's id once its `start` arrived (what a server-side stop names). */
  streamId(): string | undefined
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
  const { transport, probe, maxReconnects = 3, autoResume = true } = options
  let controller: AbortController | undefined
  let closed = false
  let streamId: string | undefined
  let format: ObjectStreamFormat | undefined
  let lastSeq = -1
  let textSeq = 0
  let serverRetryMs: number | undefined
  let reconnects = 0
  let stopWatching: (() => void) | undefined
  const timers = createTurnTimers({
    firstTokenMs: options.firstTokenTimeoutMs ?? 60_000,
    idleMs: options.idleTimeoutMs ?? 30_000,
    onTimeout: (timeout) => {
      if (!closed) controller?.abort(timeout)
    },
  })

  const canResume = () => Boolean(transport.resume && streamId && format === 'rivulet')

  function failure(error: ObjectError) {
    if (closed) return
    timers.clear()
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
    const gap = lastSeq >= 0 && event.seq > lastSeq + 1 && event.type !== 'start'
    lastSeq = event.seq
    probe.event(event, gap)
    if (event.type === 'start') streamId = event.streamId
    else timers.content()
    options.onEvent(event)
  }

  function onText(owner: AbortController, text: string) {
    if (owner !== controller || closed) return
    // Metrics count plain-text reads as deltas, so TTFT and deltas/s mean the same for every wire.
    probe.event({ type: 'object_delta', seq: textSeq++, delta: text }, false)
    timers.content()
    options.onText(text)
  }

  async function connect(kind: 'send' | 'resume', request: (signal: AbortSignal) => Promise<Response>) {
    const owner = new AbortController()
    controller?.abort()
    controller = owner
    if (kind === 'send') timers.armFirstToken()
    else timers.armIdle()
    const opened = await openResponse(
      { kind, request, signal: owner.signal, format: 'auto', resumableOnNetworkError: kind === 'resume' && canResume(), probe },
      { maxRetries: options.maxRetries ?? 2, maxRetryAfterMs: options.maxRetryAfterMs ?? 20_000, backoff: options.backoff },
    )
    if (owner !== controller || closed) return
    if (opened.type === 'failed') return failure(opened.error)
    if (opened.type === 'aborted') {
      if (opened.reason instanceof TurnTimeout) failure({ code: 'timeout', message: opened.reason.message, resumable: false })
      return
    }
    const response = opened.response
    if (!response.body) return failure({ code: 'protocol', message: 'The response has no body', resumable: false })
    let outcome: 'terminated' | 'ended-early' | 'ended'
    try {
      outcome = await readObjectBody(response.body, {
        format: format === 'rivulet' && kind === 'resume' ? 'rivulet' : (options.format ?? 'auto'),
        headers: response.headers,
        signal: owner.signal,
        onEvent: (event) => onEvent(owner, event),
        onText: (text) => onText(owner, text),
        onChunk: (bytes, text) => owner === controller && probe.chunk(bytes, text),
        onComment: (text) => probe.comment(text),
        onRetry: (ms) => (serverRetryMs = ms),
        onFormat: (detected) => (format = detected),
      })
    } catch (error) {
      if (owner !== controller || closed) return
      const reason: unknown = owner.signal.reason
      if (reason instanceof TurnTimeout) return broken('timeout', reason.message)
      if (owner.signal.aborted) return
      return broken('network', `The connection dropped (${errorMessage(error)})`)
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
    timers.clear()
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
    probe.reconnect(String(lastSeq))
    return connect('resume', (signal) => transport.resume!({ streamId: streamId!, lastEventId: String(lastSeq), signal }))
  }

  return {
    async send(input) {
      probe.begin()
      await connect('send', (signal) => transport.send({ input, signal }))
    },
    async resume() {
      if (!canResume()) return
      stopWatching?.()
      stopWatching = undefined
      closed = false
      await resumeNow()
    },
    streamId: () => streamId,
    close() {
      closed = true
      timers.clear()
      stopWatching?.()
      stopWatching = undefined
      controller?.abort()
    },
  }
}
