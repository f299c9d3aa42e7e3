/**
 * The contract every `SharedResumeStore` keeps, as one test suite run against each store (the
 * memory store and the Redis store on a real redis-server). A store that passes it works under
 * `createEventStreamResponse`, `resumeEventStream`, `startEventStream` and `handleStopRequest`.
 */
import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../../src/protocol/events.ts'
import type { SharedResumeStore } from '../../src/server/resume-store.ts'

export interface StoreHarness {
  /**
   * A fresh, empty store and a way to get a second instance sharing its state (another server
   * process in production: for Redis a second client on the same keys).
   */
  make(options?: { ttlMs?: number; maxEvents?: number }): Promise<{ store: SharedResumeStore; twin: () => Promise<SharedResumeStore> }>
  /** Lets time pass for TTLs: a fake clock for the memory store, real time for Redis. */
  elapse(ms: number): Promise<void>
  /** The TTL the expiry tests use (long enough to survive a stalled CI process between steps). */
  ttlMs: number
}

const token = (seq: number): ChatEvent => ({ type: 'token', seq, content: `t${seq}` })
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls a condition a networked store reaches asynchronously; fails with what it saw. */
export async function eventually<T>(read: () => T, ok: (value: T) => boolean, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = read()
    if (ok(value)) return value
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`)
    await sleep(10)
  }
}

/**
 * Registers the contract tests for one store.
 *
 * @example
 * describeStoreContract('memory store', () => memoryHarness())
 */
export function describeStoreContract(name: string, harness: () => StoreHarness) {
  describe(`${name} (ResumeStore contract)`, () => {
    it('returns the events after a seq and says when the stream has finished', async () => {
      const { store } = await harness().make()
      for (let seq = 0; seq < 4; seq++) await store.append('a', token(seq))
      expect(await store.read('a', 1)).toEqual({ events: [token(2), token(3)], finished: false })
      await store.append('a', { type: 'done', seq: 4 })
      expect(await store.read('a', 3)).toEqual({ events: [{ type: 'done', seq: 4 }], finished: true })
      expect(await store.read('a', 4)).toEqual({ events: [], finished: true })
      expect((await store.read('a', -1))!.events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4])
    })

    it('does not know streams it was never given, even after someone subscribed to them', async () => {
      const { store } = await harness().make()
      const off = await store.subscribe('ghost', () => {})
      expect(await store.read('ghost', -1)).toBeUndefined()
      expect(await store.owner('ghost')).toBeUndefined()
      off()
    })

    it('keeps the newest events, about maxEvents of them, in order', async () => {
      const { store } = await harness().make({ maxEvents: 100 })
      for (let seq = 0; seq < 1000; seq++) await store.append('a', token(seq))
      const kept = (await store.read('a', -1))!.events.map((e) => e.seq)
      expect(kept.length).toBeGreaterThanOrEqual(100)
      expect(kept.length).toBeLessThan(400) // Redis trims whole nodes (MAXLEN ~): a little over is allowed
      expect(kept.at(-1)).toBe(999)
      expect(kept).toEqual(kept.map((_, i) => kept[0]! + i))
    })

    it('keeps a finished stream resumable for its TTL after the last event, then forgets it', async () => {
      const h = harness()
      const { store } = await h.make({ ttlMs: h.ttlMs })
      await store.claim('a', 'owner-hash')
      await store.append('a', token(0))
      await store.append('a', { type: 'done', seq: 1 })
      await h.elapse(h.ttlMs * 0.3)
      expect(await store.read('a', 0)).toEqual({ events: [{ type: 'done', seq: 1 }], finished: true })
      expect(await store.owner('a')).toBe('owner-hash')
      await h.elapse(h.ttlMs * 1.2)
      expect(await store.read('a', -1)).toBeUndefined()
      expect(await store.owner('a')).toBeUndefined()
    })

    it('tells a subscriber each new event of its stream, in order, until it unsubscribes', async () => {
      const { store } = await harness().make()
      const seen: number[] = []
      const unsubscribe = await store.subscribe('a', (event) => seen.push(event.seq))
      await store.append('a', token(0))
      await store.append('b', token(0))
      await store.append('a', token(1))
      await eventually(() => [...seen], (s) => s.length >= 2, 'events followed')
      unsubscribe()
      await store.append('a', token(2))
      await sleep(50)
      expect(seen).toEqual([0, 1])
    })

    it('follows from the moment subscribe returns: a write between subscribe and read is neither lost nor doubled', async () => {
      const { store, twin } = await harness().make()
      const writer = await twin()
      await writer.append('a', token(0))
      const seen: number[] = []
      const off = await store.subscribe('a', (event) => seen.push(event.seq))
      await writer.append('a', token(1))
      const history = await store.read('a', -1)
      await writer.append('a', { type: 'done', seq: 2 })
      await eventually(() => [...seen], (s) => s.includes(2), 'live events')
      off()
      expect(history!.events.map((e) => e.seq)).toEqual([0, 1])
      expect(seen).toEqual([1, 2])
    })

    it('forgets a stream on expire; its subscribers get nothing more', async () => {
      const { store } = await harness().make()
      const seen: number[] = []
      const off = await store.subscribe('a', (event) => seen.push(event.seq))
      await store.append('a', token(0))
      await eventually(() => [...seen], (s) => s.length === 1, 'first event')
      await store.expire('a')
      expect(await store.read('a', -1)).toBeUndefined()
      off()
    })

    it('records the owner of a stream; a claimed stream is known before its first event', async () => {
      const { store, twin } = await harness().make()
      await store.claim('a', 'hash-1')
      const other = await twin()
      expect(await other.owner('a')).toBe('hash-1')
      expect(await other.read('a', -1)).toEqual({ events: [], finished: false })
    })

    it('delivers a stop request from another instance once, and one sent before listening too', async () => {
      const { store, twin } = await harness().make()
      const other = await twin()
      await store.claim('a', 'h')
      await store.claim('b', 'h')
      let stops = 0
      const off = await store.onStopRequest('a', () => stops++)
      await other.requestStop('a')
      await eventually(() => stops, (n) => n === 1, 'stop heard')
      await other.requestStop('a')
      await sleep(50)
      expect(stops).toBe(1)
      off()
      await other.requestStop('b')
      let early = 0
      const offB = await store.onStopRequest('b', () => early++)
      await eventually(() => early, (n) => n === 1, 'earlier stop heard')
      offB()
    })

    it('caps concurrent slots per owner across instances, frees them on release, and lets a crashed holder’s slots expire', async () => {
      const h = harness()
      const { store, twin } = await h.make()
      const other = await twin()
      const limit = { limit: 3, ttlMs: 60_000 }
      expect(await store.acquireSlot('alice', 's1', limit)).toEqual({ ok: true })
      expect(await other.acquireSlot('alice', 's2', limit)).toEqual({ ok: true })
      expect(await store.acquireSlot('alice', 's3', limit)).toEqual({ ok: true })
      const refused = await other.acquireSlot('alice', 's4', limit)
      expect(refused.ok).toBe(false)
      expect(refused.ok === false && refused.retryAfter).toBeGreaterThanOrEqual(1)
      expect(await other.acquireSlot('bob', 'b1', limit)).toEqual({ ok: true })
      await other.releaseSlot('alice', 's2')
      expect(await store.acquireSlot('alice', 's4', limit)).toEqual({ ok: true })

      // A holder that never releases (its instance crashed): the slot frees after its ttl.
      const short = { limit: 1, ttlMs: h.ttlMs }
      expect(await store.acquireSlot('carol', 'c1', short)).toEqual({ ok: true })
      expect((await other.acquireSlot('carol', 'c2', short)).ok).toBe(false)
      await h.elapse(h.ttlMs * 1.2)
      expect(await other.acquireSlot('carol', 'c2', short)).toEqual({ ok: true })
    })
  })
}
