/**
 * A stand-in for an ioredis client, for testing `fromIoredis` without the `ioredis` package
 * (not installed here): the `IoredisLike` surface — `status`, `call`, `duplicate`, `connect`,
 * `disconnect`, `subscribe(...channels)` with one `message` event — implemented over a real
 * node-redis connection to a real redis-server. It checks the adapter's mapping and the store
 * over that surface; it is not ioredis itself.
 */
import { EventEmitter } from 'node:events'
import { createClient } from 'redis'
import type { IoredisLike } from '../../src/server/redis/ioredis.ts'

type NodeRedis = ReturnType<typeof createClient>

class IoredisShim extends EventEmitter implements IoredisLike {
  #client: NodeRedis
  #ended = false

  constructor(client: NodeRedis) {
    super()
    this.#client = client
    client.on('error', (error: Error) => this.emit('error', error))
    client.on('ready', () => this.emit('ready'))
  }

  get status(): string {
    if (this.#ended) return 'end'
    if (this.#client.isReady) return 'ready'
    return this.#client.isOpen ? 'connecting' : 'wait' // like ioredis with lazyConnect
  }

  call(command: string, ...args: string[]): Promise<unknown> {
    return this.#client.sendCommand([command, ...args])
  }

  duplicate(): IoredisLike {
    return new IoredisShim(this.#client.duplicate())
  }

  async connect(): Promise<void> {
    await this.#client.connect()
  }

  disconnect(): void {
    this.#ended = true
    this.#client.destroy()
  }

  async subscribe(...channels: string[]): Promise<unknown> {
    for (const channel of channels) await this.#client.subscribe(channel, (message, from) => this.emit('message', from, message))
    return channels.length
  }

  async unsubscribe(...channels: string[]): Promise<unknown> {
    for (const channel of channels) await this.#client.unsubscribe(channel)
    return 0
  }
}

/** An `IoredisLike` client for `url`, not yet connected (as ioredis with `lazyConnect: true`). */
export function ioredisShim(url: string): IoredisLike {
  return new IoredisShim(createClient({ url }))
}
