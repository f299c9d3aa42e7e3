import type { ChatEvent, DoneEvent } from '../../protocol/events.ts'
import type { DecoderOptions, StreamFormat } from '../../protocol/decoders/stream-format.ts'
import type { BackoffOptions } from '../backoff.ts'
import type { ChatStore } from '../chat-store.ts'
import type { ChatMetrics } from '../metrics.ts'
import { watchForReconnectChance } from '../reconnect-triggers.ts'
import type { ChatError, ChatMessage } from '../state.ts'
import type { ChatTransport } from '../transports/transport.ts'
import { forgetTextLogs } from '../text-log.ts'
import { failTurn, prepareContinue, setStatus, stopTurn } from '../turn.ts'
import type { ReadableValue } from '../value-store.ts'
import { errorMessage, openResponse, type RetryPolicy } from './open-response.ts'
import type { ProbeFanOut } from './probe.ts'
import { readBodyWith, type BodyOutcome } from './read-body-core.ts'
import { bodyReader as defaultBodyReader, type BodyReader } from './body-reader-chunk.ts'
import { loadFailure, type LazyChunk } from '../lazy-chunk.ts'
import { continueCursor, reconnectDelay, resumeCursor, resumeRequest } from './resume.ts'
import { sleep } from './sleep.ts'
import { createTurnTimers, TurnTimeout, type TurnTimers } from './turn-timers.ts'

/** What the runner reports (the client turns these into the public `ChatCallbacks`). */
export interface RunnerCallbacks {
  /** Every decoded event, in order, after duplicates are dropped. */
  onEvent(event: ChatEvent): void
  /** A request's stream ended with `done`: the message it wrote into. */
  onStepFinish(message: ChatMessage, event: DoneEvent, metrics: ChatMetrics): void
  /** A request ended with an error: the `ChatError` now in `state.error`. */
  onError(error: ChatError): void
}

/**
 * One request of a turn. A turn is a loop of steps: the first is a `send` (or, for Continue,
 * a `resume`); a stream that breaks while resumable adds a `resume` step. (The agent loop runs
 * its further requests as turns of their own into the same message: see `agent-loop.ts`.)
 */
export type TurnStep = { kind: 'send'; messages: ChatMessage[] } | { kind: 'resume'; auto: boolean }

export interface TurnRunnerOptions {
  store: ChatStore
  transport: ChatTransport
  /** The instrumentation fan-out (metrics, wire log, recording). */
  probe: ProbeFanOut
  /** The published metrics, handed to `onStepFinish`. */
  metrics: ReadableValue<ChatMetrics>
  callbacks: RunnerCallbacks
  format: StreamFormat | 'auto'
  decoder?: DecoderOptions
  retry: RetryPolicy
  maxReconnects: number
  backoff?: BackoffOptions
  firstTokenTimeoutMs: number
  idleTimeoutMs: number
  autoResume: boolean
  /** @internal Where the body reader comes from (a test holds it back or fails it). @default the library's one chunk */
  bodyReader?: LazyChunk<BodyReader>
}

/** Runs turns: one at a time, each a loop of requests, until it settles. */
export interface TurnRunner {
  /** Runs a new turn (the caller has prepared the state); resolves once it settled. */
  run(first: TurnStep): Promise<void>
  /** Continue: resumes a broken stream when `state.error` says it can; resolves once settled. */
  resume(): Promise<void>
  /** Aborts the turn in flight without touching the state; true when there was one. */
  abort(): boolean
  /** Aborts the turn in flight and marks it stopped in the state. */
  stop(): void
}

interface Turn {
  /** The request in flight; replaced per step. Its abort reason says why (a TurnTimeout, or a stop). */
  request: AbortController
  timers: TurnTimers
  /** The wire format, once known. */
  format: StreamFormat | undefined
  /** The server's SSE `retry:` advice, in ms. */
  serverRetryMs: number | undefined
  reconnects: number
}

/**
 * The turn runner: owns the one turn in flight and drives it through its steps — open the
 * response (retries), read the body (decoding), apply events (the reducer keeps the stream
 * cursor), time it (first-token, idle), resume it when it breaks — reporting everything to
 * one probe. Stop, a new send and destroy replace the active turn, so a stale turn never writes.
 */
export function createTurnRunner(options: TurnRunnerOptions): TurnRunner {
  const { store, transport, probe } = options
  const reader = options.bodyReader ?? defaultBodyReader
  // Started now, not at the first response: usually loaded long before one arrives. A failure
  // is not an error yet: the response that needs the reader retries the load and reports it.
  reader.load().catch(() => {})
  let active: Turn | undefined
  let stopWatching: (() => void) | undefined

  const live = (turn: Turn) => active === turn

  function newTurn(format: StreamFormat | undefined, gotContent: boolean): Turn {
    const timers = createTurnTimers({
      firstTokenMs: options.firstTokenTimeoutMs,
      idleMs: options.idleTimeoutMs,
      gotContent,
      onTimeout: (timeout) => {
        if (live(turn)) turn.request.abort(timeout)
      },
    })
    const turn: Turn = { request: new AbortController(), timers, format, serverRetryMs: undefined, reconnects: 0 }
    return turn
  }

  async function run(first: TurnStep): Promise<void> {
    const turn = newTurn(first.kind === 'resume' ? 'rivulet' : undefined, first.kind === 'resume')
    active = turn
    if (first.kind === 'send') {
      probe.begin()
      turn.timers.armFirstToken()
    }
    let step: TurnStep | undefined = first
    while (step && live(turn)) step = await runStep(turn, step)
  }

  /** Runs one request of the turn; returns the step that follows, if any. */
  async function runStep(turn: Turn, step: TurnStep): Promise<TurnStep | undefined> {
    turn.request.abort()
    const request = (turn.request = new AbortController())
    let open: (signal: AbortSignal) => Promise<Response>
    if (step.kind === 'resume') {
      turn.timers.clear()
      if (step.auto) {
        turn.reconnects++
        store.update((state) => setStatus(state, 'reconnecting'))
        await sleep(reconnectDelay(turn.reconnects - 1, turn.serverRetryMs, options.backoff), request.signal)
        if (!live(turn)) return undefined
      }
      const cursor = resumeCursor(store.getState(), transport, 'rivulet')
      if (!cursor) return fail(turn, { code: 'network', message: 'The stream cannot be resumed', resumable: false })
      turn.timers.armIdle()
      probe.reconnect(String(cursor.lastSeq))
      open = resumeRequest(transport, cursor)
    } else {
      const { messages } = step
      open = (signal) => transport.send({ messages, signal })
    }

    const opened = await openResponse(
      {
        kind: step.kind,
        request: open,
        signal: request.signal,
        format: turn.format ?? options.format,
        // A resume that cannot connect leaves the stream as resumable as it was: keep Continue.
        resumableOnNetworkError: step.kind === 'resume' && canResume(turn),
        probe,
      },
      options.retry,
    )
    if (!live(turn)) {
      if (opened.type === 'response') void opened.response.body?.cancel().catch(() => {})
      return undefined
    }
    if (opened.type === 'aborted') {
      if (opened.reason instanceof TurnTimeout) fail(turn, { code: 'timeout', message: opened.reason.message, resumable: false })
      return undefined
    }
    if (opened.type === 'failed') return fail(turn, opened.error)
    const { response } = opened
    if (!response.body) return fail(turn, { code: 'protocol', message: 'The response has no body', resumable: false })

    let read = reader.current()
    if (!read) {
      // The response came before the reader's chunk: its body waits unread meanwhile.
      try {
        read = await reader.load()
      } catch (error) {
        void response.body.cancel().catch(() => {})
        return fail(turn, { code: 'network', message: `Could not load the stream reader (${loadFailure(error)})`, resumable: false })
      }
      if (!live(turn)) {
        void response.body.cancel().catch(() => {})
        return undefined
      }
    }

    let outcome: BodyOutcome
    try {
      outcome = await readBodyWith(read.createBodyDecoderWith, response.body, {
        format: turn.format ?? options.format,
        headers: response.headers,
        decoder: options.decoder,
        onEvent: (event) => applyEvent(turn, event),
        onChunk: (bytes, text) => {
          if (live(turn)) probe.chunk(bytes, text)
        },
        onComment: (text) => probe.comment(text),
        onRetry: (ms) => (turn.serverRetryMs = ms),
        onFormat: (format) => (turn.format = format),
        signal: request.signal,
      })
    } catch {
      // readBody rejects only when the request was aborted: by a timer, or by a stop.
      if (!live(turn)) return undefined
      const reason: unknown = request.signal.reason
      return reason instanceof TurnTimeout ? broken(turn, 'timeout', reason.message) : undefined
    }
    if (!live(turn)) return undefined
    if (outcome.type === 'terminated') return undefined
    const message = outcome.cause === undefined ? 'The stream ended before it finished' : `The connection dropped (${errorMessage(outcome.cause)})`
    return broken(turn, 'network', message)
  }

  function canResume(turn: Turn): boolean {
    return resumeCursor(store.getState(), transport, turn.format) !== undefined
  }

  /** Applies one decoded event and reports it (probe, `onEvent`); ends the step on a terminal event. */
  function applyEvent(turn: Turn, event: ChatEvent) {
    if (!live(turn) || turn.request.signal.aborted) return
    // After a resume the server may replay what we already have: dropped here, once, against
    // the one stream cursor (`state.stream`, which the reducer advances).
    const lastSeq = store.getStream()?.lastSeq ?? -1
    if (event.seq <= lastSeq) return
    store.dispatch(event)
    if (event.type !== 'start') turn.timers.content()
    probe.event(event, lastSeq >= 0 && event.seq > lastSeq + 1 && event.type !== 'start')
    options.callbacks.onEvent(event)
    if (event.type === 'done' || event.type === 'error') settle(turn, event)
  }

  /** A terminal event ended the turn: report it. */
  function settle(turn: Turn, event: ChatEvent) {
    if (!live(turn)) return
    end(turn)
    probe.end({ type: 'finished', event })
    if (event.type === 'done') {
      const state = store.getState()
      const id = state.stream?.messageId
      const message = (id === undefined ? undefined : state.messages.find((m) => m.id === id)) ?? state.messages.at(-1)
      if (message) options.callbacks.onStepFinish(message, event, options.metrics.getSnapshot())
      return
    }
    const error = store.getState().error
    if (error) options.callbacks.onError(error)
  }

  /** The stream broke mid-way: resume it when we can, else keep what arrived and say so. */
  function broken(turn: Turn, code: 'network' | 'timeout', message: string): TurnStep | undefined {
    if (!live(turn)) return undefined
    const resumable = canResume(turn)
    if (resumable && options.autoResume && turn.reconnects < options.maxReconnects) return { kind: 'resume', auto: true }
    return fail(turn, { code, message, resumable })
  }

  /** The client detected a failure: it lands in the state, and `onError` gets exactly what landed. */
  function fail(turn: Turn, error: ChatError): undefined {
    if (!live(turn)) return undefined
    end(turn)
    store.update((state) => failTurn(state, error, Date.now()))
    if (!error.resumable) letGoOfTexts(store)
    probe.end({ type: 'failed', error })
    // The first failure of a turn wins (see failTurn): report only what landed.
    if (store.getState().error !== error) return undefined
    if (error.resumable && options.autoResume) {
      stopWatching = watchForReconnectChance(() => {
        stopWatching = undefined
        void resume()
      })
    }
    options.callbacks.onError(error)
    return undefined
  }

  function end(turn: Turn) {
    turn.timers.clear()
    active = undefined
  }

  function abort(): boolean {
    stopWatching?.()
    stopWatching = undefined
    const turn = active
    if (!turn) return false
    end(turn)
    turn.request.abort()
    return true
  }

  async function resume(): Promise<void> {
    if (!continueCursor(store.getSnapshot(), transport)) return
    abort()
    store.update(prepareContinue)
    await run({ kind: 'resume', auto: false })
  }

  return {
    run,
    resume,
    abort,
    stop() {
      if (!abort()) return
      probe.end({ type: 'stopped' })
      store.update(stopTurn)
      letGoOfTexts(store)
    },
  }
}

/**
 * The streaming message's texts stopped growing (stopped, or failed for good): their logs go,
 * as the reducer lets go of them when a turn is done. Here, not in `stopTurn`/`failTurn`: the
 * logs are the engine's, and those two are in the code every page loads.
 */
function letGoOfTexts(store: ChatStore): void {
  const { stream, messages } = store.getState()
  const message = stream && messages.findLast((m) => m.id === stream.messageId)
  if (message) forgetTextLogs(message.parts)
}
