import type { StreamControl } from '../resume-store.ts'
import { connectOrFail, RedisUnavailableError, withDeadline, type RedisClientLike } from './client.ts'
import { slotsKey, streamKeys } from './keys.ts'
import { CLAIM_SCRIPT } from './scripts.ts'

/**
 * Takes a slot atomically, on Redis's clock (instances' clocks may disagree): drop slots whose
 * time ran out (their instance crashed), refuse when `limit` are held, else add this stream.
 * Returns `{1, 0}` or `{0, ms until the soonest slot frees}`.
 */
const ACQUIRE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, tonumber(first[2]) - now}
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {1, 0}
`

export interface RedisStreamControlOptions {
  /** The store's client: its duplicate becomes the subscriber connection. */
  client: RedisClientLike
  /** Sends one command on the store's client, failing when Redis does not answer in time. */
  command: (args: string[]) => Promise<unknown>
  keyPrefix: string
  ttlMs: number
  connectTimeoutMs: number
  /** Throws when the client is not connected, so commands fail fast instead of queueing. */
  assertReady: () => void
}

export interface RedisStreamControl extends StreamControl {
  /** Closes the pub/sub connection stop requests arrive on. */
  close(): void
}

/**
 * Owners, stop requests and concurrency slots in Redis, so they hold across instances. Stops
 * travel by pub/sub on one subscriber connection per store (opened on first use, shared by
 * every stream this instance produces), plus a flag with a TTL for a producer that subscribes
 * after the stop was sent.
 *
 * @example
 * const control = createRedisStreamControl({ client, keyPrefix: 'rivulet:', ttlMs: 300_000, connectTimeoutMs: 2000, assertReady })
 */
export function createRedisStreamControl(options: RedisStreamControlOptions): RedisStreamControl {
  const { client, command, keyPrefix, ttlMs, assertReady } = options
  let subscriber: Promise<RedisClientLike> | undefined
  let subscriberClient: RedisClientLike | undefined

  function subscriberConnection(): Promise<RedisClientLike> {
    subscriber ??= (async () => {
      const connection = client.duplicate()
      connection.on('error', () => {}) // it reconnects and resubscribes by itself
      subscriberClient = connection
      await connectOrFail(connection, options.connectTimeoutMs)
      return connection
    })().catch((error: unknown) => {
      subscriber = undefined
      try {
        subscriberClient?.destroy()
      } catch {
        // never connected
      }
      throw error
    })
    return subscriber
  }

  return {
    async claim(streamId, ownerHash) {
      assertReady()
      // With a first heartbeat: a resume arriving before the first event must not find the producer silent.
      await command(['EVAL', CLAIM_SCRIPT, '1', streamKeys(keyPrefix, streamId).meta, ownerHash, String(Date.now()), String(ttlMs)])
    },
    async owner(streamId) {
      assertReady()
      const owner = await command(['HGET', streamKeys(keyPrefix, streamId).meta, 'owner'])
      return typeof owner === 'string' ? owner : undefined
    },
    async requestStop(streamId) {
      assertReady()
      const { stop } = streamKeys(keyPrefix, streamId)
      await Promise.all([command(['SET', stop, '1', 'PX', String(ttlMs)]), command(['PUBLISH', stop, '1'])])
    },
    async onStopRequest(streamId, listener) {
      assertReady()
      const { stop } = streamKeys(keyPrefix, streamId)
      const connection = await subscriberConnection()
      let heard = false
      const hear = () => {
        if (heard) return
        heard = true
        listener()
      }
      await withDeadline(connection.subscribe(stop, hear), options.connectTimeoutMs, () => new RedisUnavailableError('Redis did not confirm the subscription in time.'))
      // A stop sent before the subscription above took effect left its flag.
      if ((await command(['GET', stop])) !== null) hear()
      return () => {
        connection.unsubscribe(stop, hear).catch(() => {})
      }
    },
    async acquireSlot(ownerKey, streamId, { limit, ttlMs: slotTtlMs }) {
      assertReady()
      const reply = (await command(['EVAL', ACQUIRE_SLOT, '1', slotsKey(keyPrefix, ownerKey), streamId, String(limit), String(Math.ceil(slotTtlMs))])) as unknown[]
      if (Number(reply[0]) === 1) return { ok: true }
      return { ok: false, retryAfter: Math.max(1, Math.ceil(Number(reply[1]) / 1000)) }
    },
    async releaseSlot(ownerKey, streamId) {
      assertReady()
      await command(['ZREM', slotsKey(keyPrefix, ownerKey), streamId])
    },
    close() {
      subscriber = undefined
      try {
        subscriberClient?.destroy()
      } catch {
        // never connected
      }
      subscriberClient = undefined
    },
  }
}
