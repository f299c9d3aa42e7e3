import { isTerminalEvent } from '../../protocol/events.ts'
import type { ResumeErrorListener, ResumeListener } from '../resume-store.ts'
import { connectOrFail, type RedisClientLike } from './client.ts'
import type { StreamKeys } from './keys.ts'
import { parseEntry, xreadEntries } from './parse-entry.ts'

/** Following a stream ended because its keys expired (its producer died, or it outlived the TTL). */
export class StreamExpiredError extends Error {
  override readonly name = 'StreamExpiredError'
}

export interface FollowOptions {
  client: RedisClientLike
  keys: StreamKeys
  /** Entry id to read after (the stream's last id when following started). */
  afterId: string
  /** How long one `XREAD` blocks; under the client's command timeout (node-redis: 5 s). */
  blockMs: number
  connectTimeoutMs: number
  listener: ResumeListener
  onError?: ResumeErrorListener
}

/**
 * Follows one Redis Stream live with `XREAD BLOCK` on a connection of its own (a blocked read
 * holds its connection, so it cannot share the store's). The loop waits inside Redis, never in a
 * spinning timer: each round trip either brings new entries or times out after `blockMs`, when
 * it checks the stream still exists so a dead producer's stream ends the follow instead of
 * hanging it. The returned function closes the connection, which also releases a blocked read.
 *
 * @example
 * const stop = followStream({ client, keys, afterId: '1-4', blockMs: 2000, connectTimeoutMs: 2000, listener })
 */
export function followStream(options: FollowOptions): () => void {
  const { keys, listener, onError } = options
  const connection = options.client.duplicate()
  // node-redis reports socket trouble as 'error' events; the read below rejects as well.
  const ignore = () => {}
  connection.on('error', ignore)
  let closed = false
  let lastId = options.afterId

  function close() {
    if (closed) return
    closed = true
    try {
      connection.destroy()
    } catch {
      // never connected
    }
  }

  async function run() {
    await connectOrFail(connection, options.connectTimeoutMs)
    while (!closed) {
      const reply = await connection.sendCommand(['XREAD', 'COUNT', '256', 'BLOCK', String(options.blockMs), 'STREAMS', keys.events, lastId])
      if (closed) return
      const entries = xreadEntries(reply, keys.events)
      if (entries.length === 0) {
        const exists = Number(await connection.sendCommand(['EXISTS', keys.events, keys.meta]))
        if (exists === 0 && !closed) throw new StreamExpiredError('The stream expired before it finished.')
        continue
      }
      for (const entry of entries) {
        lastId = String((entry as unknown[])[0])
        const event = parseEntry(entry)
        listener(event)
        if (closed) return
        if (isTerminalEvent(event)) return close()
      }
    }
  }

  run().then(close, (error: unknown) => {
    if (closed) return
    close()
    onError?.(error)
  })
  return close
}
