// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../protocol/events.ts'
import { createMemoryResumeStore } from './memory-resume-store.ts'

const token = (seq: number): ChatEvent => ({ type: 'token', seq, content: `t${seq}` })

describe('createMemoryResumeStore', () => {
  it('returns the events after a seq and says when the stream has finished', async () => {
    const store = createMemoryResumeStore()
    for (let seq = 0; seq < 4; seq++) await store.append('a', token(seq))
    expect(await store.read('a', 1)).toEqual({ events: [token(2), token(3)], finished: false })
    await store.append('a', { type: 'done', seq: 4 })
    expect(await store.read('a', 3)).toEqual({ events: [{ type: 'done', seq: 4 }], finished: true })
  })

  it('does not know streams it was never given', async () => {
    const store = createMemoryResumeStore()
    store.subscribe('ghost', () => {})
    expect(await store.read('ghost', -1)).toBeUndefined()
  })

  it('keeps only the last maxEvents events of a stream', async () => {
    const store = createMemoryResumeStore({ maxEvents: 3 })
    for (let seq = 0; seq < 10; seq++) await store.append('a', token(seq))
    expect((await store.read('a', -1))!.events.map((e) => e.seq)).toEqual([7, 8, 9])
  })

  it('forgets the least recently written stream beyond maxStreams', async () => {
    const store = createMemoryResumeStore({ maxStreams: 2 })
    await store.append('a', token(0))
    await store.append('b', token(0))
    await store.append('a', token(1))
    await store.append('c', token(0))
    expect(await store.read('b', -1)).toBeUndefined()
    expect(await store.read('a', -1)).toBeDefined()
    expect(await store.read('c', -1)).toBeDefined()
  })

  it('forgets a stream ttlMs after its last write', async () => {
    let now = 1000
    const store = createMemoryResumeStore({ ttlMs: 100, now: () => now })
    await store.append('a', token(0))
    now = 1090
    await store.append('a', token(1))
    now = 1150
    expect((await store.read('a', -1))!.events).toHaveLength(2)
    now = 1190
    expect(await store.read('a', -1)).toBeUndefined()
  })

  it('tells subscribers each new event until they unsubscribe', async () => {
    const store = createMemoryResumeStore()
    const seen: number[] = []
    const unsubscribe = await store.subscribe('a', (event) => seen.push(event.seq))
    await store.append('a', token(0))
    await store.append('b', token(0))
    await store.append('a', token(1))
    unsubscribe()
    await store.append('a', token(2))
    expect(seen).toEqual([0, 1])
  })

  it('drops a stream and its subscribers on expire', async () => {
    const store = createMemoryResumeStore()
    const seen: number[] = []
    await store.subscribe('a', (event) => seen.push(event.seq))
    await store.append('a', token(0))
    await store.expire('a')
    await store.append('a', token(1))
    expect(seen).toEqual([0])
    expect((await store.read('a', -1))!.events).toEqual([token(1)])
  })
})
