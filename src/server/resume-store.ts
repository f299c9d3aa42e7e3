import type { ChatEvent } from '../protocol/events.ts'

/** A value or a promise of it: in-memory stores answer at once, networked ones later. */
export type Awaitable<T> = T | Promise<T>

/** What a store holds for one stream after a given `seq`. */
export interface ResumeRead {
  /** Events with `seq` greater than the one asked for, in order (older ones may have been dropped). */
  events: ChatEvent[]
  /** True once a terminal event (`done` or `error`) has been appended: nothing more will come. */
  finished: boolean
}

/** Called with each event appended after subscribing, in order. */
export type ResumeListener = (event: ChatEvent) => void

/** Called when following a stream fails (a shared store lost its connection): nothing more will come. */
export type ResumeErrorListener = (error: unknown) => void

/**
 * Where `createEventStreamResponse` records a stream so that `resumeEventStream` can replay
 * it to a client that lost its connection, and follow it live until it ends. Four methods.
 * Shipped: `createMemoryResumeStore()` (one instance) and `createRedisResumeStore()` from
 * `rivulet-ui/server/redis` (several instances behind a load balancer; Redis Streams).
 *
 * `resumeEventStream` subscribes before it reads and drops duplicates by `seq`, so an event
 * appended between the two calls is neither lost nor sent twice.
 *
 * @example
 * const store: ResumeStore = createMemoryResumeStore()
 * await store.append('s1', { type: 'start', seq: 0, streamId: 's1' })
 * await store.read('s1', -1) // { events: [start], finished: false }
 */
export interface ResumeStore {
  /**
   * Records the next event of a stream and tells its subscribers. Calls come in `seq` order,
   * one per event, without waiting for the previous call to settle: a store that writes
   * asynchronously must apply them in call order (commands on one connection are). A promise
   * returned settles when the write is done; the producer's client never waits for it.
   */
  append(streamId: string, event: ChatEvent): Awaitable<void>
  /** Events after `afterSeq` (-1 for all), or `undefined` when the stream is unknown or expired. */
  read(streamId: string, afterSeq: number): Awaitable<ResumeRead | undefined>
  /**
   * Follows a stream live; the returned function stops following (and frees what following
   * held, e.g. a blocked Redis connection). `onError` is called at most once if following
   * breaks; no event is delivered after it.
   */
  subscribe(streamId: string, listener: ResumeListener, onError?: ResumeErrorListener): Awaitable<() => void>
  /** Forgets a stream now (its subscribers get nothing more). */
  expire(streamId: string): Awaitable<void>
}

/** The answer of {@link StreamControl.acquireSlot}. */
export type SlotResult = { ok: true } | { ok: false; /** Seconds until a slot is expected to free up. */ retryAfter: number }

/**
 * Connection state shared by every instance that uses the same store: who owns a stream, stop
 * requests, and per-owner concurrency slots. Both shipped stores implement it; the server
 * helpers that need it (`startEventStream`, `handleStopRequest`, the default `authorize`)
 * take a `ResumeStore & StreamControl`.
 *
 * @example
 * await store.claim('s1', ownerHash)
 * const off = await store.onStopRequest('s1', () => controller.abort())
 * await store.requestStop('s1') // from any instance
 */
export interface StreamControl {
  /** Records the owner of a stream (a hash, never the secret itself) before its first event; the stream becomes known. */
  claim(streamId: string, ownerHash: string): Awaitable<void>
  /** The owner hash recorded by `claim`, or `undefined` (no owner, or an unknown or expired stream). */
  owner(streamId: string): Awaitable<string | undefined>
  /** Asks the producer of a stream to stop, wherever it runs. A producer that subscribes later still hears it. */
  requestStop(streamId: string): Awaitable<void>
  /** Calls `listener` once when a stop is requested for the stream; the returned function stops listening. */
  onStopRequest(streamId: string, listener: () => void): Awaitable<() => void>
  /**
   * Takes one of `limit` concurrent slots of an owner for a stream. A slot frees on
   * `releaseSlot` or, if its instance crashed, by itself after `ttlMs`.
   */
  acquireSlot(ownerKey: string, streamId: string, options: { limit: number; ttlMs: number }): Awaitable<SlotResult>
  /** Frees the slot a stream held (no-op when it held none). */
  releaseSlot(ownerKey: string, streamId: string): Awaitable<void>
}

/** A store with everything the ownership, stop and limit helpers need. */
export type SharedResumeStore = ResumeStore & StreamControl
