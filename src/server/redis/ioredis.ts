import type { RedisClientLike } from './client.ts'

type PubSubListener = (message: string, channel: string) => unknown

/**
 * The few members of an ioredis client (`new Redis(url)`, ioredis v5) the adapter uses, typed
 * structurally so the library imports nothing from `ioredis`.
 */
export interface IoredisLike {
  /** `wait` (lazyConnect, not yet connected), `connecting`, `connect`, `ready`, `reconnecting`, `close`, `end`. */
  readonly status: string
  /** Sends any command with string arguments. */
  call(command: string, ...args: string[]): Promise<unknown>
  /** A new client with the same options (it connects by itself unless `lazyConnect`). */
  duplicate(): IoredisLike
  connect(): Promise<unknown>
  /** Closes the connection at once, rejecting what is pending. */
  disconnect(): unknown
  subscribe(...channels: string[]): Promise<unknown>
  unsubscribe(...channels: string[]): Promise<unknown>
  // `any[]`: ioredis inherits these from Node's EventEmitter, whose listeners take `any[]`.
  on(event: string, listener: (...args: any[]) => void): unknown
  off(event: string, listener: (...args: any[]) => void): unknown
}

/**
 * Lets `createRedisResumeStore` use an ioredis client: commands go through `call`, and pub/sub
 * messages (ioredis emits them as one `message` event) are routed to the listener of each
 * channel. node-redis needs no adapter.
 *
 * @example
 * import Redis from 'ioredis'
 * import { createRedisResumeStore, fromIoredis } from 'rivulet-ui/server/redis'
 * const store = createRedisResumeStore({ client: fromIoredis(new Redis(process.env.REDIS_URL, { lazyConnect: true })) })
 * await store.ready()
 */
export function fromIoredis(client: IoredisLike): RedisClientLike {
  const channels = new Map<string, Set<PubSubListener>>()
  let routing = false
  const route = (channel: string, message: string) => {
    for (const listener of channels.get(channel) ?? []) listener(message, channel)
  }

  return {
    sendCommand([command, ...args]) {
      if (command === undefined) return Promise.reject(new TypeError('sendCommand needs a command'))
      return client.call(command, ...args)
    },
    duplicate: () => fromIoredis(client.duplicate()),
    connect: () => client.connect(),
    destroy: () => client.disconnect(),
    get isReady() {
      return client.status === 'ready'
    },
    get isOpen() {
      return client.status !== 'wait' && client.status !== 'end'
    },
    on: (event, listener) => client.on(event, listener),
    off: (event, listener) => client.off(event, listener),
    async subscribe(channel, listener) {
      if (!routing) {
        routing = true
        client.on('message', route)
      }
      let listeners = channels.get(channel)
      if (!listeners) channels.set(channel, (listeners = new Set()))
      listeners.add(listener)
      if (listeners.size === 1) await client.subscribe(channel)
    },
    async unsubscribe(channel, listener) {
      const listeners = channels.get(channel)
      if (!listeners) return
      if (listener) listeners.delete(listener)
      else listeners.clear()
      if (listeners.size > 0) return
      channels.delete(channel)
      await client.unsubscribe(channel)
    },
  }
}
