import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../core/state.ts'
import { messageWeight, sliceStart } from './history-budget.ts'

const message = (id: number, chars: number): ChatMessage => ({ id: `m${id}`, role: 'assistant', parts: [{ type: 'text', text: 'x'.repeat(chars) }] })
const thread = (sizes: number[]) => sizes.map((chars, i) => message(i, chars))

describe('sliceStart', () => {
  it('walks back from the end until the budget of characters is spent', () => {
    const messages = thread([1000, 1000, 1000, 1000])
    const each = messageWeight(messages[0]!)
    expect(sliceStart(messages, 4, each * 2)).toBe(2)
    expect(sliceStart(messages, 2, each * 2)).toBe(0)
  })

  it('always takes at least one message, however small the budget or large the message', () => {
    const messages = thread([10, 100_000])
    expect(sliceStart(messages, 2, 1)).toBe(1)
    expect(sliceStart(messages, 1, 1)).toBe(0)
    expect(sliceStart(messages, 0, 1_000)).toBe(0)
  })

  it('stops at the message cap even when the budget is not spent', () => {
    const messages = thread(Array.from({ length: 100 }, () => 5))
    expect(sliceStart(messages, 100, 1_000_000, 24)).toBe(76)
  })
})
