import { isTerminalEvent, type ChatEvent } from '../../protocol/events.ts'
import { RedisUnavailableError, type RedisClientLike } from './client.ts'
import type { StreamKeys } from './keys.ts'
import { entryId } from './keys.ts'
import { APPEND_SCRIPT } from './scripts.ts'

export interface AppendBatcherOptions {
  client: RedisClientLike
  maxEvents: number
  /** TTL of a finished stream's keys. */
  ttlMs: number
  /** TTL set while a stream is written: `ttlMs` plus the refresh period (see `WRITE.refresh`). */
  refreshTtlMs: number
  /** Streams per command: 1 on Redis Cluster (one slot per command), more elsewhere. */
  streamsPerCommand: number
  /** The keys and `WRITE` flags of a stream's write about to be sent (`heartbeat.planWrite`). */
  planWrite: (streamId: string, terminal: boolean) => { keys: StreamKeys; flags: number }
  /** A sent write of `streamId` failed (`heartbeat.failed`). */
  failed?: (streamId: string) => void
}

interface StreamBatch {
  streamId: string
  /** `XADD` ids and JSON bodies, alternating. */
  entries: string[]
  terminal: boolean
}

/** The streams of one turn that share a command, and the promise all their appends got. */
interface Group {
  streams: StreamBatch[]
  promise: Promise<void>
  resolve: () => void
  reject: (error: unknown) => void
}

/** Runs `flush` once the current turn of the event loop is done (after its I/O callbacks). */
const nextTurn: (flush: () => void) => void =
  typeof globalThis.setImmediate === 'function' ? (flush) => void globalThis.setImmediate(flush) : (flush) => void setTimeout(flush, 0)

/**
 * Streams in commands sent and not yet answered. A client writes a command of more than its
 * socket's buffer (a group of 256 streams is ~40 KB) and then waits for the socket to drain:
 * one such command per turn of the event loop (node-redis). Thousands of streams on a busy
 * instance made commands pile up behind that faster than they went out, until the client's
 * command timeout (5 s in node-redis v6) failed them and the recording lost events. So at most
 * this many streams are in flight; the others' events wait in their group and go together.
 */
const MAX_STREAMS_IN_FLIGHT = 1024

const unavailable = () => new RedisUnavailableError('Redis is not connected (the stream store is unavailable).')

/**
 * Collects the events appended during one turn of the event loop and writes them with one
 * `EVAL` of {@link APPEND_SCRIPT} per `streamsPerCommand` streams: entries, and the heartbeats
 * and TTLs that are due, in one command and one round trip. A command costs the client tens
 * of microseconds of CPU whatever its size, so a thousand streams each sending a token cost
 * a few commands, not a thousand. Every append of a turn gets the promise of its stream's
 * command (one per command, settled when Redis answered it). Order per stream holds: commands
 * go out in turn order on one connection, and a stream's entries of a turn share one command.
 *
 * @example
 * const batcher = createAppendBatcher({ client, maxEvents: 2000, ttlMs: 300_000, refreshTtlMs: 330_000, streamsPerCommand: 256, planWrite: heartbeat.planWrite })
 * await batcher.append('s1', { type: 'token', seq: 1, content: 'Hi' })
 */
export function createAppendBatcher(options: AppendBatcherOptions) {
  const { client } = options
  let pending = new Map<string, { batch: StreamBatch; group: Group }>()
  let groups: Group[] = []
  let scheduled = false
  /** Streams in commands sent and not yet answered (see {@link MAX_STREAMS_IN_FLIGHT}). */
  let inFlight = 0

  function newGroup(): Group {
    let resolve!: () => void
    let reject!: (error: unknown) => void
    const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)))
    // Handled here: an append nobody awaits must not become an unhandled rejection.
    promise.catch(() => {})
    const group: Group = { streams: [], promise, resolve, reject }
    groups.push(group)
    return group
  }

  function send(group: Group, created: string) {
    const plans = group.streams.map((batch) => options.planWrite(batch.streamId, batch.terminal))
    // Written in order, once: the key count and the keys, the script's settings, then each stream's entries.
    const args: string[] = ['EVAL', APPEND_SCRIPT, String(plans.length * 2)]
    for (const { keys } of plans) args.push(keys.events, keys.meta)
    args.push(String(options.maxEvents), String(options.ttlMs), String(options.refreshTtlMs), created)
    group.streams.forEach((batch, i) => {
      args.push(String(batch.entries.length / 2), String(plans[i]!.flags))
      for (const entry of batch.entries) args.push(entry)
    })
    inFlight += group.streams.length
    const settled = () => {
      inFlight -= group.streams.length
      if (groups.length > 0) schedule()
    }
    client.sendCommand(args).then(
      () => {
        settled()
        group.resolve()
      },
      (error: unknown) => {
        settled()
        for (const batch of group.streams) options.failed?.(batch.streamId)
        group.reject(error)
      },
    )
  }

  function schedule() {
    if (scheduled) return
    scheduled = true
    nextTurn(flush)
  }

  function flush() {
    scheduled = false
    // Disconnected now: fail fast rather than let the client queue commands without bound.
    if (!client.isReady) {
      const due = groups
      groups = []
      pending = new Map()
      for (const group of due) group.reject(unavailable())
      return
    }
    const created = String(Date.now())
    // Groups past the in-flight bound wait, still collecting their streams' events, until a
    // command is answered: under load commands grow instead of piling up in the client.
    while (groups.length > 0 && (inFlight === 0 || inFlight + groups[0]!.streams.length <= MAX_STREAMS_IN_FLIGHT)) {
      const group = groups.shift()!
      for (const batch of group.streams) pending.delete(batch.streamId)
      send(group, created)
    }
  }

  return {
    /** Queues `event` for this turn's write of its stream; resolves once that write is done. */
    append(streamId: string, event: ChatEvent): Promise<void> {
      if (!client.isReady) return Promise.reject(unavailable())
      let slot = pending.get(streamId)
      if (!slot) {
        const last = groups[groups.length - 1]
        const group = last && last.streams.length < options.streamsPerCommand ? last : newGroup()
        const batch: StreamBatch = { streamId, entries: [], terminal: false }
        group.streams.push(batch)
        pending.set(streamId, (slot = { batch, group }))
      }
      slot.batch.entries.push(entryId(event.seq), JSON.stringify(event))
      if (isTerminalEvent(event)) slot.batch.terminal = true
      schedule()
      return slot.group.promise
    },
  }
}
