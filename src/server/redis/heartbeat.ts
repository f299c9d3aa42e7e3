import type { RedisClientLike } from './client.ts'
import { streamKeys, type StreamKeys } from './keys.ts'
import { BEAT_SCRIPT, WRITE } from './scripts.ts'

export interface HeartbeatOptions {
  client: RedisClientLike
  keyPrefix: string
  /** How often a producing stream's heartbeat is refreshed. */
  intervalMs: number
  /** A stream's keys live at least this long after its last event. */
  ttlMs: number
  /** A stream's TTL is pushed back at most this often while it is written (see {@link WRITE}). */
  refreshMs: number
  /** Streams per command: 1 on Redis Cluster (one slot per command), more elsewhere. */
  streamsPerCommand: number
}

interface Producing {
  keys: StreamKeys
  /** When this instance last refreshed the heartbeat (local clock; only compared with itself). */
  beatAt: number
  /** When it last wrote an event. */
  writtenAt: number
  /** When it last pushed the keys' TTL back. */
  refreshedAt: number
  /** A write failed: the next one writes the stream's meta and TTLs again. */
  whole: boolean
}

/**
 * The streams this instance produces, and what each write of one must carry besides its
 * entries ({@link WRITE} flags for the append script): the first write sets the meta and TTLs,
 * later ones a heartbeat only when half an interval has passed and a TTL push only every
 * `refreshMs`, so most writes are one `XADD` in Redis. Streams with nothing to write (a model
 * thinking) get one `BEAT` command per tick of one timer per store, running only while there
 * are such streams and never keeping the process alive. A crashed instance stops beating, so
 * followers elsewhere end its streams instead of waiting for them until they expire.
 *
 * @example
 * const heartbeat = createHeartbeat({ client, keyPrefix: 'rivulet:', intervalMs: 2000, ttlMs: 300_000, refreshMs: 30_000, streamsPerCommand: 256 })
 * const { keys, flags } = heartbeat.planWrite('s1', false) // flags: WRITE.whole (its first write)
 */
export function createHeartbeat(options: HeartbeatOptions) {
  const { client, keyPrefix, intervalMs } = options
  const producing = new Map<string, Producing>()
  let timer: ReturnType<typeof setInterval> | undefined
  /** Beats still unanswered: a Redis that stopped answering must not collect a pile of them. */
  let inFlight = 0

  function tick() {
    const now = Date.now()
    const due: Producing[] = []
    for (const [streamId, stream] of producing) {
      if (now - stream.writtenAt > options.ttlMs) producing.delete(streamId)
      else if (now - stream.beatAt >= intervalMs / 2) due.push(stream)
    }
    if (producing.size === 0) stop()
    if (inFlight > 0 || !client.isReady) return
    for (const stream of due) stream.beatAt = now
    for (let i = 0; i < due.length; i += options.streamsPerCommand) {
      const metas = due.slice(i, i + options.streamsPerCommand).map((stream) => stream.keys.meta)
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
    /**
     * What the write of `streamId` being sent now must carry (and that it was sent): its keys
     * and its {@link WRITE} flags. A terminal write ends the stream's beating.
     */
    planWrite(streamId: string, terminal: boolean): { keys: StreamKeys; flags: number } {
      const now = Date.now()
      let stream = producing.get(streamId)
      let flags = 0
      if (!stream || stream.whole) {
        flags = WRITE.whole
        stream = { keys: stream?.keys ?? streamKeys(keyPrefix, streamId), beatAt: now, writtenAt: now, refreshedAt: now, whole: false }
        producing.set(streamId, stream)
      } else {
        stream.writtenAt = now
        if (now - stream.beatAt >= intervalMs / 2) {
          flags |= WRITE.beat
          stream.beatAt = now
        }
        if (now - stream.refreshedAt >= options.refreshMs) {
          flags |= WRITE.refresh
          stream.refreshedAt = now
        }
      }
      if (terminal) {
        flags |= WRITE.finished
        producing.delete(streamId)
        if (producing.size === 0) stop()
      } else if (timer === undefined) {
        timer = setInterval(tick, intervalMs)
        ;(timer as { unref?: () => void }).unref?.()
      }
      return { keys: stream.keys, flags }
    },
    /** A write of `streamId` failed: its next one sets the meta and TTLs again. */
    failed(streamId: string) {
      const stream = producing.get(streamId)
      if (stream) stream.whole = true
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
