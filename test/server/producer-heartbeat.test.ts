// @vitest-environment node
/**
 * A producer's heartbeat, on a real redis-server with two store instances: a follower on the
 * second instance waits for a live producer however long it is silent, and ends with an error
 * event (not a hang until the TTL) when the producer's instance "crashes": it stops writing and
 * beating without finishing its stream.
 */
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeText } from '../../src/protocol/decoders/decode-stream.ts'
import type { UnsequencedChatEvent } from '../../src/protocol/events.ts'
import { createEventStreamResponse } from '../../src/server/event-stream-response.ts'
import type { RedisClientLike } from '../../src/server/redis/client.ts'
import { createRedisResumeStore, type RedisResumeStore, type RedisResumeStoreOptions } from '../../src/server/redis/redis-resume-store.ts'
import { resumeEventStream } from '../../src/server/resume-event-stream.ts'
import { redisAvailable, startRedisServer, type RedisServer } from '../support/redis-server.ts'

/** Short deadlines so the tests are quick; the waits around them are generous. */
const TIMING: Partial<RedisResumeStoreOptions> = { blockMs: 200, heartbeatMs: 100, producerTimeoutMs: 2000 }

/** A source the test drives: `push` a token, `finish` to end, or neither (a model thinking, or a dead process). */
function drivenSource() {
  const queue: Array<UnsequencedChatEvent | 'end'> = []
  let wake: (() => void) | undefined
  const put = (item: UnsequencedChatEvent | 'end') => {
    queue.push(item)
    wake?.()
  }
  async function* events(): AsyncGenerator<UnsequencedChatEvent> {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve))
      const item = queue.shift()!
      if (item === 'end') return
      yield item
    }
  }
  return { events: events(), push: (content: string) => put({ type: 'token', content }), finish: () => put('end') }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.skipIf(!redisAvailable())('Redis store: producer heartbeat across instances', () => {
  let redis: RedisServer
  const clients: RedisClientLike[] = []
  const stores: RedisResumeStore[] = []
  let prefixes = 0

  async function instance(keyPrefix: string) {
    const client: RedisClientLike = createClient({ url: redis.url })
    client.on('error', () => {})
    clients.push(client)
    const store = createRedisResumeStore({ client, keyPrefix, ...TIMING })
    await store.ready()
    stores.push(store)
    return { client, store }
  }

  /** A producer on one instance and a resuming client on another, after the first two tokens. */
  async function produceAndResume() {
    const prefix = `hb${++prefixes}:`
    const producer = await instance(prefix)
    const follower = await instance(prefix)
    const source = drivenSource()
    const streamId = `stream-${prefixes}`
    const own = createEventStreamResponse(source.events, { store: producer.store, streamId, keepAliveMs: false, maxDurationMs: false })
    const ownText = own.text()
    source.push('a ')
    source.push('b ')
    // Wait until both tokens are recorded, then resume after the first.
    for (let i = 0; i < 500 && ((await follower.store.read(streamId, -1))?.events.length ?? 0) < 3; i++) await sleep(10)
    const resumed = await resumeEventStream(new Request(`http://x/api/chat/${streamId}/resume`, { headers: { 'last-event-id': '1' } }), follower.store, {
      streamId,
      keepAliveMs: false,
    })
    expect(resumed.status).toBe(200)
    return { producer, follower, streamId, source, ownText, resumedText: resumed.text() }
  }

  beforeAll(async () => {
    redis = await startRedisServer()
  })
  afterAll(async () => {
    for (const store of stores) store.close()
    for (const client of clients) client.destroy()
    await redis?.stop()
  })

  it('rejects a producer timeout shorter than two heartbeats with a clear error', () => {
    const client = createClient() as RedisClientLike
    expect(() => createRedisResumeStore({ client, heartbeatMs: 1000, producerTimeoutMs: 1500 })).toThrow(/producerTimeoutMs \(1500\) must be at least twice heartbeatMs \(1000\)/)
  })

  it('keeps a follower waiting while a live producer is silent for longer than the timeout, then delivers the rest', async () => {
    const { source, ownText, resumedText } = await produceAndResume()
    // Silent (the model "thinks") for twice producerTimeoutMs: only heartbeats keep it alive.
    await sleep(TIMING.producerTimeoutMs! * 2)
    source.push('c ')
    source.finish()
    const resumed = decodeText(await resumedText, 'rivulet')
    expect(resumed.map((e) => e.type)).toEqual(['token', 'token', 'done'])
    expect(resumed.map((e) => e.seq)).toEqual([2, 3, 4])
    expect(decodeText(await ownText, 'rivulet').at(-1)).toEqual({ type: 'done', seq: 4 })
  }, 30_000)

  it('ends a follower with a non-resumable upstream_error when the producer’s instance crashes without finishing', async () => {
    const { producer, follower, streamId, source, ownText, resumedText } = await produceAndResume()
    // The "crash": the producing instance stops writing and beating, and its stream never ends.
    producer.store.close()
    producer.client.destroy()
    const resumed = decodeText(await resumedText, 'rivulet')
    expect(resumed.map((e) => e.seq)).toEqual([2, 3])
    expect(resumed.at(-1)).toMatchObject({ type: 'error', code: 'upstream_error', message: 'The stream stopped: the server producing it went away.' })
    expect(resumed.at(-1)).not.toHaveProperty('resumable')
    // A later resume of the dead stream replays what was recorded and ends the same way.
    const again = await resumeEventStream(new Request(`http://x/api/chat/${streamId}/resume`), follower.store, { streamId, keepAliveMs: false })
    const replayed = decodeText(await again.text(), 'rivulet')
    expect(replayed.map((e) => e.type)).toEqual(['start', 'token', 'token', 'error'])
    expect(replayed.at(-1)).toMatchObject({ code: 'upstream_error', message: 'The stream stopped: the server producing it went away.' })
    source.finish() // let the orphaned in-process response end (its recording fails: the client is gone)
    expect(decodeText(await ownText, 'rivulet').at(-1)).toMatchObject({ type: 'done' })
  }, 30_000)
})
