/**
 * Two "instances" sharing one store, for tests that must hold across instances: the memory store
 * (one process: both instances are the same object) and the Redis store (two clients, two store
 * objects, one real redis-server).
 */
import { createClient } from 'redis'
import { afterAll, beforeAll } from 'vitest'
import { decodeText } from '../../src/protocol/decoders/decode-stream.ts'
import type { ChatEvent, UnsequencedChatEvent } from '../../src/protocol/events.ts'
import { createMemoryResumeStore } from '../../src/server/memory-resume-store.ts'
import type { RedisClientLike } from '../../src/server/redis/client.ts'
import { createRedisResumeStore, type RedisResumeStore } from '../../src/server/redis/redis-resume-store.ts'
import type { SharedResumeStore } from '../../src/server/resume-store.ts'
import { redisAvailable, startRedisServer, type RedisServer } from './redis-server.ts'

export interface StorePair {
  /** Where the POST lands. */
  a: SharedResumeStore
  /** Another instance: where the resume or stop lands. */
  b: SharedResumeStore
  /** The redis-server behind them, for the Redis kind. */
  redisUrl?: string
}

export interface StoreKind {
  name: string
  /** False when the kind cannot run here (no redis-server locally): its describe is skipped. */
  available: boolean
  /** Call inside the describe: registers the hooks and returns a factory for fresh pairs. */
  setup(): () => Promise<StorePair>
}

export const memoryKind: StoreKind = {
  name: 'memory store',
  available: true,
  setup: () => async () => {
    const store = createMemoryResumeStore()
    return { a: store, b: store }
  },
}

/** The Redis kind; `redisAvailable()` throws under CI when redis-server is missing. */
export function redisKind(): StoreKind {
  return {
    name: 'Redis store, two instances',
    available: redisAvailable(),
    setup() {
      let redis: RedisServer
      const clients: RedisClientLike[] = []
      const stores: RedisResumeStore[] = []
      let prefixes = 0
      beforeAll(async () => {
        redis = await startRedisServer()
      })
      afterAll(async () => {
        for (const store of stores) store.close()
        for (const client of clients) client.destroy()
        await redis?.stop()
      })
      const instance = async (keyPrefix: string) => {
        const client: RedisClientLike = createClient({ url: redis.url })
        client.on('error', () => {})
        clients.push(client)
        const store = createRedisResumeStore({ client, keyPrefix, blockMs: 500 })
        await store.ready()
        stores.push(store)
        return store
      }
      return async () => {
        const prefix = `p${++prefixes}:`
        return { a: await instance(prefix), b: await instance(prefix), redisUrl: redis.url }
      }
    },
  }
}

/** The cookie pair (`name=value`) a response set. */
export function cookieOf(response: Response): string {
  const header = response.headers.getSetCookie()[0]
  if (!header) throw new Error('no Set-Cookie on the response')
  return header.split(';')[0]!
}

/** Decoded Rivulet events of a whole body. */
export async function eventsOf(response: Response): Promise<ChatEvent[]> {
  return decodeText(await response.text(), 'rivulet')
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * A paced fake provider: `count` tokens `delayMs` apart, then returns. It honours the signal it
 * is given like a real provider call and reports whether it was aborted.
 */
export function pacedProvider(count: number, delayMs: number) {
  const state = { aborted: false, yielded: 0 }
  function source(signal: AbortSignal): AsyncIterable<UnsequencedChatEvent> {
    signal.addEventListener('abort', () => (state.aborted = true), { once: true })
    return (async function* () {
      for (let i = 0; i < count; i++) {
        await sleep(delayMs)
        if (signal.aborted) return
        state.yielded++
        yield { type: 'token', content: `w${i} ` }
      }
    })()
  }
  return { source, state }
}
