/**
 * The few members of a node-redis (`redis` v5/v6) client this store uses, typed structurally so
 * the library imports nothing from `redis` (an optional peer) and any compatible client fits.
 * Commands go through `sendCommand` with plain string arguments, so the store speaks raw Redis
 * and an adapter for another client (ioredis: `call(...args)`) is a few lines.
 */
export interface RedisClientLike {
  /** Sends one command; concurrent calls in one tick are pipelined by the client. */
  sendCommand(args: string[]): Promise<unknown>
  /** A new client with the same options: the store makes its blocking and pub/sub connections with it. */
  duplicate(): RedisClientLike
  connect(): Promise<unknown>
  /** Closes the connection at once, rejecting what is pending (a blocked `XREAD` included). */
  destroy(): unknown
  /** Connected and ready for commands. */
  readonly isReady: boolean
  /** `connect()` was called and the client was not closed since. */
  readonly isOpen: boolean
  on(event: 'error' | 'ready', listener: (error?: Error) => void): unknown
  off(event: 'error' | 'ready', listener: (error?: Error) => void): unknown
  /** Pub/sub (on a duplicate): calls `listener` with each message on `channel`. */
  subscribe(channel: string, listener: (message: string, channel: string) => unknown): Promise<unknown>
  unsubscribe(channel: string, listener?: (message: string, channel: string) => unknown): Promise<unknown>
}

/** Redis could not be reached (or dropped): the message says where and why. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError'
}

/**
 * Opens `client`, failing on its first connection error or after `timeoutMs` instead of
 * retrying for ever (node-redis reconnects endlessly by default, which would hang a request).
 *
 * @example
 * await connectOrFail(client.duplicate(), 2000)
 */
export function connectOrFail(client: RedisClientLike, timeoutMs: number): Promise<void> {
  if (client.isReady) return Promise.resolve()
  return new Promise((resolve, reject) => {
    let lastError: Error | undefined
    const timer = setTimeout(() => fail(), timeoutMs)
    function cleanup() {
      clearTimeout(timer)
      client.off('error', onError)
      client.off('ready', onReady)
    }
    function fail(error?: Error) {
      cleanup()
      const why = (error ?? lastError)?.message ?? `no answer within ${timeoutMs} ms`
      reject(new RedisUnavailableError(`Redis is unreachable (${why}). Check REDIS_URL and that redis-server is running.`))
    }
    function onError(error?: Error) {
      lastError = error
      fail(error)
    }
    function onReady() {
      cleanup()
      resolve()
    }
    client.on('error', onError)
    client.on('ready', onReady)
    if (!client.isOpen) client.connect().catch((error: unknown) => fail(error instanceof Error ? error : new Error(String(error))))
  })
}

/**
 * `promise`, or a rejection with `timeoutError()` when it has not settled after `ms`: a Redis
 * that stops answering without closing the connection must not hang a request.
 *
 * @example
 * await withDeadline(client.sendCommand(['PING']), 5000, () => new RedisUnavailableError('no answer'))
 */
export function withDeadline<T>(promise: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(timeoutError()), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}
