// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { summarizeEvents } from '../support/chat-events.ts'
import { handleStopRequest } from '../../src/server/stop-request.ts'
import { resumeEventStream } from '../../src/server/resume-event-stream.ts'
import { startEventStream, type StartEventStreamOptions } from '../../src/server/start-event-stream.ts'
import type { StreamFinish } from '../../src/server/event-stream-response.ts'
import type { SharedResumeStore } from '../../src/server/resume-store.ts'
import { eventually } from '../support/resume-store-contract.ts'
import { cookieOf, eventsOf, memoryKind, pacedProvider, redisKind, type StoreKind } from '../support/store-pairs.ts'

const API = 'http://localhost/api/chat'
const post = (cookie?: string) => new Request(API, { method: 'POST', headers: cookie ? { cookie } : {} })
const resumeRequest = (streamId: string, cookie?: string, lastEventId?: string) =>
  new Request(`${API}/${streamId}/resume`, { headers: { ...(cookie && { cookie }), ...(lastEventId && { 'last-event-id': lastEventId }) } })
const stopRequest = (streamId: string, cookie?: string) => new Request(`${API}/${streamId}/stop`, { method: 'POST', headers: cookie ? { cookie } : {} })

async function start(store: SharedResumeStore, source: Parameters<typeof startEventStream>[1], options: Partial<StartEventStreamOptions> = {}, cookie?: string) {
  const response = await startEventStream(post(cookie), source, { store, keepAliveMs: false, ...options })
  return response
}

/** Reads a stream's first event (`start`) and hands back its id plus a reader for the rest. */
async function opened(response: Response) {
  const reader = response.body!.getReader()
  const { value } = await reader.read()
  const text = new TextDecoder().decode(value)
  const streamId = /"streamId":"([^"]+)"/.exec(text)![1]!
  return { streamId, reader }
}

for (const kind of [memoryKind, redisKind()] as StoreKind[]) {
  describe.skipIf(!kind.available)(`ownership, stop and limits: ${kind.name}`, () => {
    const pair = kind.setup()

    it('sets an HttpOnly, SameSite=Lax owner cookie scoped to the API, with an unguessable stream id', async () => {
      const { a } = await pair()
      const ids = new Set<string>()
      for (let i = 0; i < 3; i++) {
        const response = await start(a, pacedProvider(1, 0).source, { maxConcurrentStreams: false })
        const setCookie = response.headers.getSetCookie()[0]!
        expect(setCookie).toMatch(/^rivulet_owner=[A-Za-z0-9_-]{43}; Path=\/api\/chat; HttpOnly; SameSite=Lax$/)
        const events = await eventsOf(response)
        const id = (events[0] as { streamId: string }).streamId
        expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/) // 16 random bytes = 128 bits
        ids.add(id)
        // The store keeps a hash of the secret, never the secret.
        const secret = cookieOf(response).split('=')[1]!
        expect(await a.owner(id)).toMatch(/^[0-9a-f]{64}$/)
        expect(await a.owner(id)).not.toContain(secret)
      }
      expect(ids.size).toBe(3)
    })

    it('resumes on another instance only with the owner’s cookie; anything else is a 404 with no data', async () => {
      const { a, b } = await pair()
      const response = await start(a, pacedProvider(5, 1).source)
      const cookie = cookieOf(response)
      const all = await eventsOf(response)
      const streamId = (all[0] as { streamId: string }).streamId

      const owner = await resumeEventStream(resumeRequest(streamId, cookie, '2'), b, { streamId, keepAliveMs: false })
      expect(owner.status).toBe(200)
      expect((await eventsOf(owner)).map((e) => e.seq)).toEqual(all.slice(3).map((e) => e.seq))

      const refused = [
        await resumeEventStream(resumeRequest(streamId), b, { streamId }),
        await resumeEventStream(resumeRequest(streamId, 'rivulet_owner=' + 'x'.repeat(43)), b, { streamId }),
        await resumeEventStream(resumeRequest(streamId, 'rivulet_owner=short'), b, { streamId }),
        await resumeEventStream(resumeRequest('AAAAAAAAAAAAAAAAAAAAAA', cookie), b, { streamId: 'AAAAAAAAAAAAAAAAAAAAAA' }),
        await resumeEventStream(resumeRequest('x', cookie), b, { streamId: '../../etc/passwd' }),
      ]
      for (const r of refused) {
        expect(r.status).toBe(404)
        expect(await r.text()).toBe('Unknown or expired stream.')
      }
    })

    it('takes an authorize hook instead of the cookie, on resume and on stop', async () => {
      const { a, b } = await pair()
      const response = await start(a, pacedProvider(2, 1).source)
      const streamId = ((await eventsOf(response))[0] as { streamId: string }).streamId
      const byHeader = (request: Request) => request.headers.get('x-user') === 'alice'
      const alice = new Request(`${API}/${streamId}/resume`, { headers: { 'x-user': 'alice' } })
      expect((await resumeEventStream(alice, b, { streamId, authorize: byHeader })).status).toBe(200)
      const mallory = new Request(`${API}/${streamId}/resume`, { headers: { 'x-user': 'mallory' } })
      expect((await resumeEventStream(mallory, b, { streamId, authorize: byHeader })).status).toBe(404)
      const stopByMallory = new Request(`${API}/${streamId}/stop`, { method: 'POST', headers: { 'x-user': 'mallory' } })
      expect((await handleStopRequest(stopByMallory, b, { streamId, authorize: byHeader })).status).toBe(404)
    })

    it('a stop on another instance ends the producer’s stream and aborts its provider call; without the cookie it is a 404', async () => {
      const { a, b } = await pair()
      const provider = pacedProvider(10_000, 5)
      const finishes: StreamFinish[] = []
      const response = await start(a, provider.source, { onUsage: (f) => finishes.push(f) })
      const cookie = cookieOf(response)
      const { streamId, reader } = await opened(response)

      expect((await handleStopRequest(stopRequest(streamId), b, { streamId })).status).toBe(404)
      expect((await handleStopRequest(new Request(`${API}/${streamId}/stop`, { headers: { cookie } }), b, { streamId })).status).toBe(405)
      expect((await handleStopRequest(stopRequest('AAAAAAAAAAAAAAAAAAAAAA', cookie), b, { streamId: 'AAAAAAAAAAAAAAAAAAAAAA' })).status).toBe(404)
      const before = provider.state.yielded
      expect((await handleStopRequest(stopRequest(streamId, cookie), b, { streamId })).status).toBe(204)

      let text = ''
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        text += new TextDecoder().decode(value)
      }
      expect(text).toMatch(/"type":"done","seq":\d+,"finishReason":"other"\}\n\n$/)
      expect(provider.state.aborted).toBe(true)
      expect(provider.state.yielded).toBeLessThan(before + 1000)
      expect(finishes.map((f) => f.outcome)).toEqual(['stopped'])
    })

    it('caps concurrent streams per owner across instances: the fourth POST gets 429 with Retry-After, and a finished stream frees its slot', async () => {
      const { a, b } = await pair()
      const providers = [pacedProvider(10_000, 5), pacedProvider(10_000, 5), pacedProvider(10_000, 5)]
      const first = await start(a, providers[0]!.source)
      const cookie = cookieOf(first)
      const open = [await opened(first), await opened(await start(b, providers[1]!.source, {}, cookie)), await opened(await start(a, providers[2]!.source, {}, cookie))]

      const fourth = await start(b, pacedProvider(1, 0).source, {}, cookie)
      expect(fourth.status).toBe(429)
      expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
      // Another owner is not affected.
      expect((await start(b, pacedProvider(1, 0).source)).status).toBe(200)

      // Stopping one (from the other instance) frees its slot.
      expect((await handleStopRequest(stopRequest(open[1]!.streamId, cookie), a, { streamId: open[1]!.streamId })).status).toBe(204)
      while (!(await open[1]!.reader.read()).done) {
        // drain to the end
      }
      // The slot is released as the stream finishes; a networked store answers a moment later.
      let again = await start(b, pacedProvider(1, 0).source, {}, cookie)
      for (let tries = 0; again.status === 429 && tries < 100; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 20))
        again = await start(b, pacedProvider(1, 0).source, {}, cookie)
      }
      expect(again.status).toBe(200)
      await again.text()
      for (const { streamId } of [open[0]!, open[2]!]) await handleStopRequest(stopRequest(streamId, cookie), a, { streamId })
    })

    it('ends a stream that outlives maxDurationMs with a timeout error event, aborting the provider', async () => {
      const { a } = await pair()
      const provider = pacedProvider(10_000, 10)
      const finishes: StreamFinish[] = []
      const events = await eventsOf(await start(a, provider.source, { maxDurationMs: 150, onUsage: (f) => finishes.push(f) }))
      expect(events.at(-1)).toMatchObject({ type: 'error', code: 'timeout' })
      expect(events.filter((e) => e.type === 'error')).toHaveLength(1)
      expect(provider.state.aborted).toBe(true)
      expect(finishes).toHaveLength(1)
      expect(finishes[0]).toMatchObject({ outcome: 'timeout', tokenEvents: events.filter((e) => e.type === 'token').length })
    })

    it("with disconnect: 'continue' keeps producing after its client left; another instance resumes it to the end, and usage is reported once", async () => {
      const { a, b } = await pair()
      const provider = pacedProvider(40, 3)
      const finishes: StreamFinish[] = []
      const source = async function* (signal: AbortSignal) {
        yield* provider.source(signal)
        yield { type: 'done' as const, usage: { inputTokens: 7, outputTokens: 40 } }
      }
      const response = await start(a, source, { disconnect: 'continue', onUsage: (f) => finishes.push(f) })
      const cookie = cookieOf(response)
      const { streamId, reader } = await opened(response)
      await reader.read()
      await reader.cancel()

      const resumed = await resumeEventStream(resumeRequest(streamId, cookie, '0'), b, { streamId, keepAliveMs: false })
      const rest = await eventsOf(resumed)
      expect(rest.at(-1)).toMatchObject({ type: 'done', usage: { inputTokens: 7, outputTokens: 40 } })
      expect(summarizeEvents(rest).text.endsWith('w39 ')).toBe(true)
      expect(provider.state.yielded).toBe(40)
      await eventually(() => finishes.length, (n) => n >= 1, 'usage reported')
      expect(finishes).toEqual([expect.objectContaining({ outcome: 'done', usage: { inputTokens: 7, outputTokens: 40 }, tokenEvents: 40 })])
    })
  })
}
