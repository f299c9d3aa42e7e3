import { isTerminalEvent, type ChatEvent } from '../../protocol/events.ts'
import { RedisUnavailableError, type RedisClientLike } from './client.ts'
import { entryId, streamKeys } from './keys.ts'
import { APPEND_SCRIPT } from './scripts.ts'

export interface AppendBatcherOptions {
  client: RedisClientLike
  keyPrefix: string
  maxEvents: number
  ttlMs: number
  /** Called after each flush of a stream is sent (its heartbeat went with it). */
  onFlush?: (streamId: string, terminal: boolean) => void
}

interface Batch {
  /** `XADD` ids and JSON bodies, alternating. */
  entries: string[]
  terminal: boolean
  promise: Promise<void>
  resolve: () => void
  reject: (error: unknown) => void
}

/** Runs `flush` once the current turn of the event loop is done (after its I/O callbacks). */
const nextTurn: (flush: () => void) => void =
  typeof globalThis.setImmediate === 'function' ? (flush) => void globalThis.setImmediate(flush) : (flush) => void setTimeout(flush, 0)

/**
 * Collects the events appended to each stream during one turn of the event loop and writes
 * them as one `EVAL` per stream ({@link APPEND_SCRIPT}): the entries, the heartbeat and the
 * TTLs in one command and one round trip, whatever the number of events. Every append of a
 * turn gets that batch's promise. Order per stream holds: batches go out in turn order on one
 * connection.
 *
 * @example
 * const batcher = createAppendBatcher({ client, keyPrefix: 'rivulet:', maxEvents: 2000, ttlMs: 300_000 })
 * await batcher.append('s1', { type: 'token', seq: 1, content: 'Hi' })
 */
export function createAppendBatcher(options: AppendBatcherOptions) {
  const { client, keyPrefix } = options
  const pending = new Map<string, Batch>()
  let scheduled = false

  function newBatch(): Batch {
    let resolve!: () => void
    let reject!: (error: unknown) => void
    const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)))
    // Handled here: an append nobody awaits must not become an unhandled rejection.
    promise.catch(() => {})
    return { entries: [], terminal: false, promise, resolve, reject }
  }

  function flush() {
    scheduled = false
    const batches = [...pending]
    pending.clear()
    const created = String(Date.now())
    for (const [streamId, batch] of batches) {
      // Disconnected now: fail fast rather than let the client queue commands without bound.
      if (!client.isReady) {
        batch.reject(new RedisUnavailableError('Redis is not connected (the stream store is unavailable).'))
        continue
      }
      const { events, meta } = streamKeys(keyPrefix, streamId)
      const args = ['EVAL', APPEND_SCRIPT, '2', events, meta, String(options.maxEvents), String(options.ttlMs), batch.terminal ? '1' : '0', created]
      client.sendCommand(args.concat(batch.entries)).then(() => batch.resolve(), batch.reject)
      options.onFlush?.(streamId, batch.terminal)
    }
  }

  return {
    /** Queues `event` for this turn's write of its stream; resolves once that write is done. */
    append(streamId: string, event: ChatEvent): Promise<void> {
      if (!client.isReady) return Promise.reject(new RedisUnavailableError('Redis is not connected (the stream store is unavailable).'))
      let batch = pending.get(streamId)
      if (!batch) pending.set(streamId, (batch = newBatch()))
      batch.entries.push(entryId(event.seq), JSON.stringify(event))
      if (isTerminalEvent(event)) batch.terminal = true
      if (!scheduled) {
        scheduled = true
        nextTurn(flush)
      }
      return batch.promise
    },
  }
}
