import type { StreamPolicyOptions } from '../client/stream-policy-options.ts'
import type { ChatEvent, ErrorEvent } from '../../protocol/events.ts'
import { createFrameScheduler } from '../frame-scheduler.ts'
import { createMetricsProbe } from '../client/metrics-probe.ts'
import { fanOut } from '../client/probe.ts'
import type { ChatMetrics } from '../metrics.ts'
import type { HttpTransportOptions } from '../transports/http-transport.ts'
import { createValueStore, type ReadableValue } from '../value-store.ts'
import { createObjectHttpTransport, type ObjectTransport } from './object-transport.ts'
import { initialObjectState, type DeepPartial, type ObjectError, type ObjectState } from './object-state.ts'
import type { PartialJsonParser } from './partial-json-types.ts'
import type { ObjectStreamFormat } from './read-object-body.ts'
import type { SchemaCheck, StandardSchemaV1 } from './standard-schema.ts'
import type { StreamSession } from './stream-session.ts'
import { loadFailure, type LazyChunk } from '../lazy-chunk.ts'
import { objectEngine, type ObjectEngine } from './object-engine-chunk.ts'

/** Callbacks may change on every render; the client always calls the latest ones. */
export interface ObjectCallbacks<T> {
  /** The stream ended: `object` is the schema's output (or the parsed value without a schema), `error` why there is none. */
  onFinish?: (result: { object: T | undefined; error: ObjectError | undefined }) => void
  /** A stream failed; the partial object stays in the state. */
  onError?: (error: ObjectError) => void
}

export interface ObjectClientOptions<T = unknown> extends ObjectCallbacks<T>, StreamPolicyOptions, Partial<Omit<HttpTransportOptions, 'api' | 'prepareBody'>> {
  /** The endpoint (POST, body = the submitted input as JSON). @default '/api/object' */
  api?: string
  /** How to reach the backend; overrides `api`. */
  transport?: ObjectTransport
  /** Any Standard Schema (zod 4, valibot, arktype…): checks the final object, never the partial ones. */
  schema?: StandardSchemaV1<unknown, T>
  /** @default 'auto' (an event stream by its content type, plain JSON text otherwise) */
  format?: ObjectStreamFormat | 'auto'
  /** Deepest nesting accepted before the stream fails with `invalid_json`. @default 1000 */
  maxDepth?: number
}

/** The members only the React binding uses, under symbol-like `~` names (as the chat client's). */
export interface ObjectClientInternals<T = unknown> {
  /** @internal The latest callbacks (used by `useObject` so changing them never restarts the stream). */
  '~setCallbacks'(callbacks: ObjectCallbacks<T>): void
  /** @internal Counts a React commit caused by this client (the `commits` metric). */
  '~recordCommit'(): void
}

export interface ObjectClient<T = unknown> extends ReadableValue<ObjectState<T>>, ObjectClientInternals<T> {
  /** Stream metrics, published at most once per frame. */
  metrics: ReadableValue<ChatMetrics>
  /** Sends `input` and streams the object. A stream in flight is aborted first. */
  submit(input: unknown): Promise<void>
  /**
   * Aborts the stream; the partial object stays (not validated) and status is `ready`. A Rivulet
   * stream that had started is also stopped on the server (`POST ${api}/${streamId}/stop`,
   * fire and forget), so one it keeps alive for resume stops costing tokens.
   */
  stop(): void
  /** Aborts the stream and forgets the object and error. */
  clear(): void
  /** Picks up a broken Rivulet stream where it stopped, when the error says it can. */
  continueStream(): Promise<void>
  /** @deprecated Use `continueStream` (`continue` is a reserved word: it cannot be destructured), as on the chat client. */
  continue(): Promise<void>
  /** Aborts everything and releases listeners and timers. */
  destroy(): void
}

/** One streamed document: it outlives reconnections, which append to the same parser. */
interface Document {
  engine: ObjectEngine
  parser: PartialJsonParser
  pick: (event: ChatEvent) => string | undefined
  session: StreamSession
  /** Set once the stream has ended one way or another; later reads are ignored. */
  settled: boolean
}

/**
 * The framework-free structured-output client: streams a JSON document from a backend (plain
 * JSON text, Rivulet `object_delta` events, or OpenAI/Anthropic structured output) through the
 * incremental partial-JSON parser, and publishes `{ object, error, status }` at most once per
 * animation frame, building the partial object once per frame with structural sharing. The
 * final object is checked against `schema`; a mismatch is an error that keeps the object shown.
 *
 * @example
 * const client = createObjectClient({ api: '/api/recipe', schema: Recipe })
 * client.subscribe(() => render(client.getSnapshot().object))
 * await client.submit({ dish: 'soup' })
 */
export function createObjectClient<T = unknown>(options: ObjectClientOptions<T> = {}): ObjectClient<T> {
  return createObjectClientWith(objectEngine, options)
}

/**
 * `createObjectClient` with the chunk its engine comes from: internal, so a test can hold the
 * chunk back or fail it without mocking modules.
 */
export function createObjectClientWith<T = unknown>(engineChunk: LazyChunk<ObjectEngine>, options: ObjectClientOptions<T> = {}): ObjectClient<T> {
  // Started now, not at the first submit: usually loaded before anything is submitted. A
  // failure is not an error yet: the submit that needs the engine retries and reports it.
  engineChunk.load().catch(() => {})
  const transport = options.transport ?? createObjectHttpTransport({ ...options, api: options.api ?? '/api/object' })
  const scheduler = options.scheduler ?? createFrameScheduler()
  let callbacks: ObjectCallbacks<T> = { onFinish: options.onFinish, onError: options.onError }
  const store = createValueStore<ObjectState<T>>(initialObjectState)
  // The chat client's metrics probe: the same figures, published at most once per frame.
  const metricsProbe = createMetricsProbe({ scheduler, stallThresholdMs: options.stallThresholdMs })
  const probe = fanOut([metricsProbe])
  let doc: Document | undefined
  let destroyed = false
  /** Bumped by every submit, stop, clear and destroy: a submit still waiting for the engine's chunk is dropped when it moved. */
  let submits = 0
  /** A submit waits for the engine's chunk (the first one in this page). */
  let loading = false

  function set(patch: Partial<ObjectState<T>>) {
    const state = store.getSnapshot()
    const next = { ...state, ...patch }
    if (next.object !== state.object || next.error !== state.error || next.status !== state.status) store.set(next)
  }

  /**
   * Builds the partial object — once per frame at most; the parser did only O(delta) work per
   * delta — and publishes it with `patch` as one update.
   */
  function flush(patch: Partial<ObjectState<T>> = {}) {
    if (!doc) return
    const object = doc.parser.value() as DeepPartial<T> | undefined
    const status = store.getSnapshot().status
    set({ object, status: status === 'submitted' || status === 'reconnecting' ? 'streaming' : status, ...patch })
  }

  const scheduledFlush = () => flush()

  function settle(current: Document) {
    current.settled = true
    current.session.close()
    scheduler.cancel(scheduledFlush)
    // The metrics probe needs only the moment the stream ended, not why.
    probe.end({ type: 'stopped' })
  }

  function fail(current: Document, error: ObjectError) {
    if (doc !== current || current.settled) return
    settle(current)
    flush({ error, status: 'error' })
    callbacks.onError?.(error)
  }

  function finish(current: Document) {
    if (doc !== current || current.settled) return
    current.parser.end()
    const parseError = current.parser.error
    if (parseError) return fail(current, { code: 'invalid_json', message: parseError.message, position: parseError.position, resumable: false })
    settle(current)
    const value = current.parser.value()
    if (!options.schema) {
      flush({ status: 'ready' })
      return callbacks.onFinish?.({ object: value as T, error: undefined })
    }
    const check = current.engine.checkWithSchema(options.schema, value)
    if (check instanceof Promise) {
      flush()
      void check.then((result) => doc === current && !destroyed && checked(result))
    } else checked(check)
  }

  function checked(check: SchemaCheck<T>) {
    if (check.ok) {
      flush({ status: 'ready' })
      return callbacks.onFinish?.({ object: check.value, error: undefined })
    }
    const error: ObjectError = { code: 'schema', message: check.message, issues: check.issues, resumable: false }
    flush({ error, status: 'error' })
    callbacks.onError?.(error)
    callbacks.onFinish?.({ object: undefined, error })
  }

  function onText(current: Document, text: string) {
    if (doc !== current || current.settled) return
    current.parser.append(text)
    const error = current.parser.error
    if (error) return fail(current, { code: 'invalid_json', message: error.message, position: error.position, resumable: false })
    scheduler.schedule(scheduledFlush)
  }

  function onEvent(current: Document, event: ChatEvent) {
    if (doc !== current || current.settled) return
    if (event.type === 'error') {
      const e = event as ErrorEvent
      return fail(current, { code: e.code, message: e.message, retryAfter: e.retryAfter, resumable: false })
    }
    if (event.type === 'done') return finish(current)
    const text = current.pick(event)
    if (text) onText(current, text)
  }

  function begin(engine: ObjectEngine): Document {
    abort()
    const current: Document = {
      engine,
      parser: engine.createPartialJsonParser({ maxDepth: options.maxDepth }),
      pick: engine.createJsonTextPicker(),
      settled: false,
      session: undefined as unknown as StreamSession,
    }
    current.session = engine.createStreamSession({
      ...options,
      transport,
      probe,
      onEvent: (event) => onEvent(current, event),
      onText: (text) => onText(current, text),
      onEnded: () => finish(current),
      onFailure: (error) => fail(current, error),
      onReconnecting: () => set({ status: 'reconnecting' }),
      onReconnectChance: () => void client.continueStream(),
    })
    doc = current
    return current
  }

  function abort() {
    if (!doc) return
    doc.session.close()
    scheduler.cancel(scheduledFlush)
  }

  async function continueStream() {
    const current = doc
    const error = store.getSnapshot().error
    if (destroyed || !current || !error?.resumable) return
    current.settled = false
    set({ error: undefined, status: 'reconnecting' })
    await current.session.resume()
  }

  const client: ObjectClient<T> = {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    metrics: metricsProbe.metrics,
    async submit(input) {
      if (destroyed) return
      const ticket = ++submits
      let engine = engineChunk.current()
      if (!engine) {
        // The first submit in this page: `submitted` at once, the request once the chunk is in.
        abort()
        store.set({ object: undefined, error: undefined, status: 'submitted' })
        loading = true
        try {
          engine = await engineChunk.load()
        } catch (error) {
          if (ticket !== submits) return
          loading = false
          const failure: ObjectError = { code: 'network', message: `could not load the object stream parser: ${loadFailure(error)}`, resumable: false }
          set({ error: failure, status: 'error' })
          callbacks.onError?.(failure)
          return
        }
        if (ticket !== submits) return
        loading = false
      }
      const current = begin(engine)
      store.set({ object: undefined, error: undefined, status: 'submitted' })
      await current.session.send(input)
    },
    stop() {
      submits++
      if (loading) {
        // Stopped before the request went out: nothing to tell the server.
        loading = false
        return set({ status: 'ready' })
      }
      const current = doc
      if (!current || current.settled) return
      const streamId = current.session.streamId()
      if (streamId !== undefined && transport.stop) void transport.stop({ streamId }).catch(() => {})
      settle(current)
      flush({ status: 'ready' })
    },
    clear() {
      submits++
      loading = false
      abort()
      doc = undefined
      store.set(initialObjectState)
    },
    continueStream,
    continue: continueStream,
    '~setCallbacks'(next) {
      callbacks = next
    },
    '~recordCommit'() {
      metricsProbe.commit()
    },
    destroy() {
      submits++
      loading = false
      abort()
      destroyed = true
      doc = undefined
      scheduler.cancel(scheduledFlush)
      metricsProbe.destroy()
      store.destroy()
    },
  }
  return client
}
