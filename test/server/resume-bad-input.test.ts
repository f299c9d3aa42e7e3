// @vitest-environment node
/** Hostile or broken resume and stop requests: each a clear 4xx, no crash, no growth. */
import { createClient } from 'redis'
import { describe, expect, it } from 'vitest'
import { resumeEventStream } from '../../src/server/resume-event-stream.ts'
import { startEventStream } from '../../src/server/start-event-stream.ts'
import { handleStopRequest } from '../../src/server/stop-request.ts'
import type { SharedResumeStore } from '../../src/server/resume-store.ts'
import { liveHeapBytes } from '../support/heap.ts'
import { cookieOf, eventsOf, memoryKind, pacedProvider, redisKind, type StoreKind } from '../support/store-pairs.ts'

const resume = (store: SharedResumeStore, streamId: string, headers: Record<string, string> = {}) =>
  resumeEventStream(new Request(`http://x/api/chat/${encodeURIComponent(streamId)}/resume`, { headers }), store, { streamId, keepAliveMs: false })

async function finishedStream(store: SharedResumeStore) {
  const response = await startEventStream(new Request('http://x/api/chat', { method: 'POST' }), pacedProvider(3, 0).source, { store, keepAliveMs: false })
  const cookie = cookieOf(response)
  const streamId = ((await eventsOf(response))[0] as { streamId: string }).streamId
  return { cookie, streamId }
}

for (const kind of [memoryKind, redisKind()] as StoreKind[]) {
  describe.skipIf(!kind.available)(`bad resume and stop input: ${kind.name}`, () => {
    const pair = kind.setup()

    it('answers 400 to a malformed or absurd Last-Event-ID, and replays nothing', async () => {
      const { a } = await pair()
      const { cookie, streamId } = await finishedStream(a)
      for (const id of ['abc', '-1', '1.5', '1e3', '0x10', '9'.repeat(20), '9'.repeat(100_000)]) {
        const response = await resume(a, streamId, { cookie, 'last-event-id': id })
        expect(response.status, id.slice(0, 20)).toBe(400)
        expect(await response.text()).toMatch(/^Last-Event-ID must be a sequence number/)
      }
      // A well-formed id past the end is not an error: nothing more to send.
      const past = await resume(a, streamId, { cookie, 'last-event-id': '999999' })
      expect(past.status).toBe(200)
      expect(await past.text()).toBe('')
    })

    it('answers 404 to stream ids that are not ours and to an oversized cookie', async () => {
      const { a } = await pair()
      const { cookie, streamId } = await finishedStream(a)
      for (const id of ['../../etc/passwd', 'a'.repeat(500), 'x y', '\u0000', '{tag}', '']) {
        expect((await resume(a, id, { cookie })).status).toBe(404)
        expect((await handleStopRequest(new Request('http://x/s', { method: 'POST', headers: { cookie } }), a, { streamId: id })).status).toBe(404)
      }
      const huge = `${cookie}; ${'junk='.repeat(5000)}`
      expect((await resume(a, streamId, { cookie: huge })).status).toBe(404)
    })

    it('answers 10,000 resumes of expired streams with 404s, holding nothing afterwards', async () => {
      const { a, redisUrl } = await pair()
      const connectionsBefore = redisUrl && (await connectedClients(redisUrl))
      const before = liveHeapBytes()
      let notFound = 0
      for (let batch = 0; batch < 50; batch++) {
        const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => resume(a, `expired${batch}x${i}`, { 'last-event-id': '3' })))
        notFound += answers.filter((r) => r.status === 404).length
        await Promise.all(answers.map((r) => r.text()))
      }
      expect(notFound).toBe(10_000)
      // Bounded: no per-request state survives. Measured after a full collection, so garbage is not counted
      // Between runs the live heap moves by ±5 MB (compiled code, client buffers) without growing with the
      // count (measured: +4.3, -1.0, +4.2, -1.5 MB over 10k/10k/20k/20k more); a retained Request or
      // Response per resume (several KB each) would add 30 MB or more here.
      expect(liveHeapBytes() - before).toBeLessThan(16 * 1024 * 1024)
      // No follower connection was opened for a stream that does not exist.
      if (redisUrl) expect(await connectedClients(redisUrl)).toBeLessThanOrEqual(connectionsBefore as number)
    })
  })
}

/** How many connections a redis-server holds now (one of them is this probe's own). */
async function connectedClients(url: string): Promise<number> {
  const client = createClient({ url })
  await client.connect()
  try {
    return Number(/connected_clients:(\d+)/.exec(String(await client.sendCommand(['INFO', 'clients'])))?.[1])
  } finally {
    client.destroy()
  }
}
