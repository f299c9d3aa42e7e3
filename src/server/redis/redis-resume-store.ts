import type { ResumeRead, SharedResumeStore } from '../resume-store.ts'
import { createAppendBatcher } from './append-batcher.ts'
import { connectOrFail, RedisUnavailableError, withDeadline, type RedisClientLike } from './client.ts'
import { followStream } from './follow.ts'
import { createHeartbeat } from './heartbeat.ts'
import { entryId, streamKeys } from './keys.ts'
import { parseEntry } from './parse-entry.ts'
import { createRedisStreamControl } from './stream-control.ts'

export interface RedisResumeStoreOptions {
  /**
   * A node-redis client (`createClient({ url })` from `redis` v5 or v6), or an ioredis one
   * through `fromIoredis(new Redis(url))`. Connect it yourself or call `store.ready()`, which
   * connects it and fails clearly when Redis is unreachable.
   */
  client: RedisClientLike
  /** Prefix of every key. @default 'rivulet:' */
  keyPrefix?: string
  /** Events kept per stream (`XADD … MAXLEN ~`, so Redis may keep a few more). @default 2000 */
  maxEvents?: number
  /**
   * A stream's keys expire this long after its last event (fractions allowed): exactly this
   * long after a finished stream's last event, up to a tenth longer while it is unfinished
   * (its TTL is pushed back once per tenth, not on every write). @default 300
   */
  ttlSeconds?: number
  /** How long one blocked `XREAD` of a follower waits before checking on the stream's producer. @default 2000 */
  blockMs?: number
  /** How often this instance refreshes the heartbeat of each stream it produces. @default 2000 */
  heartbeatMs?: number
  /**
   * A follower gives up on an unfinished stream whose producer sent neither an event nor a
   * heartbeat for this long (its instance crashed): the resuming client gets an `error` event.
   * Use the same value on every instance; at least twice `heartbeatMs`. @default 10000
   */
  producerTimeoutMs?: number
  /** Time for Redis to answer a command (beyond a blocked read's own wait) before the request fails. @default 5000 */
  commandTimeoutMs?: number
  /** Time to open a follower's or the subscriber's connection. @default 2000 */
  connectTimeoutMs?: number
  /**
   * Set on Redis Cluster (through a client that routes commands by key): every command then
   * touches the keys of one stream only (one hash tag, one slot). Elsewhere the writes of up to
   * 256 streams share a command, which costs the server far less CPU per event. @default false
   */
  cluster?: boolean
}

/** Streams whose writes share one command off Cluster: a short script (well under a millisecond of Redis's time), few commands. */
const STREAMS_PER_COMMAND = 256

/** The Redis store: a `SharedResumeStore` plus connection handling. */
export interface RedisResumeStore extends SharedResumeStore {
  /**
   * Connects the client if needed and checks Redis answers; rejects with a
   * `RedisUnavailableError` naming the cause (e.g. `ECONNREFUSED`) after `timeoutMs`.
   */
  ready(timeoutMs?: number): Promise<void>
  /** Closes the connections the store opened itself (not the client you passed) and stops its heartbeat timer. */
  close(): void
}

/**
 * A `ResumeStore` shared by every server instance, over **Redis Streams**: each event is one
 * `XADD … MAXLEN ~ maxEvents` entry with id `1-<seq>` (so a replay is one `XRANGE` from the
 * client's `Last-Event-ID`), keys expire `ttlSeconds` after the last event (up to a tenth more while unfinished), a finished stream
 * stays resumable until then, and a resuming client follows the live stream with `XREAD BLOCK`
 * on its own connection, closed when that client leaves. Keys are hash-tagged `{streamId}`, so
 * it works on Redis Cluster (`cluster: true`). Also implements `StreamControl`: owners, stop requests by pub/sub,
 * per-owner slots.
 *
 * Writes are batched: the events all streams produce in one turn of the event loop go out as
 * one command per 256 streams (per stream with `cluster: true`), one round trip, and the
 * producer's own client never waits for them. Most writes are one `XADD` per event in Redis
 * (heartbeats and TTL pushes only when due, see `WRITE` in `scripts.ts`). So a client can
 * hold an event before Redis does (one turn plus a round trip at most); a resume in that
 * window still gets everything once: `subscribe` follows from the newest entry Redis has when
 * it is called, the batch lands whole (one script), and `resumeEventStream` drops by `seq`
 * what the client already has. A producing
 * instance keeps a heartbeat on each of its unfinished streams; a follower elsewhere ends with
 * an error when the heartbeat stops (the producer crashed) instead of waiting until the TTL.
 * Commands fail at once while the client is disconnected (instead of queueing without bound),
 * and requests fail after `commandTimeoutMs` when Redis stops answering.
 *
 * @example
 * import { createClient } from 'redis'
 * import { createRedisResumeStore } from 'rivulet-ui/server/redis'
 * const store = createRedisResumeStore({ client: createClient({ url: process.env.REDIS_URL }) })
 * await store.ready() // throws a clear error when Redis is down
 */
export function createRedisResumeStore(options: RedisResumeStoreOptions): RedisResumeStore {
  const { client } = options
  const keyPrefix = options.keyPrefix ?? 'rivulet:'
  const maxEvents = Math.max(1, Math.floor(options.maxEvents ?? 2000))
  const ttlMs = Math.max(1, Math.round((options.ttlSeconds ?? 300) * 1000))
  const blockMs = options.blockMs ?? 2000
  const heartbeatMs = options.heartbeatMs ?? 2000
  const producerTimeoutMs = options.producerTimeoutMs ?? Math.max(10_000, heartbeatMs * 5)
  const commandTimeoutMs = options.commandTimeoutMs ?? 5000
  const connectTimeoutMs = options.connectTimeoutMs ?? 2000
  if (!(heartbeatMs > 0) || !(producerTimeoutMs >= heartbeatMs * 2)) {
    throw new RangeError(`createRedisResumeStore: producerTimeoutMs (${producerTimeoutMs}) must be at least twice heartbeatMs (${heartbeatMs}), and heartbeatMs above 0.`)
  }

  function assertReady() {
    if (!client.isReady) throw new RedisUnavailableError('Redis is not connected (the stream store is unavailable).')
  }
  /** One command on the shared client, failing instead of hanging when Redis stops answering. */
  function command(args: string[]): Promise<unknown> {
    return withDeadline(client.sendCommand(args), commandTimeoutMs, () => new RedisUnavailableError(`Redis did not answer within ${commandTimeoutMs} ms.`))
  }

  const control = createRedisStreamControl({ client, command, keyPrefix, ttlMs, connectTimeoutMs, assertReady })
  const streamsPerCommand = options.cluster ? 1 : STREAMS_PER_COMMAND
  // Keys live TTL to TTL + a tenth after a stream's last event: pushing the TTL back once per
  // tenth instead of on every write is most of what keeps a write to one XADD in Redis.
  const refreshMs = Math.max(1, Math.round(ttlMs / 10))
  const heartbeat = createHeartbeat({ client, keyPrefix, intervalMs: heartbeatMs, ttlMs, refreshMs, streamsPerCommand })
  const batcher = createAppendBatcher({ client, maxEvents, ttlMs, refreshTtlMs: ttlMs + refreshMs, streamsPerCommand, planWrite: heartbeat.planWrite, failed: heartbeat.failed })

  function keys(streamId: string) {
    return streamKeys(keyPrefix, streamId)
  }

  return {
    ...control,
    // No deadline here: the producer never waits for its writes, and the number in flight is
    // bounded by the response that makes them.
    append: batcher.append,
    async read(streamId, afterSeq): Promise<ResumeRead | undefined> {
      assertReady()
      const { events, meta } = keys(streamId)
      const [entries, finished, exists] = await Promise.all([
        command(['XRANGE', events, entryId(Math.max(0, afterSeq + 1)), '+']),
        command(['HGET', meta, 'finished']),
        command(['EXISTS', events, meta]),
      ])
      if (Number(exists) === 0) return undefined
      const parsed = Array.isArray(entries) ? entries.map(parseEntry) : []
      return { events: parsed, finished: finished !== null && finished !== undefined }
    },
    async subscribe(streamId, listener, onError) {
      assertReady()
      const k = keys(streamId)
      // Start after the newest entry now: anything appended once subscribe returns is followed.
      const newest = await command(['XREVRANGE', k.events, '+', '-', 'COUNT', '1'])
      const afterId = Array.isArray(newest) && Array.isArray(newest[0]) ? String(newest[0][0]) : '0-0'
      return followStream({ client, keys: k, afterId, blockMs, producerTimeoutMs, commandTimeoutMs, connectTimeoutMs, listener, ...(onError && { onError }) })
    },
    async expire(streamId) {
      assertReady()
      const { events, meta, stop } = keys(streamId)
      heartbeat.forget(streamId)
      await command(['DEL', events, meta, stop])
    },
    async ready(timeoutMs = 5000) {
      await connectOrFail(client, timeoutMs)
      await withDeadline(client.sendCommand(['PING']), timeoutMs, () => new RedisUnavailableError(`Redis did not answer PING within ${timeoutMs} ms.`))
    },
    close() {
      heartbeat.close()
      control.close()
    },
  }
}
