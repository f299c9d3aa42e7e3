import { describe, expect, it } from 'vitest'
import { addSibling, appendMessage, branchTreeFromMessages } from '../branches/branch-tree.ts'
import type { ChatMessage } from '../state.ts'
import { stringifyThreadRecord } from './stringify-record.ts'
import { THREAD_RECORD_VERSION, type ThreadRecord } from './thread-record.ts'

const text = (id: string, role: ChatMessage['role'], body: string): ChatMessage => ({ id, role, parts: [{ type: 'text', text: body }] })

function record(messages: ChatMessage[], title = 'Rivers "and" lakes'): ThreadRecord {
  let tree = branchTreeFromMessages(messages)
  tree = addSibling(tree, messages[1]!.id, text('alt', 'assistant', 'again'))
  return { version: THREAD_RECORD_VERSION, id: 't1', title, createdAt: 1, updatedAt: 2, tree }
}

describe('stringifyThreadRecord', () => {
  it('writes exactly what JSON.stringify writes, also after a node changed and one was added', () => {
    const first = record([text('u1', 'user', 'Longest river?'), text('a1', 'assistant', 'The **Nile**, \u2028 "6,650 km"')])
    expect(stringifyThreadRecord(first)).toBe(JSON.stringify(first))
    // The next turn: a1 gets a new object (its answer changed), u2 is new, u1 is shared.
    const a1 = { ...first.tree.nodes['a1']!, message: text('a1', 'assistant', 'The Nile.') }
    const next: ThreadRecord = { ...first, updatedAt: 3, tree: appendMessage({ ...first.tree, nodes: { ...first.tree.nodes, a1 } }, 'a1', text('u2', 'user', 'And the Amazon?')) }
    expect(stringifyThreadRecord(next)).toBe(JSON.stringify(next))
    expect(JSON.parse(stringifyThreadRecord(next))).toEqual(next)
  })

  it('is not fooled by record text that looks like its placeholders', () => {
    const tricky = record([text('u1', 'user', '\u0000rivulet-x\u0000'), text('a1', 'assistant', '{"nodes":1}')], '\u0000rivulet-\u0000')
    expect(stringifyThreadRecord(tricky)).toBe(JSON.stringify(tricky))
  })
})
