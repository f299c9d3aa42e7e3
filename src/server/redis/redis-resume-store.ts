import { isTerminalEvent } from '../../protocol/events.ts'
import type { ResumeRead, SharedResumeStore } from '../resume-store.ts'
import { connectOrFail, RedisUnavailableError, type RedisClientLike } from './client.ts'
import { followStream } from './follow.ts'
import { entryId, streamKeys } from './keys.ts'
import { parseEntry } from './parse-entry.ts'
import { createRedisStreamControl } from './stream-control.ts'

export interface RedisResumeStoreOptions {
  /**
   * A node-redis client (`createClient({ url })` from `redis` v5 or v6). Connect it yourself or
   * call `store.ready()`, which connects it and fails clearly when Redis is unreachable.
   */
  client: RedisClientLike
  /** Prefix of every key. @default 'rivulet:' */
  keyPrefix?: string
  /** Events kept per stream (`XADD … MAXLEN ~`, so Redis may keep a few more). @default 2000 */
  maxEvents?: number
  /** A stream's keys expire this long after its last event (fractions allowed). @default 300 */
  ttlSeconds?: number
  /** How long one blocked `XREAD` of a follower waits before checking the stream still exists. @default 2000 */
  blockMs?: number
  /** Time to open a follower's or the subscriber's connection. @default 2000 */
  connectTimeoutMs?: number
}

/** The Redis store: a `SharedResumeStore` plus connection handling. */
export interface RedisResumeStore extends SharedResumeStore {
  /**
   * Connects the client if needed and checks Redis answers; rejects with a
   * `RedisUnavailableError` naming the cause (e.g. `ECONNREFUSED`) after `timeoutMs`.
   */
  ready(timeoutMs?: number): Promise<void>
  /** Closes the connections the store opened itself (not the client you passed). */
  close(): void
}

/**
 * A `ResumeStore` shared by every server instance, over **Redis Streams**: each event is one
 * `XADD … MAXLEN ~ maxEvents` entry with id `1-<seq>` (so a replay is one `XRANGE` from the
 * client's `Last-Event-ID`), keys expire `ttlSeconds` after the last event (`PEXPIRE`), a
 * finished stream stays resumable until then, and a resuming client follows the live stream
 * with `XREAD BLOCK` on its own connection, closed when that client leaves. Keys are
 * hash-tagged `{streamId}`, so it works on Redis Cluster. Also implements `StreamControl`:
 * owners, stop requests by pub/sub, per-owner slots.
 *
 * Commands fail at once while the client is disconnected (instead of queueing without bound),
 * so a producer keeps streaming to its own client when Redis drops, and its recording has a
 * gap that a resuming client reports.
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
  const connectTimeoutMs = options.connectTimeoutMs ?? 2000
  /** When each stream this instance writes last refreshed its TTL: refreshing per event would triple the commands. */
  const refreshedAt = new Map<string, number>()

  function assertReady() {
    if (!client.isReady) throw new RedisUnavailableError('Redis is not connected (the stream store is unavailable).')
  }

  const control = createRedisStreamControl({ client, keyPrefix, ttlMs, connectTimeoutMs, assertReady })

  function keys(streamId: string) {
    return streamKeys(keyPrefix, streamId)
  }

  return {
    ...control,
    async append(streamId, event) {
      assertReady()
      const { events, meta } = keys(streamId)
      const json = JSON.stringify(event)
      const pending = [client.sendCommand(['XADD', events, 'MAXLEN', '~', String(maxEvents), entryId(event.seq), 'e', json])]
      const terminal = isTerminalEvent(event)
      const now = Date.now()
      const last = refreshedAt.get(streamId)
      if (last === undefined) pending.push(client.sendCommand(['HSETNX', meta, 'created', String(now)]))
      if (terminal) pending.push(client.sendCommand(['HSET', meta, 'finished', '1']))
      if (terminal || last === undefined || now - last > ttlMs / 4) {
        pending.push(client.sendCommand(['PEXPIRE', events, String(ttlMs)]), client.sendCommand(['PEXPIRE', meta, String(ttlMs)]))
        refreshedAt.delete(streamId)
        if (!terminal) refreshedAt.set(streamId, now)
        // Streams that never end here (their producer crashed elsewhere) must not pile up.
        if (refreshedAt.size > 10_000) refreshedAt.delete(refreshedAt.keys().next().value!)
      }
      await Promise.all(pending)
    },
    async read(streamId, afterSeq): Promise<ResumeRead | undefined> {
      assertReady()
      const { events, meta } = keys(streamId)
      const [entries, finished, exists] = await Promise.all([
        client.sendCommand(['XRANGE', events, entryId(Math.max(0, afterSeq + 1)), '+']),
        client.sendCommand(['HGET', meta, 'finished']),
        client.sendCommand(['EXISTS', events, meta]),
      ])
      if (Number(exists) === 0) return undefined
      const parsed = Array.isArray(entries) ? entries.map(parseEntry) : []
      return { events: parsed, finished: finished !== null && finished !== undefined }
    },
    async subscribe(streamId, listener, onError) {
      assertReady()
      const k = keys(streamId)
      // Start after the newest entry now: anything appended once subscribe returns is followed.
      const newest = await client.sendCommand(['XREVRANGE', k.events, '+', '-', 'COUNT', '1'])
      const afterId = Array.isArray(newest) && Array.isArray(newest[0]) ? String(newest[0][0]) : '0-0'
      return followStream({ client, keys: k, afterId, blockMs, connectTimeoutMs, listener, onError })
    },
    async expire(streamId) {
      assertReady()
      const { events, meta, stop } = keys(streamId)
      refreshedAt.delete(streamId)
      await client.sendCommand(['DEL', events, meta, stop])
    },
    async ready(timeoutMs = 5000) {
      await connectOrFail(client, timeoutMs)
      await client.sendCommand(['PING'])
    },
    close: control.close,
  }
}
