import { describe, expect, it } from 'vitest'
import { initialChatState, type ChatMessage, type ChatState } from '../../core/state.ts'
import { createShapeSelector, selectLastMessage } from './thread-shape.ts'

const message = (id: string, text = id): ChatMessage => ({ id, role: 'assistant', parts: [{ type: 'text', text }] })
const state = (messages: ChatMessage[]): ChatState => ({ ...initialChatState, messages })

describe('createShapeSelector', () => {
  it('keeps the same shape while only the last message changes', () => {
    const select = createShapeSelector()
    const a = message('a')
    const first = select(state([a, message('b', 'x')]))
    expect(first.settled).toEqual([a])
    expect(first.count).toBe(2)
    expect(select(state([a, message('b', 'xy')]))).toBe(first)
    expect(select(state([a, message('b', 'xyz')]))).toBe(first)
  })

  it('gives a new shape when a message is added, removed or an earlier one replaced', () => {
    const select = createShapeSelector()
    const [a, b, c] = [message('a'), message('b'), message('c')]
    const two = select(state([a, b]))
    const three = select(state([a, b, c]))
    expect(three).not.toBe(two)
    expect(three.settled).toEqual([a, b])
    const replaced = select(state([message('a', 'edited'), b, c]))
    expect(replaced).not.toBe(three)
    expect(replaced.settled[0]!.parts).toEqual([{ type: 'text', text: 'edited' }])
    const one = select(state([a]))
    expect(one).toEqual({ settled: [], count: 1 })
    expect(select(state([]))).toEqual({ settled: [], count: 0 })
  })

  it('returns the same object for the same state, as useSyncExternalStore needs', () => {
    const select = createShapeSelector()
    const s = state([message('a'), message('b')])
    expect(select(s)).toBe(select(s))
  })
})

describe('selectLastMessage', () => {
  it('is the newest message, or undefined for an empty thread', () => {
    const b = message('b')
    expect(selectLastMessage(state([message('a'), b]))).toBe(b)
    expect(selectLastMessage(state([]))).toBeUndefined()
  })
})
