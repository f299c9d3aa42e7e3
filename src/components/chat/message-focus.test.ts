import { describe, expect, it } from 'vitest'
import { createRovingTabStop, nextMessageIndex } from './message-focus.ts'

describe('nextMessageIndex', () => {
  it.each([
    ['ArrowUp', 5, 4],
    ['ArrowDown', 5, 6],
    ['Home', 5, 0],
    ['End', 5, 9],
    ['ArrowUp', 0, 0],
    ['ArrowDown', 9, 9],
  ])('%s from %i of 10 moves to %i', (key, index, expected) => {
    expect(nextMessageIndex(key, index, 10)).toBe(expected)
  })

  it('leaves other keys, and a message not in the list, to the browser', () => {
    expect(nextMessageIndex('PageUp', 5, 10)).toBeUndefined()
    expect(nextMessageIndex('Tab', 5, 10)).toBeUndefined()
    expect(nextMessageIndex('ArrowUp', -1, 10)).toBeUndefined()
    expect(nextMessageIndex('End', 0, 0)).toBeUndefined()
  })
})

describe('createRovingTabStop', () => {
  it('gives the stop to the last message until another one is focused, then to that one only', () => {
    const stop = createRovingTabStop()
    expect(stop.holds('a9', true)).toBe(true)
    expect(stop.holds('a3', false)).toBe(false)
    stop.focus('a3')
    expect(stop.holds('a3', false)).toBe(true)
    expect(stop.holds('a9', true)).toBe(false)
  })

  it('gives the stop back to the last message when the focused one leaves the thread', () => {
    const stop = createRovingTabStop()
    stop.focus('a3')
    stop.release('a4')
    expect(stop.holds('a3', false)).toBe(true)
    stop.release('a3')
    expect(stop.holds('a9', true)).toBe(true)
  })

  it('tells only the messages whose stop changed', () => {
    const stop = createRovingTabStop()
    const heard: string[] = []
    for (const id of ['a1', 'a2', 'a3']) stop.subscribe(id, () => heard.push(id))
    stop.focus('a1')
    heard.length = 0
    stop.focus('a2')
    expect(heard.sort()).toEqual(['a1', 'a2'])
    heard.length = 0
    stop.focus('a2')
    expect(heard).toEqual([])
  })

  it('tells every message when none holds a focused stop any more (the last one takes it)', () => {
    const stop = createRovingTabStop()
    const heard: string[] = []
    const unsubscribe = stop.subscribe('a1', () => heard.push('a1'))
    stop.subscribe('a9', () => heard.push('a9'))
    stop.focus('a1')
    heard.length = 0
    stop.release('a1')
    expect(heard.sort()).toEqual(['a1', 'a9'])
    unsubscribe()
    heard.length = 0
    stop.focus('a9')
    expect(heard).toEqual(['a9'])
  })

  it('hands focus over to the next message to arrive, once, unless focus moved meanwhile', () => {
    const stop = createRovingTabStop()
    expect(stop.claimHandOver()).toBe(false)
    stop.handOver()
    expect(stop.claimHandOver()).toBe(true)
    expect(stop.claimHandOver()).toBe(false)
    stop.handOver()
    stop.focus('a2')
    expect(stop.claimHandOver()).toBe(false)
  })
})
