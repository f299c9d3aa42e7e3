import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { addSibling, appendMessage, branchTreeFromMessages, activePathIds, type BranchTree } from '../branches/branch-tree.ts'
import type { ChatMessage } from '../state.ts'
import { createLocalStoragePersistence } from './local-storage-persistence.ts'
import { PersistenceError } from './persistence-error.ts'
import { createThreadSaver } from './thread-saver.ts'
import { THREAD_RECORD_VERSION, type ThreadPersistence, type ThreadRecord } from './thread-record.ts'
import { validateThreadRecord } from './validate-thread-record.ts'

/** A message with every part type and every tool call state. */
const everyPart: ChatMessage = {
  id: 'a1',
  role: 'assistant',
  finishReason: 'stop',
  usage: { inputTokens: 12, outputTokens: 34 },
  parts: [
    { type: 'reasoning', text: 'Let me think', done: true, startedAt: 1000, endedAt: 4200 },
    { type: 'status', message: 'Searching the web…' },
    { type: 'tool-call', id: 't1', name: 'search', state: 'output-available', argsText: '{"q":"rivers"}', args: { q: 'rivers' }, result: { hits: [1, 2] } },
    { type: 'tool-call', id: 't2', name: 'fetch', state: 'output-error', argsText: '{"url":"x"}', args: { url: 'x' }, errorText: 'boom' },
    { type: 'tool-call', id: 't3', name: 'calc', state: 'input-available', argsText: '{"a":1}', args: { a: 1 } },
    { type: 'tool-call', id: 't4', name: 'calc', state: 'input-streaming', argsText: '{"a"', args: {} },
    { type: 'text', text: 'Rivers **flow**.', citations: [{ sourceId: 'src1', start: 0, end: 6 }] },
    { type: 'error', code: 'rate_limited', message: 'slow down', retryAfter: 3, resumable: false },
    { type: 'error', code: 'http', message: 'nope', status: 502, resumable: true },
    { type: 'source', id: 'src1', url: 'https://example.com/rivers', title: 'Rivers', snippet: 'Water flows' },
    { type: 'data', name: 'weather', id: 'w1', data: { temp: 21 } },
    { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,AAAA', name: 'chart.png', size: 3 },
  ],
}
const user = (id: string, text = id): ChatMessage => ({ id, role: 'user', parts: [{ type: 'text', text }] })

function record(tree: BranchTree, id = 't1'): ThreadRecord {
  return { version: THREAD_RECORD_VERSION, id, title: 'Rivers', createdAt: 1, updatedAt: 2, tree }
}

function branched(): BranchTree {
  let tree = branchTreeFromMessages([{ id: 's', role: 'system', parts: [{ type: 'text', text: 'be brief' }] }, user('u1'), everyPart])
  tree = addSibling(tree, 'a1', { id: 'a1b', role: 'assistant', parts: [{ type: 'text', text: 'again' }] })
  return appendMessage(tree, 'a1b', user('u2'))
}

function thrownBy(fn: () => unknown): PersistenceError {
  try {
    fn()
  } catch (error) {
    if (error instanceof PersistenceError) return error
    throw error
  }
  throw new Error('expected a PersistenceError')
}

describe('validateThreadRecord', () => {
  it('accepts a whole branched thread with every part type', () => {
    const value = record(branched())
    expect(validateThreadRecord(JSON.parse(JSON.stringify(value)), 't1')).toEqual(value)
  })

  it('accepts a generated image saved mid-generation (its id and generating state)', () => {
    const value = JSON.parse(JSON.stringify(record(branched())))
    const image = { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,UA0=', id: 'ig_1', state: 'generating' }
    value.tree.nodes.u2.message.parts.push(image)
    expect(validateThreadRecord(JSON.parse(JSON.stringify(value)), 't1').tree.nodes.u2!.message.parts[1]).toEqual(image)
  })

  it('names the first bad field of a corrupt record', () => {
    const broken = JSON.parse(JSON.stringify(record(branched())))
    broken.tree.nodes.a1.message.parts[6].text = 42
    const error = thrownBy(() => validateThreadRecord(broken))
    expect(error.code).toBe('corrupt')
    expect(error.message).toContain('tree.nodes["a1"].message.parts[6].text must be a string')
  })

  it.each([
    ['not an object', () => 'hello', 'not an object'],
    ['no version', (r: Record<string, unknown>) => ({ ...r, version: undefined }), 'no record version'],
    ['a wrong id', (r: Record<string, unknown>) => ({ ...r, id: 'other' }), 'thread.id is "other"'],
    ['a bad role', (r: any) => ((r.tree.nodes.u1.message.role = 'robot'), r), 'role must be'],
    ['a child its parent does not list', (r: any) => ((r.tree.nodes.a1b.childIds = []), delete r.tree.nodes.a1b.activeChildId, r), 'not reachable'],
    ['a child listed under the wrong parent', (r: any) => ((r.tree.nodes.u1.childIds = ['a1', 'a1b', 'u2']), r), 'lists "u2"'],
    ['an active child that is not a child', (r: any) => ((r.tree.nodes.u1.activeChildId = 'u2'), r), 'activeChildId must be one of its children'],
    ['a parent that does not exist', (r: any) => ((r.tree.nodes.a1b.childIds = []), delete r.tree.nodes.a1b.activeChildId, (r.tree.nodes.u2.parentId = 'gone'), r), 'parentId must name'],
    ['a key that is not its message id', (r: any) => ((r.tree.nodes.u2.message.id = 'x'), r), 'must equal its key'],
    ['an unknown root', (r: any) => ((r.tree.rootIds = ['s', 'zz']), r), 'lists "zz"'],
    ['nodes as an array', (r: any) => ((r.tree.nodes = []), r), 'tree.nodes must be an object'],
    ['a data part without a name', (r: any) => (r.tree.nodes.u2.message.parts.push({ type: 'data', data: 1 }), r), 'parts[1].name must be a string'],
    ['a source part without an id', (r: any) => (r.tree.nodes.u2.message.parts.push({ type: 'source', url: 'https://example.com' }), r), 'parts[1].id must be a string'],
    ['a source title that is not text', (r: any) => (r.tree.nodes.u2.message.parts.push({ type: 'source', id: 's', title: { html: '<b>' } }), r), 'parts[1].title must be a string when present'],
    ['a file size that is not a number', (r: any) => (r.tree.nodes.u2.message.parts.push({ type: 'file', mediaType: 'image/png', url: 'data:,', size: '1 MB' }), r), 'parts[1].size must be a number'],
    ['a generated image id that is not text', (r: any) => (r.tree.nodes.u2.message.parts.push({ type: 'file', mediaType: 'image/png', url: 'data:,', id: 7 }), r), 'parts[1].id must be a string when present'],
    ['citations that are not a list', (r: any) => ((r.tree.nodes.u2.message.parts[0].citations = 3), r), 'parts[0].citations must be an array'],
    ['a citation past the end of its text', (r: any) => ((r.tree.nodes.u2.message.parts[0].citations = [{ sourceId: 's', start: 0, end: 99 }]), r), 'parts[0].citations[0] must have 0 ≤ start ≤ end ≤ 2'],
    ['a citation without a source id', (r: any) => ((r.tree.nodes.u2.message.parts[0].citations = [{ start: 0, end: 1 }]), r), 'parts[0].citations[0] must be an object with a string sourceId'],
  ])('refuses a record with %s as corrupt', (_, mutate, text) => {
    const value = (mutate as (r: unknown) => unknown)(JSON.parse(JSON.stringify(record(branched()))))
    const error = thrownBy(() => validateThreadRecord(value, 't1'))
    expect(error.code).toBe('corrupt')
    expect(error.message).toContain(text)
  })

  it('tells an older record from a newer one', () => {
    const older = { ...record(branched()), version: 0 }
    const newer = { ...record(branched()), version: THREAD_RECORD_VERSION + 1 }
    expect(thrownBy(() => validateThreadRecord(older)).code).toBe('version_too_old')
    const error = thrownBy(() => validateThreadRecord(newer, 't1'))
    expect(error.code).toBe('version_too_new')
    expect(error.message).toContain('newer rivulet-ui')
  })

  it('keeps parts of types it does not know (newer minor releases)', () => {
    const value = JSON.parse(JSON.stringify(record(branched())))
    value.tree.nodes.u2.message.parts.push({ type: 'hologram', url: 'https://example.com' })
    expect(validateThreadRecord(value).tree.nodes.u2?.message.parts.at(-1)).toEqual({ type: 'hologram', url: 'https://example.com' })
  })
})

describe('createLocalStoragePersistence', () => {
  beforeEach(() => localStorage.clear())
  afterEach(() => localStorage.clear())

  it('round-trips the whole tree, every branch and every part type', async () => {
    const persistence = createLocalStoragePersistence()
    const value = record(branched())
    await persistence.save('t1', value)
    const loaded = await persistence.load('t1')
    expect(loaded).toEqual(value)
    expect(activePathIds(loaded!.tree)).toEqual(['s', 'u1', 'a1b', 'u2'])
    expect(await persistence.load('never')).toBeUndefined()
  })

  it('lists summaries newest first and forgets removed threads', async () => {
    const persistence = createLocalStoragePersistence()
    await persistence.save('old', { ...record(branched(), 'old'), updatedAt: 10 })
    await persistence.save('new', { ...record(branched(), 'new'), updatedAt: 20, title: 'New' })
    await persistence.save('old', { ...record(branched(), 'old'), updatedAt: 5 })
    expect(await persistence.list!()).toEqual([
      { id: 'new', title: 'New', createdAt: 1, updatedAt: 20 },
      { id: 'old', title: 'Rivers', createdAt: 1, updatedAt: 5 },
    ])
    await persistence.remove!('new')
    expect((await persistence.list!()).map((s) => s.id)).toEqual(['old'])
    expect(await persistence.load('new')).toBeUndefined()
  })

  it('rebuilds a lost or broken index from the stored threads', async () => {
    const persistence = createLocalStoragePersistence()
    await persistence.save('a', record(branched(), 'a'))
    localStorage.setItem('rivulet:threads', '{oops')
    localStorage.setItem('rivulet:thread:bad', '{"version":1}')
    expect((await persistence.list!()).map((s) => s.id)).toEqual(['a'])
  })

  it('refuses an unparsable, corrupt or future record instead of half-loading it', () => {
    const persistence = createLocalStoragePersistence()
    localStorage.setItem('rivulet:thread:t1', '{"version":1,"id":"t1"')
    expect(thrownBy(() => persistence.load('t1')).code).toBe('corrupt')
    localStorage.setItem('rivulet:thread:t1', JSON.stringify({ ...record(branched()), version: 99 }))
    expect(thrownBy(() => persistence.load('t1')).code).toBe('version_too_new')
    localStorage.setItem('rivulet:thread:t1', JSON.stringify({ ...record(branched()), tree: { nodes: {}, rootIds: ['x'] } }))
    expect(thrownBy(() => persistence.load('t1')).code).toBe('corrupt')
  })

  it('reports a full storage as quota and keeps the previous copy and index', () => {
    const persistence = createLocalStoragePersistence()
    persistence.save('t1', record(branched()))
    const before = localStorage.getItem('rivulet:thread:t1')
    // jsdom enforces the same 5 MB quota as browsers: this thread does not fit.
    const huge = record(branchTreeFromMessages([user('big', 'x'.repeat(6_000_000))]))
    const error = thrownBy(() => persistence.save('t1', huge))
    expect(error.code).toBe('quota')
    expect(localStorage.getItem('rivulet:thread:t1')).toBe(before)
  })

  it('reports missing or blocked storage as unavailable', () => {
    const none = createLocalStoragePersistence({ storage: () => undefined })
    expect(thrownBy(() => none.load('t1')).code).toBe('unavailable')
    const blocked = createLocalStoragePersistence({
      storage: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError')
      },
    })
    expect(thrownBy(() => blocked.save('t1', record(branched()))).code).toBe('unavailable')
    expect(thrownBy(() => blocked.list!()).code).toBe('unavailable')
  })
})

describe('createThreadSaver', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  function memory(): ThreadPersistence & { saves: ThreadRecord[] } {
    const saves: ThreadRecord[] = []
    return { saves, load: () => undefined, save: (_id, thread) => void saves.push(thread) }
  }

  it('coalesces requests within the quiet time into one save of the latest snapshot', async () => {
    const persistence = memory()
    const saver = createThreadSaver({ persistence, delayMs: 400 })
    const snapshot = vi.fn(() => record(branched()))
    for (let i = 0; i < 50; i++) saver.schedule('t1', snapshot)
    expect(snapshot).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(399)
    expect(persistence.saves).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(persistence.saves).toHaveLength(1)
    expect(snapshot).toHaveBeenCalledTimes(1)
    expect(saver.pending).toBe(false)
  })

  it('reports a failed save as a typed error and saves again on the next request', async () => {
    let fail = true
    const saved: string[] = []
    const onError = vi.fn()
    const saver = createThreadSaver({
      persistence: {
        load: () => undefined,
        save: async (id) => {
          if (fail) throw new Error('offline')
          saved.push(id)
        },
      },
      onError,
    })
    saver.schedule('t1', () => record(branched()))
    await saver.flush()
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]![0]).toMatchObject({ code: 'failed', message: expect.stringContaining('offline') })
    fail = false
    saver.schedule('t1', () => record(branched()))
    await saver.flush()
    expect(saved).toEqual(['t1'])
  })

  it('never lets an older snapshot overwrite a newer one', async () => {
    const order: number[] = []
    let release: () => void = () => {}
    const saver = createThreadSaver({
      persistence: {
        load: () => undefined,
        save: (_id, thread) =>
          thread.updatedAt === 1 ? new Promise<void>((resolve) => (release = () => (order.push(1), resolve()))) : void order.push(thread.updatedAt),
      },
    })
    saver.schedule('t1', () => ({ ...record(branched()), updatedAt: 1 }))
    const first = saver.flush()
    saver.schedule('t1', () => ({ ...record(branched()), updatedAt: 2 }))
    const second = saver.flush()
    await vi.advanceTimersByTimeAsync(0)
    expect(order).toEqual([])
    release()
    await Promise.all([first, second])
    expect(order).toEqual([1, 2])
  })

  it('runs a due save in an idle period of the page, and cancel drops one waiting for it', async () => {
    const persistence = memory()
    const idle: (() => void)[] = []
    const saver = createThreadSaver({ persistence, delayMs: 400, whenIdle: (run) => (idle.push(run), () => idle.splice(idle.indexOf(run), 1)) })
    saver.schedule('t1', () => record(branched()))
    await vi.advanceTimersByTimeAsync(1000)
    // Due, but the page has not been idle yet.
    expect(persistence.saves).toHaveLength(0)
    expect(saver.pending).toBe(true)
    idle.shift()!()
    await vi.advanceTimersByTimeAsync(0)
    expect(persistence.saves).toHaveLength(1)
    saver.schedule('t1', () => record(branched()))
    await vi.advanceTimersByTimeAsync(1000)
    expect(idle).toHaveLength(1)
    saver.cancel()
    expect(idle).toHaveLength(0)
    expect(persistence.saves).toHaveLength(1)
  })

  it('cancel drops what was scheduled', async () => {
    const persistence = memory()
    const saver = createThreadSaver({ persistence })
    saver.schedule('t1', () => record(branched()))
    saver.cancel()
    await vi.advanceTimersByTimeAsync(1000)
    expect(persistence.saves).toHaveLength(0)
  })
})
