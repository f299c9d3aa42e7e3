// @vitest-environment node
/**
 * `fromIoredis` on a real redis-server, through an ioredis-shaped client (see
 * test/support/ioredis-shim.ts: ioredis itself is not installed, the shim gives its surface over
 * node-redis). The store passes the same contract suite as with node-redis, and a node-redis
 * instance and an ioredis-adapted one share streams.
 */
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeText } from '../../src/protocol/decoders/decode-stream.ts'
import type { RedisClientLike } from '../../src/server/redis/client.ts'
import { fromIoredis } from '../../src/server/redis/ioredis.ts'
import { createRedisResumeStore, type RedisResumeStore } from '../../src/server/redis/redis-resume-store.ts'
import { resumeEventStream } from '../../src/server/resume-event-stream.ts'
import { startEventStream } from '../../src/server/start-event-stream.ts'
import { handleStopRequest } from '../../src/server/stop-request.ts'
import { ioredisShim } from '../support/ioredis-shim.ts'
import { redisAvailable, startRedisServer, type RedisServer } from '../support/redis-server.ts'
import { describeStoreContract } from '../support/resume-store-contract.ts'
import { cookieOf, pacedProvider } from '../support/store-pairs.ts'

describe.skipIf(!redisAvailable())('createRedisResumeStore with fromIoredis', () => {
  let redis: RedisServer
  const clients: RedisClientLike[] = []
  const stores: RedisResumeStore[] = []
  let prefixes = 0

  function adapted(): RedisClientLike {
    const client = fromIoredis(ioredisShim(redis.url))
    client.on('error', () => {})
    clients.push(client)
    return client
  }

  async function store(client: RedisClientLike, keyPrefix: string, settings: object = {}) {
    const made = createRedisResumeStore({ client, keyPrefix, blockMs: 300, ...settings })
    await made.ready()
    stores.push(made)
    return made
  }

  beforeAll(async () => {
    redis = await startRedisServer()
  })
  afterAll(async () => {
    for (const made of stores) made.close()
    for (const client of clients) client.destroy()
    await redis?.stop()
  })

  describeStoreContract('fromIoredis', () => ({
    ttlMs: 1000,
    async make(options = {}) {
      const keyPrefix = `io${++prefixes}:`
      const settings = { ...(options.ttlMs && { ttlSeconds: options.ttlMs / 1000 }), ...(options.maxEvents && { maxEvents: options.maxEvents }) }
      return { store: await store(adapted(), keyPrefix, settings), twin: () => store(adapted(), keyPrefix, settings) }
    },
    elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  }))

  it('shares streams with a node-redis instance: produced on one, resumed and stopped on the other', async () => {
    const nodeRedis: RedisClientLike = createClient({ url: redis.url })
    nodeRedis.on('error', () => {})
    clients.push(nodeRedis)
    const producer = await store(nodeRedis, 'mixed:')
    const resumer = await store(adapted(), 'mixed:')
    const provider = pacedProvider(10_000, 5)
    const response = await startEventStream(new Request('http://x/api/chat', { method: 'POST' }), provider.source, { store: producer, keepAliveMs: false })
    const cookie = cookieOf(response)
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    let own = ''
    while ((own.match(/"type":"token"/g) ?? []).length < 3) own += decoder.decode((await reader.read()).value, { stream: true })
    const streamId = /"streamId":"([^"]+)"/.exec(own)![1]!

    const resumed = await resumeEventStream(new Request(`http://x/r`, { headers: { cookie, 'last-event-id': '0' } }), resumer, { streamId, keepAliveMs: false })
    expect(resumed.status).toBe(200)
    const resumedText = resumed.text()
    const stop = await handleStopRequest(new Request(`http://x/api/chat/${streamId}/stop`, { method: 'POST', headers: { cookie } }), resumer, { streamId })
    expect(stop.status).toBe(204)

    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      own += decoder.decode(value, { stream: true })
    }
    const ownEvents = decodeText(own, 'rivulet')
    expect(ownEvents.at(-1)).toMatchObject({ type: 'done', finishReason: 'other' })
    expect(provider.state.aborted).toBe(true)
    // The resumed copy is the same stream from seq 1 on, ending the same way.
    const tail = decodeText(await resumedText, 'rivulet')
    expect(tail).toEqual(ownEvents.slice(1))
  }, 30_000)
})
