import { describe, expect, it } from 'vitest'
import { updateMessage } from '../../core/message-updates.ts'
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

  it('keeps the shape of a streamed token without reading the other messages', () => {
    const select = createShapeSelector()
    const before = state([message('a'), message('b'), message('c', 'x')])
    const first = select(before)
    const after = updateMessage(before, 'c', (m) => ({ ...m, parts: [{ type: 'text', text: 'xy' }] }))
    // Reading an earlier message of the new array would throw: the shape must come without it.
    for (const index of [0, 1]) {
      Object.defineProperty(after.messages, index, {
        get() {
          throw new Error("read message " + index)
        },
      })
    }
    expect(select(after)).toBe(first)
    // An earlier message replaced the same way is not a token: compared, and a new shape.
    const edited = updateMessage(before, 'a', (m) => ({ ...m, parts: [{ type: 'text', text: 'edited' }] }))
    expect(select(edited)).not.toBe(first)
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
