// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import type { UnsequencedChatEvent } from '../../src/protocol/events.ts'
import { createEventStreamResponse } from '../../src/server/event-stream-response.ts'
import { createMemoryResumeStore } from '../../src/server/memory-resume-store.ts'
import { resumeEventStream } from '../../src/server/resume-event-stream.ts'
import type { ResumeStore } from '../../src/server/resume-store.ts'
import { eventsOf, frameReader, sleep, startLocalServer, type LocalServer } from './local-server.ts'

let server: LocalServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const TOKENS = 30

async function* pacedTokens(): AsyncGenerator<UnsequencedChatEvent> {
  for (let i = 0; i < TOKENS; i++) {
    await sleep(3)
    yield { type: 'token', content: `t${i} ` }
  }
}

/** POST /api/chat streams into the store; GET /api/chat/:id/resume replays it, as the client expects. */
async function serveChat(store: ResumeStore, source: () => AsyncIterable<UnsequencedChatEvent> = pacedTokens) {
  let count = 0
  server = await startLocalServer((request) => {
    const resume = /^\/api\/chat\/([^/]+)\/resume$/.exec(new URL(request.url).pathname)
    if (resume) return resumeEventStream(request, store, { streamId: decodeURIComponent(resume[1]!) })
    return createEventStreamResponse(source(), { store, streamId: `s${++count}`, disconnect: 'continue' })
  })
  return `${server.url}/api/chat`
}

describe('resume over HTTP', () => {
  it('replays exactly the events a dropped client missed, then follows the stream to its end', async () => {
    const store = createMemoryResumeStore()
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    // The second half of the answer is held until the resume has connected, so it can only
    // arrive by following the live stream, not from the replay.
    const api = await serveChat(store, async function* () {
      for (let i = 0; i < TOKENS; i++) {
        if (i === TOKENS / 2) await gate
        yield { type: 'token', content: `t${i} ` }
      }
    })
    const client = new AbortController()
    const first = frameReader((await fetch(api, { method: 'POST', body: '{}', signal: client.signal })).body!)
    await first.until(8)
    client.abort()
    const received = eventsOf(first.frames)
    const last = received.at(-1)!.seq
    const streamId = received[0]!.streamId as string

    const resumed = await fetch(`${api}/${streamId}/resume`, { headers: { 'last-event-id': String(last) } })
    expect(resumed.status).toBe(200)
    expect(resumed.headers.get('content-type')).toMatch(/^text\/event-stream/)
    release()
    const rest = eventsOf(await frameReader(resumed.body!).rest())

    const all = [...received, ...rest]
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i))
    expect(rest[0]!.seq).toBe(last + 1)
    expect(all.filter((e) => e.type === 'token').map((e) => e.content)).toEqual(Array.from({ length: TOKENS }, (_, i) => `t${i} `))
    expect(all.at(-1)!.type).toBe('done')
  })

  it('replays a finished stream from Last-Event-ID and closes', async () => {
    const store = createMemoryResumeStore()
    const api = await serveChat(store)
    const whole = eventsOf(await frameReader((await fetch(api, { method: 'POST', body: '{}' })).body!).rest())
    const streamId = whole[0]!.streamId as string
    const replay = eventsOf(await frameReader((await fetch(`${api}/${streamId}/resume`, { headers: { 'last-event-id': '20' } })).body!).rest())
    expect(replay).toEqual(whole.slice(21))
    const everything = eventsOf(await frameReader((await fetch(`${api}/${streamId}/resume`)).body!).rest())
    expect(everything).toEqual(whole)
  })

  it('answers 404 for a stream the store does not know', async () => {
    const api = await serveChat(createMemoryResumeStore())
    const response = await fetch(`${api}/nope/resume`, { headers: { 'last-event-id': '3' } })
    expect(response.status).toBe(404)
  })
})
