// @vitest-environment node
/** What a Redis outage does: a clear error at start, an error event (never a hang) mid-resume, corrupt entries. */
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeText } from '../../src/protocol/decoders/decode-stream.ts'
import type { RedisClientLike } from '../../src/server/redis/client.ts'
import { createRedisResumeStore, type RedisResumeStore, type RedisResumeStoreOptions } from '../../src/server/redis/redis-resume-store.ts'
import { RedisUnavailableError } from '../../src/server/redis/client.ts'
import { resumeEventStream } from '../../src/server/resume-event-stream.ts'
import { startEventStream } from '../../src/server/start-event-stream.ts'
import { freePort, redisAvailable, startRedisServer, type RedisServer } from '../support/redis-server.ts'
import { cookieOf, pacedProvider } from '../support/store-pairs.ts'

describe.skipIf(!redisAvailable())('createRedisResumeStore when Redis fails', () => {
  let redis: RedisServer
  const clients: RedisClientLike[] = []
  const stores: RedisResumeStore[] = []

  async function instance(keyPrefix: string, options: Partial<RedisResumeStoreOptions> = {}) {
    const client: RedisClientLike = createClient({ url: redis.url })
    client.on('error', () => {})
    clients.push(client)
    const store = createRedisResumeStore({ client, keyPrefix, blockMs: 300, ...options })
    await store.ready()
    stores.push(store)
    return { client, store }
  }

  beforeAll(async () => {
    redis = await startRedisServer()
  })
  afterAll(async () => {
    for (const store of stores) store.close()
    for (const client of clients) client.destroy()
    await redis?.stop()
  })

  it('fails at start with a RedisUnavailableError naming the cause', async () => {
    const client: RedisClientLike = createClient({ url: `redis://127.0.0.1:${await freePort()}` })
    const store = createRedisResumeStore({ client })
    const failure = store.ready(3000)
    await expect(failure).rejects.toBeInstanceOf(RedisUnavailableError)
    await expect(failure).rejects.toThrow(/Redis is unreachable \(connect ECONNREFUSED/)
    client.destroy()
  })

  it('turns an entry that does not parse into a clean error event at its place', async () => {
    const { client, store } = await instance('corrupt:')
    await store.append('s', { type: 'start', seq: 0, streamId: 's' })
    await store.append('s', { type: 'token', seq: 1, content: 'ok' })
    await client.sendCommand(['XADD', 'corrupt:{s}:events', '1-2', 'e', '{"type":"token","seq":2,"content":'])
    await client.sendCommand(['XADD', 'corrupt:{s}:events', '1-3', 'e', '{"type":"token","seq":3,"content":"after"}'])
    const events = decodeText(await (await resumeEventStream(new Request('http://x/r'), store, { streamId: 's', keepAliveMs: false })).text(), 'rivulet')
    expect(events.map((e) => e.type)).toEqual(['start', 'token', 'error'])
    expect(events[2]).toMatchObject({ seq: 2, code: 'upstream_error', message: 'A recorded event could not be read (entry 1-2).' })
  })

  it('when Redis hangs (connections open, no answers), the resuming client gets a resumable upstream_error, a new resume gets 503, and the producer streams on; nothing recorded is lost once Redis answers again', async () => {
    const hung = { commandTimeoutMs: 1000 }
    const producer = await instance('hang:', hung)
    const resumer = await instance('hang:', hung)
    const provider = pacedProvider(300, 2)
    const response = await startEventStream(new Request('http://x/api/chat', { method: 'POST' }), provider.source, { store: producer.store, keepAliveMs: false })
    const cookie = cookieOf(response)
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    let own = ''
    while (!own.includes('"type":"token"')) own += decoder.decode((await reader.read()).value, { stream: true })
    const streamId = /"streamId":"([^"]+)"/.exec(own)![1]!
    const resumeRequest = () => new Request(`http://x/api/chat/${streamId}/resume`, { headers: { cookie, 'last-event-id': '0' } })

    const resumed = await resumeEventStream(resumeRequest(), resumer.store, { streamId, keepAliveMs: false })
    expect(resumed.status).toBe(200)
    const resumedText = resumed.text()
    while ((own.match(/"type":"token"/g) ?? []).length < 20) own += decoder.decode((await reader.read()).value, { stream: true })
    redis.pause()
    try {
      // The producer's own client gets the whole answer while Redis answers nothing.
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        own += decoder.decode(value, { stream: true })
      }
      const ownEvents = decodeText(own, 'rivulet')
      expect(ownEvents.filter((e) => e.type === 'token')).toHaveLength(300)
      expect(ownEvents.at(-1)).toMatchObject({ type: 'done' })

      const tail = decodeText(await resumedText, 'rivulet')
      expect(tail.at(-1)).toMatchObject({ type: 'error', code: 'upstream_error', resumable: true })
      expect(tail.map((e) => e.seq)).toEqual(tail.map((_, i) => i + 1))

      const refused = await resumeEventStream(resumeRequest(), resumer.store, { streamId, keepAliveMs: false })
      expect(refused.status).toBe(503)
    } finally {
      redis.resume()
    }
    // The writes waited in the client's pipeline (fewer than the recorder's bound): all land, in order.
    let recorded = await resumer.store.read(streamId, -1)
    for (let i = 0; i < 500 && !recorded?.finished; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      recorded = await resumer.store.read(streamId, -1)
    }
    expect(recorded!.events.map((e) => e.seq)).toEqual(Array.from({ length: 302 }, (_, i) => i))
  }, 60_000)

  // Last: it kills the server.
  it('when Redis dies mid-stream, the resuming client gets a resumable upstream_error and its response ends, while the producer streams on to its own client', async () => {
    const producer = await instance('drop:')
    const resumer = await instance('drop:')
    const provider = pacedProvider(400, 5)
    const response = await startEventStream(new Request('http://x/api/chat', { method: 'POST' }), provider.source, { store: producer.store, keepAliveMs: false })
    const cookie = cookieOf(response)
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    let own = ''
    while (!own.includes('"type":"token"')) own += decoder.decode((await reader.read()).value, { stream: true })
    const streamId = /"streamId":"([^"]+)"/.exec(own)![1]!

    const resumed = await resumeEventStream(new Request(`http://x/api/chat/${streamId}/resume`, { headers: { cookie, 'last-event-id': '0' } }), resumer.store, {
      streamId,
      keepAliveMs: false,
    })
    expect(resumed.status).toBe(200)
    const resumedText = resumed.text()
    // Let the follower deliver a few live events, then pull the plug.
    while ((own.match(/"type":"token"/g) ?? []).length < 20) own += decoder.decode((await reader.read()).value, { stream: true })
    await redis.stop()

    const tail = decodeText(await resumedText, 'rivulet')
    expect(tail.at(-1)).toMatchObject({ type: 'error', code: 'upstream_error', resumable: true })
    expect(tail.map((e) => e.seq)).toEqual(tail.map((_, i) => i + 1))

    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      own += decoder.decode(value, { stream: true })
    }
    const ownEvents = decodeText(own, 'rivulet')
    expect(ownEvents.filter((e) => e.type === 'token')).toHaveLength(400)
    expect(ownEvents.at(-1)).toMatchObject({ type: 'done' })
  })
})
