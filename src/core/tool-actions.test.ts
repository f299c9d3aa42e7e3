import { describe, expect, it } from 'vitest'
import type { ChatState, ToolCallPart } from './state.ts'
import { initialChatState } from './state.ts'
import { respondToToolApproval, setToolOutcome } from './tool-actions.ts'

const tool = (id: string, state: ToolCallPart['state'], extra: Partial<ToolCallPart> = {}): ToolCallPart => ({
  type: 'tool-call',
  id,
  name: 'f',
  state,
  argsText: '{}',
  args: {},
  ...extra,
})
function chat(...parts: ToolCallPart[]): ChatState {
  return {
    ...initialChatState,
    status: 'ready',
    messages: [
      { id: 'u', role: 'user', parts: [{ type: 'text', text: 'go' }] },
      { id: 'a', role: 'assistant', parts, finishReason: 'tool-calls' },
    ],
  }
}
const part = (state: ChatState, i = 0) => state.messages[1]!.parts[i] as ToolCallPart

describe('setToolOutcome', () => {
  it('stores an output, dropping preliminary progress, and touches only that message', () => {
    const state = chat(tool('c1', 'input-available'), tool('c2', 'output-available', { result: 0, preliminary: true }))
    const { state: next, problem } = setToolOutcome(state, { toolCallId: 'c2', output: { ok: true } })
    expect(problem).toBeUndefined()
    expect(part(next, 1)).toEqual(tool('c2', 'output-available', { result: { ok: true } }))
    expect(part(next, 0)).toBe(part(state, 0))
    expect(next.messages[0]).toBe(state.messages[0])
  })

  it('stores an error text as output-error', () => {
    const { state } = setToolOutcome(chat(tool('c1', 'input-available')), { toolCallId: 'c1', errorText: 'GPS off' })
    expect(part(state)).toMatchObject({ state: 'output-error', errorText: 'GPS off' })
  })

  it('accepts a result after approval', () => {
    const { state } = setToolOutcome(chat(tool('c1', 'approval-responded', { approval: { approved: true } })), { toolCallId: 'c1', output: 1 })
    expect(part(state)).toMatchObject({ state: 'output-available', result: 1, approval: { approved: true } })
  })

  it.each([
    ['an unknown id', chat(tool('c1', 'input-available')), 'nope', /no tool call with id "nope"/],
    ['a call with its result', chat(tool('c1', 'output-available', { result: 1 })), 'c1', /already has its result/],
    ['a denied call', chat(tool('c1', 'output-denied')), 'c1', /already has its result/],
    ['a call still streaming', chat(tool('c1', 'input-streaming')), 'c1', /still receiving its arguments/],
    ['a call waiting for approval', chat(tool('c1', 'approval-requested')), 'c1', /waiting for approval/],
  ])('refuses %s and leaves the state alone', (_name, state, id, message) => {
    const result = setToolOutcome(state, { toolCallId: id, output: 1 })
    expect(result.problem).toMatch(message)
    expect(result.state).toBe(state)
  })

  it('turns an output that cannot be serialised into a clear output-error', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    for (const output of [cyclic, { n: 1n }]) {
      const { state, problem } = setToolOutcome(chat(tool('c1', 'input-available')), { toolCallId: 'c1', output })
      expect(problem).toMatch(/could not be sent to the model/)
      expect(part(state)).toMatchObject({ state: 'output-error', errorText: problem })
    }
  })
})

describe('respondToToolApproval', () => {
  it('approved: approval-responded, recording the decision', () => {
    const { state } = respondToToolApproval(chat(tool('c1', 'approval-requested')), { toolCallId: 'c1', approved: true })
    expect(part(state)).toMatchObject({ state: 'approval-responded', approval: { approved: true } })
  })

  it('denied: output-denied with the reason, or a default text', () => {
    const withReason = respondToToolApproval(chat(tool('c1', 'approval-requested')), { toolCallId: 'c1', approved: false, reason: ' Not that file ' })
    expect(part(withReason.state)).toMatchObject({ state: 'output-denied', approval: { approved: false, reason: 'Not that file' }, errorText: 'Not that file' })
    const without = respondToToolApproval(chat(tool('c1', 'approval-requested')), { toolCallId: 'c1', approved: false })
    expect(part(without.state)).toMatchObject({ state: 'output-denied', approval: { approved: false }, errorText: 'The user denied this tool call.' })
  })

  it('refuses an unknown id and a call not waiting for approval', () => {
    const state = chat(tool('c1', 'input-available'))
    expect(respondToToolApproval(state, { toolCallId: 'x', approved: true })).toEqual({ state, problem: 'There is no tool call with id "x".' })
    expect(respondToToolApproval(state, { toolCallId: 'c1', approved: true }).problem).toMatch(/not waiting for approval \(it is input-available\)/)
  })
})
