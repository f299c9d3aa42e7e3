import { describe, expect, it } from 'vitest'
import type { FrameScheduler } from '../../core/frame-scheduler.ts'
import { emptyMetrics, type ChatMetrics } from '../../core/metrics.ts'
import type { StreamLogEntry, StreamLogListener } from '../../core/stream-log.ts'
import { createValueStore } from '../../core/value-store.ts'
import { createInspectorStore, type InspectedChat } from './create-inspector-store.ts'

const request = (at: number, kind: 'send' | 'resume' = 'send', attempt = 0): StreamLogEntry => ({ type: 'request', at, kind, attempt })
const token = (at: number, seq: number, content = 'x'): StreamLogEntry => ({ type: 'event', at, event: { type: 'token', seq, content } })
const chunk = (at: number, text: string): StreamLogEntry => ({ type: 'chunk', at, bytes: new TextEncoder().encode(text).length, text })

/** A scheduler whose frame comes only when the test says so. */
function manualScheduler(): FrameScheduler & { frame(): void } {
  const tasks = new Set<() => void>()
  const run = () => {
    const due = [...tasks]
    tasks.clear()
    for (const task of due) task()
  }
  return { schedule: (task) => void tasks.add(task), flush: run, cancel: (task) => (task ? void tasks.delete(task) : tasks.clear()), frame: run }
}

function fakeChat() {
  const observers = new Set<StreamLogListener>()
  const metrics = createValueStore<ChatMetrics>(emptyMetrics)
  const chat: InspectedChat = {
    observe(listener) {
      observers.add(listener)
      return () => void observers.delete(listener)
    },
    metrics,
  }
  return {
    chat,
    metrics,
    emit: (...entries: StreamLogEntry[]) => entries.forEach((entry) => observers.forEach((observer) => observer(entry))),
    get observers() {
      return observers.size
    },
  }
}

describe('createInspectorStore', () => {
  it('tells its listeners once per frame however many entries arrived', () => {
    const fake = fakeChat()
    const scheduler = manualScheduler()
    const store = createInspectorStore(fake.chat, { scheduler })
    store.connect()
    let notified = 0
    store.subscribe(() => notified++)
    fake.emit(request(0))
    for (let i = 1; i <= 1000; i++) fake.emit(chunk(i, `data: ${i}\n\n`), token(i, i))
    expect(notified).toBe(0)
    expect(store.getSnapshot().entries).toHaveLength(0)
    scheduler.frame()
    expect(notified).toBe(1)
    expect(store.getSnapshot().entries).toHaveLength(2001)
  })

  it('lists only the newest maxEntries frames, oldest first, and counts the rest', () => {
    const fake = fakeChat()
    const scheduler = manualScheduler()
    const store = createInspectorStore(fake.chat, { scheduler, maxEntries: 3 })
    store.connect()
    fake.emit(request(100), ...[1, 2, 3, 4, 5].map((i) => chunk(100 + i * 10, `frame ${i}`)))
    scheduler.frame()
    const { frames, hiddenFrames, entries } = store.getSnapshot()
    expect(frames.map((f) => [f.text, f.at])).toEqual([
      ['frame 3', 30],
      ['frame 4', 40],
      ['frame 5', 50],
    ])
    expect(hiddenFrames).toBe(2)
    expect(entries).toHaveLength(6)
  })

  it('starts over on a new send but keeps retries and resumes in the same turn', () => {
    const fake = fakeChat()
    const scheduler = manualScheduler()
    const store = createInspectorStore(fake.chat, { scheduler })
    store.connect()
    fake.emit(request(0), chunk(10, 'a'), request(20, 'send', 1), chunk(30, 'b'), request(40, 'resume'), chunk(50, 'c'))
    scheduler.frame()
    expect(store.getSnapshot().frames.map((f) => f.text)).toEqual(['a', 'b', 'c'])
    fake.emit(request(1000), chunk(1010, 'd'))
    scheduler.frame()
    expect(store.getSnapshot().entries).toHaveLength(2)
    expect(store.getSnapshot().frames.map((f) => [f.text, f.at])).toEqual([['d', 10]])
  })

  it('gives frames ids that stay unique across turns, so React keys never collide', () => {
    const fake = fakeChat()
    const scheduler = manualScheduler()
    const store = createInspectorStore(fake.chat, { scheduler })
    store.connect()
    fake.emit(request(0), chunk(1, 'a'), chunk(2, 'b'))
    scheduler.frame()
    const first = store.getSnapshot().frames.map((f) => f.id)
    fake.emit(request(10), chunk(11, 'c'))
    scheduler.frame()
    expect(first).not.toContain(store.getSnapshot().frames[0]!.id)
  })

  it('publishes the latest metrics and a commit rate sampled when metrics change', () => {
    const fake = fakeChat()
    const scheduler = manualScheduler()
    let clock = 0
    const store = createInspectorStore(fake.chat, { scheduler, now: () => clock })
    store.connect()
    fake.metrics.set({ ...emptyMetrics, commits: 10, tokens: 1 })
    clock = 500
    fake.metrics.set({ ...emptyMetrics, commits: 40, tokens: 2 })
    scheduler.frame()
    expect(store.getSnapshot().metrics.tokens).toBe(2)
    expect(store.getSnapshot().commitsPerSecond).toBe(60)
  })

  it('stops observing and publishing when disconnected, and can connect again', () => {
    const fake = fakeChat()
    const scheduler = manualScheduler()
    const store = createInspectorStore(fake.chat, { scheduler })
    const disconnect = store.connect()
    expect(fake.observers).toBe(1)
    fake.emit(request(0))
    disconnect()
    expect(fake.observers).toBe(0)
    let notified = 0
    store.subscribe(() => notified++)
    scheduler.frame()
    expect(notified).toBe(0)
    store.connect()
    fake.emit(chunk(5, 'x'))
    scheduler.frame()
    expect(notified).toBe(1)
  })
})
