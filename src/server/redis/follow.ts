import { isTerminalEvent } from '../../protocol/events.ts'
import type { ResumeErrorListener, ResumeListener } from '../resume-store.ts'
import { connectOrFail, RedisUnavailableError, withDeadline, type RedisClientLike } from './client.ts'
import type { StreamKeys } from './keys.ts'
import { parseEntry, xreadEntries } from './parse-entry.ts'
import { CHECK_SCRIPT, STREAM_STATE } from './scripts.ts'

/** Following a stream ended because its keys expired (its producer died, or it outlived the TTL). */
export class StreamExpiredError extends Error {
  override readonly name = 'StreamExpiredError'
}

/** Following a stream ended because its producer sent neither an event nor a heartbeat in time (its instance crashed). */
export class ProducerLostError extends Error {
  override readonly name = 'ProducerLostError'
}

/** Entries one `XREAD` may bring: enough to catch up in a few round trips, little enough to keep each reply small. */
const READ_COUNT = '512'

export interface FollowOptions {
  client: RedisClientLike
  keys: StreamKeys
  /** Entry id to read after (the stream's last id when following started). */
  afterId: string
  /** How long one `XREAD` blocks before the stream's producer is checked on. */
  blockMs: number
  /** An unfinished stream whose producer has not been heard from for this long is given up. */
  producerTimeoutMs: number
  /** Time for Redis to answer beyond the block itself. */
  commandTimeoutMs: number
  /** Time to open the follower's connection. */
  connectTimeoutMs: number
  listener: ResumeListener
  onError?: ResumeErrorListener
}

/**
 * Follows one Redis Stream live with `XREAD BLOCK` on a connection of its own (a blocked read
 * holds its connection, so it cannot share the store's). The loop waits inside Redis, never in a
 * spinning timer: each round trip either brings new entries or times out after `blockMs`, when
 * one script checks the stream still exists and its producer still beats, so a crashed
 * producer's stream ends with a `ProducerLostError` and an expired one with a
 * `StreamExpiredError` instead of hanging. A Redis that stops answering (not even closing the
 * connection) fails the follow after `blockMs + commandTimeoutMs`. The returned function closes
 * the connection, which also releases a blocked read.
 *
 * @example
 * const stop = followStream({ client, keys, afterId: '1-4', blockMs: 2000, producerTimeoutMs: 10_000, commandTimeoutMs: 5000, connectTimeoutMs: 2000, listener })
 */
export function followStream(options: FollowOptions): () => void {
  const { keys, listener, onError, blockMs, commandTimeoutMs } = options
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

  const silent = () => new RedisUnavailableError(`Redis did not answer within ${commandTimeoutMs} ms.`)

  async function run() {
    await connectOrFail(connection, options.connectTimeoutMs)
    while (!closed) {
      const read = connection.sendCommand(['XREAD', 'COUNT', READ_COUNT, 'BLOCK', String(blockMs), 'STREAMS', keys.events, lastId])
      const reply = await withDeadline(read, blockMs + commandTimeoutMs, silent)
      if (closed) return
      const entries = xreadEntries(reply, keys.events)
      if (entries.length === 0) {
        const check = connection.sendCommand(['EVAL', CHECK_SCRIPT, '2', keys.events, keys.meta, String(options.producerTimeoutMs)])
        const state = Number(await withDeadline(check, commandTimeoutMs, silent))
        if (closed) return
        if (state === STREAM_STATE.expired) throw new StreamExpiredError('The stream expired before it finished.')
        if (state === STREAM_STATE.producerLost) throw new ProducerLostError('The stream’s producer stopped before it finished.')
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
