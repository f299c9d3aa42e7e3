import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../core/state.ts'
import { estimateHeight } from './offscreen-style.ts'
import { FIRST_SCREEN_CHARS, FIRST_SCREEN_HEIGHTS, FIRST_SCREEN_MESSAGES, firstScreenStart, messageWeight, sliceStart } from './history-budget.ts'

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

describe('firstScreenStart', () => {
  const lines = (id: number, count: number): ChatMessage => ({ id: `m${id}`, role: 'assistant', parts: [{ type: 'text', text: 'word\n\n'.repeat(count) }] })

  it('stops once the newest messages are estimated to fill the screens it asks for', () => {
    const messages = Array.from({ length: 50 }, (_, i) => lines(i, 10))
    const start = firstScreenStart(messages, 700)
    const height = messages.slice(start).reduce((sum, message) => sum + estimateHeight(message), 0)
    expect(height).toBeGreaterThanOrEqual(700 * FIRST_SCREEN_HEIGHTS)
    // One message fewer would not have filled them.
    expect(height - estimateHeight(messages[start]!)).toBeLessThan(700 * FIRST_SCREEN_HEIGHTS)
  })

  it('stops at the character budget on a very tall screen, and never takes more than the message cap', () => {
    const long = thread(Array.from({ length: 20 }, () => 1_000))
    const start = firstScreenStart(long, 1_000_000)
    const weight = long.slice(start).reduce((sum, message) => sum + messageWeight(message), 0)
    expect(weight).toBeGreaterThanOrEqual(FIRST_SCREEN_CHARS)
    expect(weight - messageWeight(long[start]!)).toBeLessThan(FIRST_SCREEN_CHARS)
    expect(100 - firstScreenStart(thread(Array.from({ length: 100 }, () => 1)), 1_000_000)).toBeLessThanOrEqual(FIRST_SCREEN_MESSAGES)
  })

  it('always takes the newest message', () => {
    expect(firstScreenStart(thread([100_000, 100_000]), 1)).toBe(1)
    expect(firstScreenStart([], 700)).toBe(0)
  })
})
