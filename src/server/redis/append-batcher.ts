import { isTerminalEvent, type ChatEvent } from '../../protocol/events.ts'
import { RedisUnavailableError, type RedisClientLike } from './client.ts'
import { entryId, streamKeys } from './keys.ts'
import { APPEND_SCRIPT } from './scripts.ts'

export interface AppendBatcherOptions {
  client: RedisClientLike
  keyPrefix: string
  maxEvents: number
  ttlMs: number
  /** Streams per command: 1 on Redis Cluster (one slot per command), more elsewhere. */
  streamsPerCommand: number
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

const unavailable = () => new RedisUnavailableError('Redis is not connected (the stream store is unavailable).')

/**
 * Collects the events appended during one turn of the event loop and writes them with one
 * `EVAL` of {@link APPEND_SCRIPT} per `streamsPerCommand` streams: entries, heartbeats and TTLs
 * in one command and one round trip. A command costs the client tens of microseconds of CPU
 * whatever its size, so a thousand streams each sending a token cost one command, not a
 * thousand. Every append of a turn gets its stream's batch promise. Order per stream holds:
 * batches go out in turn order on one connection.
 *
 * @example
 * const batcher = createAppendBatcher({ client, keyPrefix: 'rivulet:', maxEvents: 2000, ttlMs: 300_000, streamsPerCommand: 256 })
 * await batcher.append('s1', { type: 'token', seq: 1, content: 'Hi' })
 */
export function createAppendBatcher(options: AppendBatcherOptions) {
  const { client, keyPrefix } = options
  let pending = new Map<string, Batch>()
  let scheduled = false

  function newBatch(): Batch {
    let resolve!: () => void
    let reject!: (error: unknown) => void
    const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)))
    // Handled here: an append nobody awaits must not become an unhandled rejection.
    promise.catch(() => {})
    return { entries: [], terminal: false, promise, resolve, reject }
  }

  function send(group: Array<[string, Batch]>, created: string) {
    const keys: string[] = []
    const args: string[] = [String(options.maxEvents), String(options.ttlMs), created]
    for (const [streamId, batch] of group) {
      const { events, meta } = streamKeys(keyPrefix, streamId)
      keys.push(events, meta)
      args.push(String(batch.entries.length / 2), batch.terminal ? '1' : '0')
      for (const entry of batch.entries) args.push(entry)
    }
    client.sendCommand(['EVAL', APPEND_SCRIPT, String(keys.length)].concat(keys, args)).then(
      () => group.forEach(([, batch]) => batch.resolve()),
      (error: unknown) => group.forEach(([, batch]) => batch.reject(error)),
    )
    for (const [streamId, batch] of group) options.onFlush?.(streamId, batch.terminal)
  }

  function flush() {
    scheduled = false
    const batches = [...pending]
    pending = new Map()
    // Disconnected now: fail fast rather than let the client queue commands without bound.
    if (!client.isReady) {
      for (const [, batch] of batches) batch.reject(unavailable())
      return
    }
    const created = String(Date.now())
    for (let i = 0; i < batches.length; i += options.streamsPerCommand) send(batches.slice(i, i + options.streamsPerCommand), created)
  }

  return {
    /** Queues `event` for this turn's write of its stream; resolves once that write is done. */
    append(streamId: string, event: ChatEvent): Promise<void> {
      if (!client.isReady) return Promise.reject(unavailable())
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
