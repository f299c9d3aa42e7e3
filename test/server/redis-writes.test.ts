// @vitest-environment node
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RedisClientLike } from '../../src/server/redis/client.ts'
import { createRedisResumeStore, type RedisResumeStore } from '../../src/server/redis/redis-resume-store.ts'
import { redisAvailable, startRedisServer, type RedisServer } from '../support/redis-server.ts'

/** What each write of the Redis store costs in Redis, and that no key ever lives without a TTL. */
describe.skipIf(!redisAvailable())('Redis store writes on a real redis-server', () => {
  let redis: RedisServer
  let client: RedisClientLike
  const stores: RedisResumeStore[] = []
  const TTL_MS = 300_000

  beforeAll(async () => {
    redis = await startRedisServer()
    client = createClient({ url: redis.url })
    client.on('error', () => {})
    await client.connect()
  })
  afterAll(async () => {
    for (const store of stores) store.close()
    client?.destroy()
    await redis?.stop()
  })

  // Heartbeat and TTL pushes are due only after 30 s here, so no write below is due one.
  function store(keyPrefix: string) {
    const made = createRedisResumeStore({ client, keyPrefix, ttlSeconds: TTL_MS / 1000, heartbeatMs: 60_000, producerTimeoutMs: 120_000 })
    stores.push(made)
    return made
  }
  const calls = async (command: string) => Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(String(await client.sendCommand(['INFO', 'commandstats'])))?.[1] ?? 0)
  const pttl = (key: string) => client.sendCommand(['PTTL', key]).then(Number)
  const token = (seq: number) => ({ type: 'token' as const, seq, content: String(seq) })

  it('writes a stream’s meta and TTLs with its first events, then only its entries until a heartbeat or a TTL push is due', async () => {
    const s = store('w1:')
    await s.append('a', { type: 'start', seq: 0, streamId: 'a' })
    const before = { hset: await calls('hset'), pexpire: await calls('pexpire'), xadd: await calls('xadd') }
    for (let seq = 1; seq <= 10; seq++) await s.append('a', token(seq)) // one turn, one write each
    expect(await calls('xadd')).toBe(before.xadd + 10)
    expect(await calls('hset')).toBe(before.hset)
    expect(await calls('pexpire')).toBe(before.pexpire)
    // Still within TTL…TTL + a tenth of the last event, and the heartbeat of the first write is there.
    expect(await pttl('w1:{a}:events')).toBeGreaterThan(TTL_MS * 0.5)
    expect(await pttl('w1:{a}:events')).toBeLessThanOrEqual(TTL_MS * 1.1)
    expect(await pttl('w1:{a}:meta')).toBeGreaterThan(TTL_MS * 0.5)
    expect(await client.sendCommand(['HEXISTS', 'w1:{a}:meta', 'beat'])).toBe(1)
    expect((await s.read('a', -1))!.events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  })

  it('gives a finished stream exactly its TTL from the terminal event', async () => {
    const s = store('w2:')
    await s.append('a', token(0))
    await s.append('a', { type: 'done', seq: 1 })
    for (const key of ['w2:{a}:events', 'w2:{a}:meta']) {
      expect(await pttl(key)).toBeLessThanOrEqual(TTL_MS)
      expect(await pttl(key)).toBeGreaterThan(TTL_MS * 0.5)
    }
    expect(await s.read('a', -1)).toEqual({ events: [token(0), { type: 'done', seq: 1 }], finished: true })
  })

  it('writes a stream whole again when its keys vanished under it (Redis restarted empty, evicted): no key without a TTL', async () => {
    const s = store('w3:')
    await s.append('a', token(0))
    await client.sendCommand(['DEL', 'w3:{a}:events', 'w3:{a}:meta'])
    await s.append('a', token(1))
    expect(await pttl('w3:{a}:events')).toBeGreaterThan(TTL_MS * 0.5)
    expect(await pttl('w3:{a}:meta')).toBeGreaterThan(TTL_MS * 0.5)
    expect(await client.sendCommand(['HEXISTS', 'w3:{a}:meta', 'beat'])).toBe(1)
    // Only the events key lost (evicted): the same.
    await client.sendCommand(['DEL', 'w3:{a}:events'])
    await s.append('a', token(2))
    expect(await pttl('w3:{a}:events')).toBeGreaterThan(TTL_MS * 0.5)
    expect((await s.read('a', -1))!.events).toEqual([token(2)])
  })

  it('settles every append once Redis has its entries, across commands of 256 streams, in order even when commands wait for earlier ones', async () => {
    const s = store('w4:')
    // 3,000 streams: more than the streams allowed in flight, so some groups wait and keep collecting.
    const first = Array.from({ length: 3000 }, (_, i) => s.append(`s${i}`, token(0)))
    await new Promise((resolve) => setImmediate(resolve))
    const second = Array.from({ length: 3000 }, (_, i) => s.append(`s${i}`, token(1)))
    await Promise.all([...first, ...second])
    const reads = await Promise.all([0, 255, 256, 1500, 2999].map((i) => s.read(`s${i}`, -1)))
    for (const read of reads) expect(read!.events).toEqual([token(0), token(1)])
    expect(await calls('xadd')).toBeGreaterThanOrEqual(6000)
  })
})
