import type { ChatEvent, ErrorEvent } from '../protocol/events.ts'
import type { StreamFormat } from '../protocol/decoders/index.ts'
import { backoffDelay, parseRetryAfter, type BackoffOptions } from './backoff.ts'
import { createChatStore, type ChatStore } from './chat-store.ts'
import { createFrameScheduler, type FrameScheduler } from './frame-scheduler.ts'
import { createMetricsRecorder, type ChatMetrics } from './metrics.ts'
import { readEventStream } from './read-event-stream.ts'
import type { ChatError, ChatMessage, ChatState } from './state.ts'
import { beginTurn, failTurn, prepareContinue, prepareRetry, setStatus, stopTurn } from './turn.ts'
import { createHttpTransport, type HttpTransportOptions } from './transports/http-transport.ts'
import type { ChatTransport } from './transports/transport.ts'
import { createValueStore, type ReadableValue } from './value-store.ts'
import { watchForReconnectChance } from './reconnect-triggers.ts'
import type { StreamLogEntry, StreamLogListener } from './stream-log.ts'
import { recordResponse } from '../protocol/recording/record-response.ts'
import type { Recording } from '../protocol/recording/recording.ts'

/** Callbacks may change on every render; the client always calls the latest ones. */
export interface ChatCallbacks {
  /** Every decoded event of the current turn, in order, after duplicates are dropped. */
  onEvent?: (event: ChatEvent) => void
  /** The assistant message finished cleanly. */
  onFinish?: (message: ChatMessage, metrics: ChatMetrics) => void
  /** A turn ended with an error (its partial content stays in the message). */
  onError?: (error: ChatError) => void
}

export interface ChatClientOptions extends ChatCallbacks, Partial<Omit<HttpTransportOptions, 'api'>> {
  /** The chat endpoint (POST). Shorthand for `transport: createHttpTransport({ api, ... })`. */
  api?: string
  /** How to reach the backend; overrides `api`. */
  transport?: ChatTransport
  /** The wire format of the responses. @default 'auto' (from headers and the first frames) */
  format?: StreamFormat | 'auto'
  initialMessages?: ChatMessage[]
  /** Batches store notifications; the default is one per animation frame. */
  scheduler?: FrameScheduler
  /** Retries of a request that failed before streaming began (network, 408, 429, 5xx). @default 2 */
  maxRetries?: number
  /** Reconnections of a stream that broke while streaming (resume with `Last-Event-ID`). @default 3 */
  maxReconnects?: number
  backoff?: BackoffOptions
  /** A `Retry-After` longer than this is not waited for automatically; the error is shown instead. @default 20_000 */
  maxRetryAfterMs?: number
  /** Fail the turn when no content arrives this long after sending (0 disables). @default 60_000 */
  firstTokenTimeoutMs?: number
  /** Fail the turn when content stops for this long; keep-alives do not count (0 disables). @default 30_000 */
  idleTimeoutMs?: number
  /** Reconnect a broken, resumable stream by itself (also when the tab becomes visible or goes online). @default true */
  autoResume?: boolean
  /** A pause between content events longer than this is counted as a stall. @default 2000 */
  stallThresholdMs?: number
  generateId?: () => string
  /**
   * Records every response of every turn (the send, each retry and each resume) and hands
   * over the recording once its body ends — also when it broke or was stopped, marked
   * `truncated`. Save it with `serializeRecording` and replay it with `replayRecording`.
   */
  onRecording?: (recording: Recording, turn: { kind: 'send' | 'resume' }) => void
}

export interface ChatClient {
  getSnapshot(): ChatState
  subscribe(listener: () => void): () => void
  /** Turn metrics, published at most once per frame. */
  metrics: ReadableValue<ChatMetrics>
  /** Sends a user message and streams the answer. A turn in flight is aborted first. */
  send(text: string): Promise<void>
  /** Aborts the turn in flight; its partial content stays. Nothing is written afterwards. */
  stop(): void
  /** Runs the last turn again (a new request with the same user message). */
  retry(): Promise<void>
  /** Picks up a broken stream where it stopped (resume), when the error says it can. */
  continue(): Promise<void>
  setMessages(messages: ChatMessage[]): void
  /** The latest callbacks (used by `useChat` so changing them never restarts the chat). */
  setCallbacks(callbacks: ChatCallbacks): void
  /**
   * Watches the wire: requests, responses, raw chunks, comments, decoded events, retries,
   * reconnects and failures, with timestamps (what `StreamInspector` and recorders show).
   * Costs nothing while nobody observes. Returns the function that stops observing.
   */
  observe(listener: StreamLogListener): () => void
  /** Counts a React commit caused by this chat (called by the React binding). */
  recordCommit(): void
  /** Aborts everything and releases every listener and timer; the client is unusable after. */
  destroy(): void
}

interface Turn {
  controller: AbortController
  lastSeq: number
  streamId: string | undefined
  format: StreamFormat | undefined
  /** Milliseconds the server asked us to wait before reconnecting (`retry:`). */
  serverRetryMs: number | undefined
  reconnects: number
  firstTokenTimer: ReturnType<typeof setTimeout> | undefined
  idleTimer: ReturnType<typeof setTimeout> | undefined
  gotContent: boolean
}

class TurnTimeout extends Error {
  constructor(readonly which: 'first-token' | 'idle') {
    super(which === 'first-token' ? 'No response from the model in time' : 'The stream went silent')
  }
}

const defaultGenerateId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : Math.random().toString(36).slice(2)

/**
 * The headless chat: wires a transport to the decoders, the reducer and the store, and owns
 * everything with a lifetime — requests, retries, resume, timeouts, metrics. Framework-free;
 * `useChat` is a thin adapter over it.
 *
 * @example
 * const chat = createChatClient({ api: '/api/chat' })
 * chat.subscribe(() => render(chat.getSnapshot()))
 * await chat.send('Hello')
 */
export function createChatClient(options: ChatClientOptions = {}): ChatClient {
  const {
    format = 'auto',
    maxRetries = 2,
    maxReconnects = 3,
    maxRetryAfterMs = 20_000,
    firstTokenTimeoutMs = 60_000,
    idleTimeoutMs = 30_000,
    autoResume = true,
    generateId = defaultGenerateId,
  } = options
  const transport = options.transport ?? createHttpTransport({ ...options, api: options.api ?? '/api/chat' })
  let callbacks: ChatCallbacks = { onEvent: options.onEvent, onFinish: options.onFinish, onError: options.onError }

  const scheduler = options.scheduler ?? createFrameScheduler()
  const store: ChatStore = createChatStore({
    scheduler,
    initialState: { messages: options.initialMessages ?? [], status: 'idle', error: undefined, stream: undefined },
  })
  const recorder = createMetricsRecorder({ stallThresholdMs: options.stallThresholdMs })
  // Published now at turn boundaries, and at most once per frame while events stream: the
  // snapshot is built when it is published, never per event.
  const metrics = createValueStore(recorder.snapshot())
  const publishMetrics = () => metrics.set(recorder.snapshot())

  let active: Turn | undefined
  let destroyed = false
  const observers = new Set<StreamLogListener>()
  /** Builds the entry only when someone listens; per-event call sites check `observers.size` first so no closure is made per token. */
  function log(make: () => StreamLogEntry) {
    if (observers.size === 0) return
    const entry = make()
    for (const observer of observers) observer(entry)
  }
  let stopWatching: (() => void) | undefined

  function newTurn(previous?: Turn): Turn {
    return {
      controller: new AbortController(),
      lastSeq: previous?.lastSeq ?? -1,
      streamId: previous?.streamId,
      format: previous?.format,
      serverRetryMs: previous?.serverRetryMs,
      reconnects: previous?.reconnects ?? 0,
      firstTokenTimer: undefined,
      idleTimer: undefined,
      gotContent: previous?.gotContent ?? false,
    }
  }

  /** Stop, a new send and destroy all replace `active`, so a stale turn can never write. */
  function isCurrent(turn: Turn) {
    return !destroyed && active === turn
  }

  function clearTimers(turn: Turn) {
    clearTimeout(turn.firstTokenTimer)
    clearTimeout(turn.idleTimer)
    turn.firstTokenTimer = turn.idleTimer = undefined
  }

  function abortActive() {
    stopWatching?.()
    stopWatching = undefined
    if (!active) return
    clearTimers(active)
    active.controller.abort()
    active = undefined
  }

  function canResume(turn: Turn) {
    return Boolean(transport.resume && turn.streamId && turn.format === 'rivulet')
  }

  function fail(turn: Turn, error: ChatError) {
    if (!isCurrent(turn)) return
    clearTimers(turn)
    active = undefined
    recorder.end()
    store.update((state) => failTurn(state, error, Date.now()))
    publishMetrics()
    log(() => ({ type: 'failed', at: performance.now(), error }))
    if (error.resumable && autoResume) {
      stopWatching = watchForReconnectChance(() => {
        stopWatching = undefined
        void continueTurn()
      })
    }
    callbacks.onError?.(error)
  }

  function armTimeout(turn: Turn, which: 'first-token' | 'idle') {
    const ms = which === 'first-token' ? firstTokenTimeoutMs : idleTimeoutMs
    if (!ms) return
    const timer = setTimeout(() => {
      if (!isCurrent(turn)) return
      turn.controller.abort(new TurnTimeout(which))
    }, ms)
    if (which === 'first-token') turn.firstTokenTimer = timer
    else {
      clearTimeout(turn.idleTimer)
      turn.idleTimer = timer
    }
  }

  function onEvent(turn: Turn, event: ChatEvent) {
    if (!isCurrent(turn) || turn.controller.signal.aborted) return
    // After a resume the server may replay what we already have: drop it here, once.
    if (event.seq <= turn.lastSeq) return
    if (turn.lastSeq >= 0 && event.seq > turn.lastSeq + 1 && event.type !== 'start') recorder.gap()
    turn.lastSeq = event.seq
    recorder.event(event)
    if (event.type === 'start') turn.streamId = event.streamId
    else {
      if (!turn.gotContent) {
        turn.gotContent = true
        clearTimeout(turn.firstTokenTimer)
        turn.firstTokenTimer = undefined
      }
      armTimeout(turn, 'idle')
    }
    store.dispatch(event)
    if (observers.size > 0) log(() => ({ type: 'event', at: performance.now(), event }))
    callbacks.onEvent?.(event)
    if (event.type === 'done' || event.type === 'error') finish(turn, event)
    else scheduler.schedule(publishMetrics)
  }

  function finish(turn: Turn, event: ChatEvent) {
    clearTimers(turn)
    recorder.end()
    publishMetrics()
    active = undefined
    const state = store.getSnapshot()
    if (event.type === 'done') {
      const message = state.messages[state.messages.length - 1]
      if (message) callbacks.onFinish?.(message, recorder.snapshot())
    } else {
      const e = event as ErrorEvent
      callbacks.onError?.({ code: e.code, message: e.message, retryAfter: e.retryAfter, resumable: false })
    }
  }

  /** Opens a response, retrying network failures and 408/429/5xx before any byte of the stream. */
  async function open(
    turn: Turn,
    kind: 'send' | 'resume',
    request: (signal: AbortSignal) => Promise<Response>,
  ): Promise<Response | undefined> {
    for (let attempt = 0; ; attempt++) {
      let response: Response
      try {
        log(() => ({ type: 'request', at: performance.now(), kind, attempt }))
        response = await request(turn.controller.signal)
        if (options.onRecording) response = record(response, kind, turn, options.onRecording)
      } catch (error) {
        if (!isCurrent(turn)) return undefined
        if (turn.controller.signal.aborted) {
          const reason: unknown = turn.controller.signal.reason
          if (reason instanceof TurnTimeout) fail(turn, { code: 'timeout', message: reason.message, resumable: false })
          return undefined
        }
        if (attempt < maxRetries) {
          await retryPause(turn, backoffDelay(attempt, options.backoff))
          continue
        }
        // A resume that cannot connect leaves the stream as resumable as it was: keep Continue.
        fail(turn, { code: 'network', message: `Could not reach the server (${errorMessage(error)})`, resumable: kind === 'resume' && canResume(turn) })
        return undefined
      }
      if (!isCurrent(turn)) {
        void response.body?.cancel().catch(() => {})
        return undefined
      }
      log(() => ({ type: 'response', at: performance.now(), status: response.status, headers: Object.fromEntries(response.headers) }))
      if (response.ok) return response

      const status = response.status
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'))
      const retryable = status === 408 || status === 429 || status >= 500
      if (retryable && attempt < maxRetries && (retryAfterMs ?? 0) <= maxRetryAfterMs) {
        void response.body?.cancel().catch(() => {})
        await retryPause(turn, Math.max(retryAfterMs ?? 0, backoffDelay(attempt, options.backoff)))
        continue
      }
      const text = await response.text().catch(() => '')
      fail(turn, {
        code: status === 429 ? 'rate_limited' : 'http',
        status,
        message: describeHttpFailure(status, text),
        retryAfter: retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000),
        resumable: false,
      })
      return undefined
    }
  }

  function record(response: Response, kind: 'send' | 'resume', turn: Turn, onRecording: NonNullable<ChatClientOptions['onRecording']>): Response {
    const known = kind === 'resume' ? 'rivulet' : (turn.format ?? format)
    const recorded = recordResponse(response, { format: known })
    void recorded.recording.then((recording) => onRecording(recording, { kind }))
    return recorded.response
  }

  async function retryPause(turn: Turn, ms: number) {
    log(() => ({ type: 'retry', at: performance.now(), delayMs: ms }))
    recorder.retry()
    publishMetrics()
    await sleep(ms, turn.controller.signal)
  }

  async function stream(turn: Turn, kind: 'send' | 'resume', request: (signal: AbortSignal) => Promise<Response>) {
    const response = await open(turn, kind, request)
    if (!response || !isCurrent(turn)) return
    if (!response.body) {
      fail(turn, { code: 'protocol', message: 'The response has no body', resumable: false })
      return
    }
    let outcome: 'terminated' | 'ended-early'
    try {
      outcome = await readEventStream(response.body, {
        format: turn.format ?? format,
        headers: response.headers,
        onEvent: (event) => onEvent(turn, event),
        onChunk: (bytes, text) => {
          if (!isCurrent(turn)) return
          recorder.chunk(bytes)
          if (observers.size > 0) log(() => ({ type: 'chunk', at: performance.now(), bytes, text }))
        },
        onComment: (text) => log(() => ({ type: 'comment', at: performance.now(), text })),
        onRetry: (ms) => (turn.serverRetryMs = ms),
        onFormat: (detected) => (turn.format = detected),
        signal: turn.controller.signal,
      })
    } catch (error) {
      if (!isCurrent(turn)) return
      const reason: unknown = turn.controller.signal.reason
      if (reason instanceof TurnTimeout) return broken(turn, 'timeout', reason.message)
      if (turn.controller.signal.aborted) return
      return broken(turn, 'network', `The connection dropped (${errorMessage(error)})`)
    }
    if (outcome === 'ended-early' && isCurrent(turn)) broken(turn, 'network', 'The stream ended before it finished')
  }

  /** The stream broke mid-way: resume it when we can, else keep what arrived and say so. */
  function broken(turn: Turn, code: 'network' | 'timeout', message: string) {
    if (!isCurrent(turn)) return
    const resumable = canResume(turn)
    if (resumable && autoResume && turn.reconnects < maxReconnects) {
      void reconnect(turn)
      return
    }
    fail(turn, { code, message, resumable })
  }

  async function reconnect(previous: Turn) {
    clearTimers(previous)
    const turn = newTurn(previous)
    turn.reconnects++
    previous.controller.abort()
    active = turn
    recorder.reconnect()
    store.update((state) => setStatus(state, 'reconnecting'))
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false
    const wait = turn.serverRetryMs ?? backoffDelay(turn.reconnects - 1, options.backoff)
    if (!offline) await sleep(wait, turn.controller.signal)
    if (!isCurrent(turn)) return
    armTimeout(turn, 'idle')
    log(() => ({ type: 'reconnect', at: performance.now(), lastEventId: String(turn.lastSeq) }))
    await stream(turn, 'resume', (signal) =>
      transport.resume!({ streamId: turn.streamId!, lastEventId: String(turn.lastSeq), signal }),
    )
  }

  async function runTurn(messages: ChatMessage[]) {
    const turn = newTurn()
    active = turn
    recorder.begin()
    publishMetrics()
    armTimeout(turn, 'first-token')
    await stream(turn, 'send', (signal) => transport.send({ messages, signal }))
  }

  async function send(text: string) {
    if (destroyed) return
    abortActive()
    const userMessage: ChatMessage = { id: generateId(), role: 'user', parts: [{ type: 'text', text }] }
    const assistantId = generateId()
    store.update((state) => beginTurn(state, { userMessage, assistantId }))
    await runTurn(store.getSnapshot().messages.filter((m) => m.id !== assistantId))
  }

  async function retry() {
    if (destroyed) return
    abortActive()
    const assistantId = generateId()
    let resent = false
    store.update((state) => {
      const prepared = prepareRetry(state)
      if (!prepared) return state
      resent = true
      return beginTurn(prepared, { assistantId })
    })
    if (resent) await runTurn(store.getSnapshot().messages.filter((m) => m.id !== assistantId))
  }

  async function continueTurn() {
    if (destroyed) return
    const state = store.getSnapshot()
    const cursor = state.stream
    if (!state.error?.resumable || !cursor?.streamId || !transport.resume) return
    abortActive()
    const turn = newTurn()
    turn.streamId = cursor.streamId
    turn.lastSeq = cursor.lastSeq
    turn.format = 'rivulet'
    turn.gotContent = true
    active = turn
    store.update(prepareContinue)
    recorder.reconnect()
    armTimeout(turn, 'idle')
    log(() => ({ type: 'reconnect', at: performance.now(), lastEventId: String(cursor.lastSeq) }))
    await stream(turn, 'resume', (signal) =>
      transport.resume!({ streamId: cursor.streamId!, lastEventId: String(cursor.lastSeq), signal }),
    )
  }

  return {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    metrics,
    send,
    stop() {
      const wasActive = active !== undefined
      abortActive()
      if (wasActive) {
        recorder.end()
        publishMetrics()
        store.update(stopTurn)
        log(() => ({ type: 'stopped', at: performance.now() }))
      }
    },
    retry,
    continue: continueTurn,
    setMessages(messages) {
      abortActive()
      store.update((state) => ({ ...state, messages, status: 'idle', error: undefined, stream: undefined }))
    },
    setCallbacks(next) {
      callbacks = next
    },
    observe(listener) {
      observers.add(listener)
      return () => void observers.delete(listener)
    },
    recordCommit() {
      recorder.commit()
    },
    destroy() {
      abortActive()
      observers.clear()
      destroyed = true
      store.destroy()
      scheduler.cancel(publishMetrics)
      metrics.destroy()
    },
  }
}

function describeHttpFailure(status: number, body: string): string {
  let detail = body.trim()
  try {
    const parsed = JSON.parse(detail) as { error?: { message?: string } | string; message?: string }
    const inner = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message)
    if (inner) detail = inner
  } catch {
    // Not JSON: keep the text.
  }
  if (detail.length > 300) detail = `${detail.slice(0, 300)}…`
  return detail ? `HTTP ${status}: ${detail}` : `HTTP ${status}`
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}
