// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { decodeText } from '../protocol/decoders/decode-stream.ts'
import type { ChatEvent } from '../protocol/events.ts'
import { createMemoryResumeStore } from './memory-resume-store.ts'
import { resumeEventStream } from './resume-event-stream.ts'
import type { ResumeStore } from './resume-store.ts'

const token = (seq: number): ChatEvent => ({ type: 'token', seq, content: `t${seq}` })
const request = (lastEventId?: string, url = 'http://localhost/api/chat/a/resume') =>
  new Request(url, { headers: lastEventId === undefined ? {} : { 'last-event-id': lastEventId } })

describe('resumeEventStream', () => {
  it('loses nothing and repeats nothing that is appended while it reads the history', async () => {
    const inner = createMemoryResumeStore()
    await inner.append('a', { type: 'start', seq: 0, streamId: 'a' })
    await inner.append('a', token(1))
    // A slow store: the producer appends seq 2 after the subscription but before read answers.
    const store: ResumeStore = {
      ...inner,
      async read(streamId, afterSeq) {
        await inner.append('a', token(2))
        return inner.read(streamId, afterSeq)
      },
    }
    const response = await resumeEventStream(request('0'), store, { streamId: 'a', keepAliveMs: false })
    await inner.append('a', token(3))
    await inner.append('a', { type: 'done', seq: 4 })
    await inner.append('a', token(5)) // after the end: never sent
    expect(decodeText(await response.text(), 'rivulet').map((e) => e.seq)).toEqual([1, 2, 3, 4])
  })

  it('replays everything without Last-Event-ID, and accepts a lastEventId query parameter', async () => {
    const store = createMemoryResumeStore()
    for (let seq = 0; seq < 3; seq++) await store.append('a', token(seq))
    await store.append('a', { type: 'done', seq: 3 })
    const all = await (await resumeEventStream(request(), store, { streamId: 'a' })).text()
    expect(decodeText(all, 'rivulet').map((e) => e.seq)).toEqual([0, 1, 2, 3])
    const tail = await (await resumeEventStream(request(undefined, 'http://localhost/r?lastEventId=2'), store, { streamId: 'a' })).text()
    expect(decodeText(tail, 'rivulet').map((e) => e.seq)).toEqual([3])
  })

  it('answers 404 and stops following when the stream is unknown', async () => {
    let unsubscribed = false
    const store: ResumeStore = {
      append() {},
      read: () => undefined,
      subscribe: () => () => {
        unsubscribed = true
      },
      expire() {},
    }
    const response = await resumeEventStream(request('1'), store, { streamId: 'zzz' })
    expect(response.status).toBe(404)
    expect(unsubscribed).toBe(true)
  })

  it('stops following when the client goes away', async () => {
    const store = createMemoryResumeStore()
    await store.append('a', token(0))
    let following = 0
    const counting: ResumeStore = {
      ...store,
      async subscribe(id, listener) {
        following++
        const off = await store.subscribe(id, listener)
        return () => {
          following--
          off()
        }
      },
    }
    const client = new AbortController()
    const response = await resumeEventStream(new Request('http://localhost/r', { signal: client.signal }), counting, { streamId: 'a', keepAliveMs: false })
    const reader = response.body!.getReader()
    await reader.read()
    expect(following).toBe(1)
    client.abort()
    expect(following).toBe(0)
  })
})
