import { describe, expect, it } from 'vitest'
import { liveHeapBytes } from '../../test/support/heap.ts'
import { forgetLastReplaced, lastReplacedOnly, markLastReplaced } from './last-message-only.ts'
import type { ChatMessage } from './state.ts'

const message = (id: string, text = ''): ChatMessage => ({ id, role: 'assistant', parts: [{ type: 'text', text }] })

/** `previous` with its last message replaced, marked as such: what a streamed token does. */
function replaceLast(previous: readonly ChatMessage[], text: string): ChatMessage[] {
  const next = previous.slice()
  next[next.length - 1] = message('a', text)
  markLastReplaced(next, previous)
  return next
}

describe('lastReplacedOnly', () => {
  it('knows the array each one was made from, and nothing else', () => {
    const first = [message('u'), message('a')]
    const second = replaceLast(first, 'Hel')
    const third = replaceLast(second, 'Hello')
    expect(lastReplacedOnly(second, first)).toBe(true)
    expect(lastReplacedOnly(third, second)).toBe(true)
    // Two steps apart, an unrelated array, or the other way round: not known.
    expect(lastReplacedOnly(third, first)).toBe(false)
    expect(lastReplacedOnly(third, [message('u'), message('a')])).toBe(false)
    expect(lastReplacedOnly(first, second)).toBe(false)
  })

  it('forgets an array that was written in place', () => {
    const first = [message('u'), message('a')]
    const second = replaceLast(first, 'Hi')
    forgetLastReplaced(second)
    expect(lastReplacedOnly(second, first)).toBe(false)
  })

  it('does not keep earlier copies of the thread alive while a stream goes on', () => {
    // Each token's copy of a 10,000-message thread is 80 KB. With the earlier array as the mark's
    // value, the newest copy kept every copy before it alive (~16 MB for 200 tokens).
    const thread = Array.from({ length: 10_000 }, (_, i) => message(`m${i}`, 'text'))
    let current: readonly ChatMessage[] = replaceLast(thread, '')
    const before = liveHeapBytes()
    for (let token = 0; token < 200; token++) current = replaceLast(current, `token ${token}`)
    const grown = liveHeapBytes() - before
    expect(current).toHaveLength(10_000)
    expect(grown).toBeLessThan(2_000_000)
  })
})
