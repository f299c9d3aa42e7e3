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

/**
 * Where `createEventStreamResponse` records a stream so that `resumeEventStream` can replay
 * it to a client that lost its connection, and follow it live until it ends. Four methods, so
 * a store shared by several server instances is a page of code.
 *
 * **A Redis-backed store**, for servers behind a load balancer (the resume GET may land on
 * another instance than the POST that produced the stream):
 * - `append`: `RPUSH rivulet:{id} <json>` then `LTRIM rivulet:{id} -N -1` (keep the last N)
 *   and `EXPIRE rivulet:{id} <ttl>`, in one `MULTI`; then `PUBLISH rivulet:{id} <json>`.
 * - `read`: `LRANGE rivulet:{id} 0 -1`, parse, keep `seq > afterSeq`; `finished` when the last
 *   one is `done` or `error`; `undefined` when the key does not exist.
 * - `subscribe`: `SUBSCRIBE rivulet:{id}` on a dedicated connection, parse each message and
 *   call the listener; return a function that unsubscribes.
 * - `expire`: `DEL rivulet:{id}`.
 *
 * `resumeEventStream` subscribes before it reads and drops duplicates by `seq`, so an event
 * published between the two calls is neither lost nor sent twice.
 *
 * @example
 * const store: ResumeStore = createMemoryResumeStore()
 * await store.append('s1', { type: 'start', seq: 0, streamId: 's1' })
 * await store.read('s1', -1) // { events: [start], finished: false }
 */
export interface ResumeStore {
  /** Records the next event of a stream and tells its subscribers. Events arrive in `seq` order. */
  append(streamId: string, event: ChatEvent): Awaitable<void>
  /** Events after `afterSeq` (-1 for all), or `undefined` when the stream is unknown or expired. */
  read(streamId: string, afterSeq: number): Awaitable<ResumeRead | undefined>
  /** Follows a stream live; the returned function stops following. */
  subscribe(streamId: string, listener: ResumeListener): Awaitable<() => void>
  /** Forgets a stream now (its subscribers get nothing more). */
  expire(streamId: string): Awaitable<void>
}
