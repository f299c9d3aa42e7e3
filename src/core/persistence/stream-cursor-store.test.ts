import { afterEach, describe, expect, it } from 'vitest'
import { createSessionCursorStore, type ActiveStreamCursor } from './stream-cursor-store.ts'

const cursor = (over: Partial<ActiveStreamCursor> = {}): ActiveStreamCursor => ({
  threadId: 't1',
  streamId: 's1',
  messageId: 'a1',
  lastSeq: 7,
  message: { id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'Half an ans' }] },
  savedAt: 1_000,
  ...over,
})

describe('createSessionCursorStore', () => {
  afterEach(() => sessionStorage.clear())

  it('keeps the cursor with its partial message per thread, until cleared', () => {
    const store = createSessionCursorStore({ now: () => 2_000 })
    store.save(cursor())
    store.save(cursor({ threadId: 't2', streamId: 's2' }))
    expect(store.load('t1')).toEqual(cursor())
    expect(store.load('t2')?.streamId).toBe('s2')
    store.clear('t1')
    expect(store.load('t1')).toBeUndefined()
    expect(store.load('t2')).toBeDefined()
  })

  it('drops a stale cursor: its stream has expired on the server anyway', () => {
    const store = createSessionCursorStore({ now: () => 1_000 + 10 * 60_000 + 1 })
    store.save(cursor())
    expect(store.load('t1')).toBeUndefined()
  })

  it.each([
    ['not JSON', '{'],
    ['another version', JSON.stringify({ ...cursor(), version: 2 })],
    ['a broken message', JSON.stringify({ ...cursor(), version: 1, message: { id: 'a1', role: 'assistant', parts: [{ type: 'text' }] } })],
    ['a message that is not the cursor’s', JSON.stringify({ ...cursor({ messageId: 'other' }), version: 1 })],
    ['a bad seq', JSON.stringify({ ...cursor({ lastSeq: -5 }), version: 1 })],
  ])('reads a cursor with %s as none', (_, text) => {
    sessionStorage.setItem('rivulet:cursor:t1', text)
    expect(createSessionCursorStore({ now: () => 2_000 }).load('t1')).toBeUndefined()
  })

  it('without storage loads nothing and reports a failed save as a typed error', () => {
    const store = createSessionCursorStore({ storage: () => undefined })
    expect(store.load('t1')).toBeUndefined()
    expect(() => store.save(cursor())).toThrow(expect.objectContaining({ code: 'unavailable' }))
    expect(() => store.clear('t1')).not.toThrow()
  })
})
