// @vitest-environment node
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryResumeStore } from '../../src/server/memory-resume-store.ts'
import { createRedisResumeStore } from '../../src/server/redis/redis-resume-store.ts'
import type { RedisClientLike } from '../../src/server/redis/client.ts'
import { redisAvailable, startRedisServer, type RedisServer } from '../support/redis-server.ts'
import { describeStoreContract } from '../support/resume-store-contract.ts'

describeStoreContract('createMemoryResumeStore', () => {
  let clock = 1_000_000
  return {
    ttlMs: 1000,
    async make(options = {}) {
      const store = createMemoryResumeStore({ now: () => clock, ...(options.ttlMs && { ttlMs: options.ttlMs }), ...(options.maxEvents && { maxEvents: options.maxEvents }) })
      return { store, twin: async () => store }
    },
    async elapse(ms) {
      clock += ms
    },
  }
})

describe.skipIf(!redisAvailable())('createRedisResumeStore on a real redis-server', () => {
  let redis: RedisServer
  const clients: RedisClientLike[] = []
  const stores: Array<{ close(): void }> = []
  let prefixes = 0

  async function connect(): Promise<RedisClientLike> {
    const client: RedisClientLike = createClient({ url: redis.url })
    client.on('error', () => {})
    clients.push(client)
    await client.connect()
    return client
  }

  beforeAll(async () => {
    redis = await startRedisServer()
  })
  afterAll(async () => {
    for (const store of stores) store.close()
    for (const client of clients) client.destroy()
    await redis?.stop()
  })

  describeStoreContract('createRedisResumeStore', () => ({
    ttlMs: 1000,
    async make(options = {}) {
      const keyPrefix = `t${++prefixes}:`
      const settings = { keyPrefix, ...(options.ttlMs && { ttlSeconds: options.ttlMs / 1000 }), ...(options.maxEvents && { maxEvents: options.maxEvents }) }
      const store = createRedisResumeStore({ client: await connect(), ...settings })
      stores.push(store)
      return {
        store,
        twin: async () => {
          const other = createRedisResumeStore({ client: await connect(), ...settings })
          stores.push(other)
          return other
        },
      }
    },
    elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  }))

  it('hash-tags every key of a stream with {streamId} so they share a Redis Cluster slot', async () => {
    const client = await connect()
    const store = createRedisResumeStore({ client, keyPrefix: 'tag:' })
    await store.claim('s-1', 'h')
    await store.append('s-1', { type: 'start', seq: 0, streamId: 's-1' })
    await store.requestStop('s-1')
    const keys = ((await client.sendCommand(['KEYS', 'tag:*'])) as string[]).sort()
    expect(keys).toEqual(['tag:{s-1}:events', 'tag:{s-1}:meta', 'tag:{s-1}:stop'])
  })
})
