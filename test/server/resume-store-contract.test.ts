// @vitest-environment node
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryResumeStore } from '../../src/server/memory-resume-store.ts'
import { createRedisResumeStore } from '../../src/server/redis/redis-resume-store.ts'
import type { RedisClientLike } from '../../src/server/redis/client.ts'
import { redisAvailable, startRedisServer, type RedisServer } from '../support/redis-server.ts'
import { describeStoreContract, eventually } from '../support/resume-store-contract.ts'

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

  for (const cluster of [false, true])
    describeStoreContract(`createRedisResumeStore${cluster ? ' (cluster: true, one stream per command)' : ''}`, () => ({
      ttlMs: 1000,
      async make(options = {}) {
        const keyPrefix = `t${++prefixes}:`
        const settings = { keyPrefix, cluster, ...(options.ttlMs && { ttlSeconds: options.ttlMs / 1000 }), ...(options.maxEvents && { maxEvents: options.maxEvents }) }
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

  it('writes what many streams append in one turn with one command per 256 streams (one per stream with cluster: true)', async () => {
    const client = await connect()
    const evalCalls = async () => Number(/cmdstat_eval:calls=(\d+)/.exec(String(await client.sendCommand(['INFO', 'commandstats'])))?.[1] ?? 0)
    for (const cluster of [false, true]) {
      const store = createRedisResumeStore({ client, keyPrefix: `batch-${cluster}:`, cluster })
      stores.push(store)
      const before = await evalCalls()
      await Promise.all(Array.from({ length: 300 }, (_, i) => store.append(`s${i}`, { type: 'token', seq: 0, content: String(i) })))
      expect((await evalCalls()) - before).toBe(cluster ? 300 : 2)
      expect(await store.read('s299', -1)).toEqual({ events: [{ type: 'token', seq: 0, content: '299' }], finished: false })
    }
  })

  it('follows on one blocked connection per subscriber and closes it when the subscriber leaves', async () => {
    const client = await connect()
    const store = createRedisResumeStore({ client, keyPrefix: 'conn:', blockMs: 300 })
    stores.push(store)
    const connections = async () => Number(/connected_clients:(\d+)/.exec(String(await client.sendCommand(['INFO', 'clients'])))?.[1])
    const before = await connections()
    const seen: number[] = []
    const offs = [await store.subscribe('s', (e) => seen.push(e.seq)), await store.subscribe('s', (e) => seen.push(e.seq))]
    let now = before
    const deadline = Date.now() + 5000
    while (now < before + 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10))
      now = await connections()
    }
    expect(now).toBe(before + 2)
    await store.append('s', { type: 'token', seq: 0, content: 'a' })
    await eventually(() => seen.length, (n) => n === 2, 'both followers got the event')
    for (const off of offs) off()
    while (now > before && Date.now() < deadline + 5000) {
      await new Promise((resolve) => setTimeout(resolve, 10))
      now = await connections()
    }
    expect(now).toBe(before)
  })
})
