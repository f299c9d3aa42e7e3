import { isTerminalEvent, type ChatEvent } from '../protocol/events.ts'
import type { ResumeListener, ResumeRead, SharedResumeStore } from './resume-store.ts'

export interface MemoryResumeStoreOptions {
  /** Events kept per stream; older ones are dropped, so a very late resume sees a gap. @default 2000 */
  maxEvents?: number
  /** Streams kept; the least recently written one is forgotten first. @default 500 */
  maxStreams?: number
  /** A stream is forgotten this long after its last event. @default 300000 (5 minutes) */
  ttlMs?: number
  /** The clock, in milliseconds (injectable for tests). @default Date.now */
  now?: () => number
}

interface StoredStream {
  events: ChatEvent[]
  finished: boolean
  touchedAt: number
  ownerHash?: string
  stopRequested?: boolean
}

/**
 * A `ResumeStore` in this process's memory, bounded three ways (events per stream, number of
 * streams, time since the last write) so a busy server cannot grow without limit. Right for a
 * single instance; behind a load balancer use `createRedisResumeStore` (`rivulet-ui/server/redis`).
 * It also keeps owners, stop requests and per-owner slots (`StreamControl`) for this process.
 *
 * Expiry is checked when the store is used, not by a timer, so it never keeps a process alive.
 *
 * @example
 * const store = createMemoryResumeStore({ maxEvents: 1000, ttlMs: 60_000 })
 * return createEventStreamResponse(events, { store, signal: request.signal })
 */
export function createMemoryResumeStore(options: MemoryResumeStoreOptions = {}): SharedResumeStore {
  const maxEvents = Math.max(1, options.maxEvents ?? 2000)
  const maxStreams = Math.max(1, options.maxStreams ?? 500)
  const ttlMs = options.ttlMs ?? 300_000
  const now = options.now ?? Date.now
  // Map order is write order (a write re-inserts), so the first entry is the stalest.
  const streams = new Map<string, StoredStream>()
  // Kept apart from the events: a resume may subscribe before the first append (it raced
  // the POST) without making the stream look known.
  const listeners = new Map<string, Set<ResumeListener>>()
  const stopListeners = new Map<string, Set<() => void>>()
  /** ownerKey → streamId → when the slot frees by itself. */
  const slots = new Map<string, Map<string, number>>()

  function sweep() {
    const cutoff = now() - ttlMs
    for (const [id, stream] of streams) {
      if (stream.touchedAt > cutoff) break
      streams.delete(id)
    }
  }

  function live(streamId: string): StoredStream | undefined {
    sweep()
    return streams.get(streamId)
  }

  /** The stream's entry, created when missing, moved to the fresh end of the map. */
  function touch(streamId: string): StoredStream {
    sweep()
    let stream = streams.get(streamId)
    if (stream) streams.delete(streamId)
    else stream = { events: [], finished: false, touchedAt: 0 }
    streams.set(streamId, stream)
    stream.touchedAt = now()
    while (streams.size > maxStreams) streams.delete(streams.keys().next().value!)
    return stream
  }

  function liveSlots(ownerKey: string): Map<string, number> {
    const held = slots.get(ownerKey) ?? new Map<string, number>()
    const at = now()
    for (const [id, expiresAt] of held) if (expiresAt <= at) held.delete(id)
    return held
  }

  return {
    append(streamId, event) {
      const stream = touch(streamId)
      stream.events.push(event)
      if (stream.events.length > maxEvents) stream.events.splice(0, stream.events.length - maxEvents)
      if (isTerminalEvent(event)) stream.finished = true
      const following = listeners.get(streamId)
      if (following) for (const listener of [...following]) listener(event)
    },
    read(streamId, afterSeq): ResumeRead | undefined {
      const stream = live(streamId)
      if (!stream) return undefined
      return { events: stream.events.filter((event) => event.seq > afterSeq), finished: stream.finished }
    },
    subscribe(streamId, listener) {
      let set = listeners.get(streamId)
      if (!set) listeners.set(streamId, (set = new Set()))
      set.add(listener)
      return () => {
        set.delete(listener)
        if (set.size === 0 && listeners.get(streamId) === set) listeners.delete(streamId)
      }
    },
    expire(streamId) {
      streams.delete(streamId)
      listeners.delete(streamId)
      stopListeners.delete(streamId)
    },
    claim(streamId, ownerHash) {
      touch(streamId).ownerHash = ownerHash
    },
    owner(streamId) {
      return live(streamId)?.ownerHash
    },
    requestStop(streamId) {
      const stream = live(streamId)
      if (stream) stream.stopRequested = true
      const waiting = stopListeners.get(streamId)
      stopListeners.delete(streamId)
      if (waiting) for (const listener of waiting) listener()
    },
    onStopRequest(streamId, listener) {
      if (live(streamId)?.stopRequested) {
        listener()
        return () => {}
      }
      let set = stopListeners.get(streamId)
      if (!set) stopListeners.set(streamId, (set = new Set()))
      set.add(listener)
      return () => {
        set.delete(listener)
        if (set.size === 0 && stopListeners.get(streamId) === set) stopListeners.delete(streamId)
      }
    },
    acquireSlot(ownerKey, streamId, { limit, ttlMs }) {
      const held = liveSlots(ownerKey)
      if (!held.has(streamId) && held.size >= limit) {
        const soonest = Math.min(...held.values())
        return { ok: false, retryAfter: Math.max(1, Math.ceil((soonest - now()) / 1000)) }
      }
      held.set(streamId, now() + ttlMs)
      slots.set(ownerKey, held)
      return { ok: true }
    },
    releaseSlot(ownerKey, streamId) {
      const held = liveSlots(ownerKey)
      held.delete(streamId)
      if (held.size === 0) slots.delete(ownerKey)
    },
  }
}
