import type { RedisClientLike } from './client.ts'
import { streamKeys } from './keys.ts'
import { BEAT_SCRIPT } from './scripts.ts'

export interface HeartbeatOptions {
  client: RedisClientLike
  keyPrefix: string
  /** How often a producing stream's heartbeat is refreshed. */
  intervalMs: number
  /** A stream not written for this long is no longer beaten for (its keys expired anyway). */
  ttlMs: number
  /** Streams per command: 1 on Redis Cluster (one slot per command), more elsewhere. */
  streamsPerCommand: number
}

interface Producing {
  /** When this instance last refreshed the heartbeat (local clock; only compared with itself). */
  beatAt: number
  /** When it last wrote an event. */
  writtenAt: number
}

/**
 * The heartbeats of the streams this instance produces: each write of a stream carries one
 * (see the append script); streams with nothing to write (a model thinking) get one `BEAT`
 * command per tick of one timer per store, running only while there are such streams and never keeping the
 * process alive. A crashed instance stops beating, so followers elsewhere end its streams
 * instead of waiting for them until they expire.
 *
 * @example
 * const heartbeat = createHeartbeat({ client, keyPrefix: 'rivulet:', intervalMs: 2000, ttlMs: 300_000, streamsPerCommand: 256 })
 * heartbeat.wrote('s1', false)
 */
export function createHeartbeat(options: HeartbeatOptions) {
  const { client, keyPrefix, intervalMs } = options
  const producing = new Map<string, Producing>()
  let timer: ReturnType<typeof setInterval> | undefined
  /** Beats still unanswered: a Redis that stopped answering must not collect a pile of them. */
  let inFlight = 0

  function tick() {
    const now = Date.now()
    const due: string[] = []
    for (const [streamId, stream] of producing) {
      if (now - stream.writtenAt > options.ttlMs) producing.delete(streamId)
      else if (now - stream.beatAt >= intervalMs / 2) due.push(streamId)
    }
    if (producing.size === 0) stop()
    if (inFlight > 0 || !client.isReady) return
    for (const streamId of due) producing.get(streamId)!.beatAt = now
    for (let i = 0; i < due.length; i += options.streamsPerCommand) {
      const metas = due.slice(i, i + options.streamsPerCommand).map((streamId) => streamKeys(keyPrefix, streamId).meta)
      inFlight++
      const done = () => void inFlight--
      client.sendCommand(['EVAL', BEAT_SCRIPT, String(metas.length)].concat(metas)).then(done, done)
    }
  }

  function stop() {
    if (timer !== undefined) clearInterval(timer)
    timer = undefined
  }

  return {
    /** A write of `streamId` went out with a heartbeat; a terminal one ends its beating. */
    wrote(streamId: string, terminal: boolean) {
      if (terminal) {
        producing.delete(streamId)
        if (producing.size === 0) stop()
        return
      }
      const now = Date.now()
      const stream = producing.get(streamId)
      if (stream) stream.beatAt = stream.writtenAt = now
      else producing.set(streamId, { beatAt: now, writtenAt: now })
      if (timer === undefined) {
        timer = setInterval(tick, intervalMs)
        ;(timer as { unref?: () => void }).unref?.()
      }
    },
    /** Stops beating for a stream (it was expired on purpose). */
    forget(streamId: string) {
      producing.delete(streamId)
      if (producing.size === 0) stop()
    },
    /** Streams beaten for now (for tests and stats). */
    get size() {
      return producing.size
    },
    close: stop,
  }
}
