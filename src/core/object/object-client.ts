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
import { createPartialJsonParser, type PartialJsonParser } from './partial-json-parser.ts'
import { createJsonTextPicker } from '../../protocol/pick-json-text.ts'
import type { ObjectStreamFormat } from './read-object-body.ts'
import { checkWithSchema, type SchemaCheck, type StandardSchemaV1 } from './standard-schema.ts'
import { createStreamSession, type StreamSession } from './stream-session.ts'

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
  const transport = options.transport ?? createObjectHttpTransport({ ...options, api: options.api ?? '/api/object' })
  const scheduler = options.scheduler ?? createFrameScheduler()
  let callbacks: ObjectCallbacks<T> = { onFinish: options.onFinish, onError: options.onError }
  const store = createValueStore<ObjectState<T>>(initialObjectState)
  // The chat client's metrics probe: the same figures, published at most once per frame.
  const metricsProbe = createMetricsProbe({ scheduler, stallThresholdMs: options.stallThresholdMs })
  const probe = fanOut([metricsProbe])
  let doc: Document | undefined
  let destroyed = false

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
    const check = checkWithSchema(options.schema, value)
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

  function begin(): Document {
    abort()
    const current: Document = {
      parser: createPartialJsonParser({ maxDepth: options.maxDepth }),
      pick: createJsonTextPicker(),
      settled: false,
      session: undefined as unknown as StreamSession,
    }
    current.session = createStreamSession({
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
      const current = begin()
      store.set({ object: undefined, error: undefined, status: 'submitted' })
      await current.session.send(input)
    },
    stop() {
      const current = doc
      if (!current || current.settled) return
      const streamId = current.session.streamId()
      if (streamId !== undefined && transport.stop) void transport.stop({ streamId }).catch(() => {})
      settle(current)
      flush({ status: 'ready' })
    },
    clear() {
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
