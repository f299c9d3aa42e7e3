import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { longThread } from '../../../test/support/long-thread.ts'
import { appendMessage, branchTreeFromMessages, reconcilePath, removeMessage, syncPath } from './branch-tree.ts'
import { copyIdRecord, emptyIdRecord } from './id-record.ts'

// V8's own answer to "is this object a hash table?" (what the helpers are for): natives syntax,
// compiled after the flag is set, in a context of this isolate.
setFlagsFromString('--allow-natives-syntax')
const hasFastProperties = runInNewContext('(o) => %HasFastProperties(o)') as (o: object) => boolean

const ids = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`m${i}`, i]))

describe('id records', () => {
  it('are plain objects: same keys, order and JSON as a spread', () => {
    const source = ids(5)
    const copy = copyIdRecord(source, { m2: 20, extra: 9 })
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
    expect(copy).toEqual({ ...source, m2: 20, extra: 9 })
    expect(Object.keys(copy)).toEqual([...Object.keys(source), 'extra'])
    expect(JSON.stringify(copy)).toBe(JSON.stringify({ ...source, m2: 20, extra: 9 }))
    expect(source.m2).toBe(2)
    expect(Object.keys(emptyIdRecord())).toEqual([])
  })

  it('are hash tables in V8 from the first key, also when copied from a fast-mode object', () => {
    const empty = emptyIdRecord<number>()
    expect(hasFastProperties(empty)).toBe(false)
    const source = ids(1_000)
    expect(hasFastProperties(copyIdRecord(source))).toBe(false)
    expect(hasFastProperties(copyIdRecord(copyIdRecord(source), { more: 1 }))).toBe(false)
  })

  it("keep a 1,000-message tree's nodes a hash table through the tree operations", () => {
    const messages = longThread(1_000)
    const tree = branchTreeFromMessages(messages)
    expect(hasFastProperties(tree.nodes)).toBe(false)
    const ask = { id: 'ask', role: 'user' as const, parts: [] }
    const appended = appendMessage(tree, 'm999', ask)
    expect(hasFastProperties(appended.nodes)).toBe(false)
    const reconciled = reconcilePath(tree, [...messages, ask, { id: 'answer', role: 'assistant' as const, parts: [] }])
    expect(hasFastProperties(reconciled.nodes)).toBe(false)
    expect(hasFastProperties(removeMessage(reconciled, 'answer').nodes)).toBe(false)
    const changed = messages.map((m, i) => (i === 999 ? { ...m, parts: [] } : m))
    expect(hasFastProperties(syncPath(tree, changed).nodes)).toBe(false)
  })
})
