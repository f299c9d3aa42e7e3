import { describe, expect, it } from 'vitest'
import type { ChatEvent, UnsequencedChatEvent } from '../protocol/events.ts'
import { chatReducer } from './chat-reducer.ts'
import { initialChatState, type ChatState, type MessagePart, type ToolCallPart } from './state.ts'
import { beginTurn } from './turn.ts'

function apply(events: UnsequencedChatEvent[], state: ChatState = beginTurn(initialChatState, { assistantId: 'a1' })): ChatState {
  let seq = (state.stream?.lastSeq ?? -1) + 1
  for (const event of events) state = chatReducer(state, { ...event, seq: seq++ } as ChatEvent, seq)
  return state
}
const partsOf = (state: ChatState): MessagePart[] => state.messages.at(-1)?.parts ?? []
const call = (state: ChatState, id: string) => partsOf(state).find((p): p is ToolCallPart => p.type === 'tool-call' && p.id === id)
const input = (id: string, name: string, args: string): UnsequencedChatEvent[] => [
  { type: 'tool_call_start', id, name },
  { type: 'tool_call_delta', id, argsDelta: args },
  { type: 'tool_call_end', id },
]

describe('reducer: approval requests', () => {
  it('moves a call with complete input to approval-requested', () => {
    const state = apply([...input('c1', 'delete_file', '{"path":"a"}'), { type: 'tool_approval_request', id: 'c1' }])
    expect(call(state, 'c1')).toMatchObject({ state: 'approval-requested', args: { path: 'a' } })
  })

  it('completes input still streaming before asking', () => {
    const state = apply([
      { type: 'tool_call_start', id: 'c1', name: 'f' },
      { type: 'tool_call_delta', id: 'c1', argsDelta: '{"a":1}' },
      { type: 'tool_approval_request', id: 'c1' },
    ])
    expect(call(state, 'c1')).toMatchObject({ state: 'approval-requested', args: { a: 1 } })
  })

  it('ignores a request for an unknown call or a call that already has its result', () => {
    const before = apply([...input('c1', 'f', '{}'), { type: 'tool_result', id: 'c1', result: 1 }])
    const after = apply([{ type: 'tool_approval_request', id: 'c1' }, { type: 'tool_approval_request', id: 'nope' }], before)
    expect(partsOf(after)).toBe(partsOf(before))
    expect(after.stream?.lastSeq).toBe(before.stream!.lastSeq + 2)
  })

  it('shows an error result for a call the user denied as output-denied with the reason', () => {
    const asked = apply([...input('c1', 'f', '{}'), { type: 'tool_approval_request', id: 'c1' }])
    const parts = partsOf(asked).map((p) => (p.type === 'tool-call' ? { ...p, state: 'approval-responded' as const, approval: { approved: false, reason: 'No' } } : p))
    const denied = { ...asked, messages: [{ ...asked.messages.at(-1)!, parts }] }
    const next = apply([{ type: 'tool_result', id: 'c1', result: 'tool execution denied', isError: true }], denied)
    expect(call(next, 'c1')).toMatchObject({ state: 'output-denied', errorText: 'No' })
  })
})

describe('reducer: preliminary results', () => {
  it('shows each progress result, then the final one, which nothing replaces', () => {
    let state = apply([...input('g', 'search', '{}'), { type: 'tool_result', id: 'g', result: { n: 1 }, preliminary: true }])
    expect(call(state, 'g')).toEqual(expect.objectContaining({ state: 'output-available', result: { n: 1 }, preliminary: true }))
    state = apply([{ type: 'tool_result', id: 'g', result: { n: 2 }, preliminary: true }], state)
    expect(call(state, 'g')).toMatchObject({ result: { n: 2 }, preliminary: true })
    state = apply([{ type: 'tool_result', id: 'g', result: { n: 3 } }], state)
    expect(call(state, 'g')).toMatchObject({ state: 'output-available', result: { n: 3 } })
    expect(call(state, 'g')).not.toHaveProperty('preliminary')
    const late = apply([{ type: 'tool_result', id: 'g', result: { n: 4 }, preliminary: true }, { type: 'tool_result', id: 'g', result: { n: 5 } }], state)
    expect(call(late, 'g')).toBe(call(state, 'g'))
  })

  it('lets a generator that fails after progress end as output-error', () => {
    const state = apply([...input('g', 'f', '{}'), { type: 'tool_result', id: 'g', result: 1, preliminary: true }, { type: 'tool_result', id: 'g', result: 'boom', isError: true }])
    expect(call(state, 'g')).toMatchObject({ state: 'output-error', errorText: 'boom' })
    expect(call(state, 'g')).not.toHaveProperty('preliminary')
  })
})

describe('reducer: steps', () => {
  it('marks where each step starts, once, and keeps one assistant message', () => {
    const state = apply([
      { type: 'start', streamId: 's' },
      { type: 'step_start' },
      { type: 'step_start' },
      { type: 'token', content: 'A' },
      { type: 'step_finish' },
      { type: 'step_start' },
      { type: 'token', content: 'B' },
      { type: 'step_finish' },
      { type: 'done', finishReason: 'stop' },
    ])
    expect(state.messages).toHaveLength(1)
    expect(partsOf(state)).toEqual([{ type: 'step-start' }, { type: 'text', text: 'A' }, { type: 'step-start' }, { type: 'text', text: 'B' }])
  })

  it('closes open reasoning when a step finishes', () => {
    const state = apply([{ type: 'reasoning', content: 'hm' }, { type: 'step_finish' }])
    expect(partsOf(state)[0]).toMatchObject({ type: 'reasoning', done: true })
  })

  it('retracts the current step on reset and keeps earlier steps by identity', () => {
    const first = apply([{ type: 'step_start' }, { type: 'token', content: 'Step one.' }, ...input('c1', 'f', '{}'), { type: 'tool_result', id: 'c1', result: 1 }, { type: 'step_finish' }])
    const drafted = apply([{ type: 'step_start' }, { type: 'token', content: 'Draft' }, ...input('c2', 'g', '{"a"')], first)
    const reset = apply([{ type: 'step_reset' }], drafted)
    expect(partsOf(reset)).toEqual([...partsOf(first), { type: 'step-start' }])
    partsOf(first).forEach((part, i) => expect(partsOf(reset)[i]).toBe(part))
    const retried = apply([{ type: 'token', content: 'Final' }, ...input('c2', 'g', '{"a":2}')], reset)
    expect(partsOf(retried).slice(-2)).toEqual([
      { type: 'text', text: 'Final' },
      expect.objectContaining({ id: 'c2', state: 'input-available', args: { a: 2 } }),
    ])
  })

  it('retracts the whole message on a reset without any step marker', () => {
    expect(partsOf(apply([{ type: 'token', content: 'Draft' }, { type: 'step_reset' }]))).toEqual([])
  })
})
