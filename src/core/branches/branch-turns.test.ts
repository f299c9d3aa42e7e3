import { describe, expect, it } from 'vitest'
import { chatReducer } from '../chat-reducer.ts'
import { initialChatState, type ChatMessage, type ChatState } from '../state.ts'
import { beginTurn } from '../turn.ts'
import { BranchError } from './branch-error.ts'
import { activePathIds } from './branch-tree.ts'
import { applySwitchBranch, branchesOf, prepareEdit, prepareRegenerate, settleTree } from './branch-turns.ts'

const user = (id: string, text = id): ChatMessage => ({ id, role: 'user', parts: [{ type: 'text', text }] })

/** A state after one streamed, settled turn: u1 → a1 "Nile". */
function answered(): ChatState {
  let state = beginTurn(initialChatState, { userMessage: user('u1', 'Longest river?'), assistantId: 'a1' })
  state = chatReducer(state, { type: 'start', seq: 0, streamId: 's1' }, 0)
  state = chatReducer(state, { type: 'token', seq: 1, content: 'Nile' }, 0)
  state = chatReducer(state, { type: 'done', seq: 2 }, 0)
  return settleTree(state)
}

const codeOf = (fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    if (error instanceof BranchError) return error.code
    throw error
  }
  return 'no error'
}

describe('branch turns', () => {
  it('streaming never touches the tree', () => {
    const settled = answered()
    let state = beginTurn(settled, { userMessage: user('u2'), assistantId: 'a2' })
    const tree = state.tree
    for (let seq = 0; seq < 50; seq++) state = chatReducer(state, { type: 'token', seq, content: 'x' }, 0)
    expect(state.tree).toBe(tree)
    expect(branchesOf(state, 'a2')).toEqual({ index: 0, count: 1 })
    expect(activePathIds(settleTree(state).tree!)).toEqual(['u1', 'a1', 'u2', 'a2'])
  })

  it('regenerate adds an empty answer beside the old one and sends the history before it', () => {
    const { state, history } = prepareRegenerate(answered(), undefined, 'a1b')
    expect(history.map((m) => m.id)).toEqual(['u1'])
    expect(state.messages.map((m) => m.id)).toEqual(['u1', 'a1b'])
    expect(state.status).toBe('submitted')
    expect(state.stream).toEqual({ streamId: undefined, messageId: 'a1b', lastSeq: -1 })
    expect(branchesOf(state, 'a1b')).toEqual({ index: 1, count: 2 })
    expect(state.tree!.nodes.a1!.message.parts).toEqual([{ type: 'text', text: 'Nile' }])
  })

  it('edit adds a new prompt beside the old one with an empty answer after it', () => {
    const { state, history } = prepareEdit(answered(), 'u1', 'Shortest river?', { userId: 'u1b', assistantId: 'a3' })
    expect(history).toEqual([user('u1b', 'Shortest river?')])
    expect(state.messages.map((m) => m.id)).toEqual(['u1b', 'a3'])
    expect(branchesOf(state, 'u1b')).toEqual({ index: 1, count: 2 })
    // The old prompt keeps its answer.
    expect(activePathIds(applySwitchBranch(settleTree(state), 'u1b', 0).tree!)).toEqual(['u1', 'a1'])
  })

  it('switching shows the other branch at once and keeps the streamed content of the one left', () => {
    const regenerated = prepareRegenerate(answered(), 'a1', 'a1b').state
    let state = chatReducer(regenerated, { type: 'token', seq: 0, content: 'Amazon' }, 0)
    state = chatReducer(state, { type: 'done', seq: 1 }, 0)
    const back = applySwitchBranch(state, 'a1b', 0)
    expect(back.messages.map((m) => m.id)).toEqual(['u1', 'a1'])
    const again = applySwitchBranch(back, 'a1', 1)
    expect(again.messages.at(-1)!.parts).toEqual([{ type: 'text', text: 'Amazon' }])
  })

  it('refuses unknown messages, wrong roles and out-of-range indexes with typed errors', () => {
    const state = answered()
    expect(codeOf(() => prepareEdit(state, 'gone', 'x', { userId: 'n', assistantId: 'm' }))).toBe('unknown_message')
    expect(codeOf(() => prepareEdit(state, 'a1', 'x', { userId: 'n', assistantId: 'm' }))).toBe('wrong_role')
    expect(codeOf(() => prepareRegenerate(state, 'u1', 'n'))).toBe('wrong_role')
    expect(codeOf(() => prepareRegenerate(initialChatState, undefined, 'n'))).toBe('unknown_message')
    expect(codeOf(() => applySwitchBranch(state, 'a1', 1))).toBe('out_of_range')
    expect(branchesOf(state, 'gone')).toBeUndefined()
  })
})
