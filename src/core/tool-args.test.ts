import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ChatEvent } from '../protocol/events.ts'
import type { ChatState, ToolCallPart } from './state.ts'

// Count partial-json calls to prove when parsing happens.
const partialJson = vi.hoisted(() => ({ calls: 0 }))
vi.mock('partial-json', async (importOriginal) => {
  const original = await importOriginal<typeof import('partial-json')>()
  return {
    ...original,
    parse: (text: string, allow?: number) => {
      partialJson.calls++
      return original.parse(text, allow)
    },
  }
})

// The test setup preloads the chat engine, which already loaded these modules with the real
// partial-json: load them again, after the mock.
vi.resetModules()
const { chatReducer } = await import('./chat-reducer.ts')
const { initialChatState } = await import('./state.ts')
const { applyPendingToolArgs, parseFinalToolArgs, parsePartialToolArgs } = await import('./tool-args.ts')
const { beginTurn } = await import('./turn.ts')

beforeEach(() => {
  partialJson.calls = 0
})

function applyAll(state: ChatState, events: ChatEvent[]): ChatState {
  return events.reduce((s, e) => chatReducer(s, e), state)
}

function withTools(): ChatState {
  return applyAll(beginTurn(initialChatState, { assistantId: 'a1' }), [
    { type: 'start', seq: 0, streamId: 's1' },
    { type: 'tool_call_start', seq: 1, id: 't1', name: 'f' },
    { type: 'tool_call_start', seq: 2, id: 't2', name: 'g' },
    { type: 'tool_call_delta', seq: 3, id: 't1', argsDelta: '{"city": "Par' },
    { type: 'tool_call_delta', seq: 4, id: 't2', argsDelta: '[1, 2' },
  ])
}

function tool(state: ChatState, id: string): ToolCallPart | undefined {
  return state.messages.at(-1)?.parts.find((p): p is ToolCallPart => p.type === 'tool-call' && p.id === id)
}

describe('parsePartialToolArgs', () => {
  it.each([
    ['{"city": "Par', { city: 'Par' }],
    ['{"a":', {}],
    ['[1, 2', [1, 2]],
    ['{"ok": tr', { ok: true }],
  ])('reads %s as far as it goes', (text, expected) => {
    expect(parsePartialToolArgs(text)).toEqual(expected)
  })

  it('keeps the previous value when the text holds nothing readable yet', () => {
    const previous = { city: 'Par' }
    expect(parsePartialToolArgs('', previous)).toBe(previous)
    expect(parsePartialToolArgs('garbage', previous)).toBe(previous)
  })
})

describe('parseFinalToolArgs', () => {
  it('uses strict JSON for complete arguments without touching the lenient parser', () => {
    expect(parseFinalToolArgs('{"a":[1,{"b":null}]}')).toEqual({ a: [1, { b: null }] })
    expect(partialJson.calls).toBe(0)
  })

  it('falls back to the lenient parse for broken JSON', () => {
    expect(parseFinalToolArgs('{"a": 1, "b": "x')).toEqual({ a: 1, b: 'x' })
  })
})

describe('applyPendingToolArgs', () => {
  it('parses only the named calls and keeps every other part and message', () => {
    const state = withTools()
    const next = applyPendingToolArgs(state, new Set(['t1']))
    expect(tool(next, 't1')?.args).toEqual({ city: 'Par' })
    expect(tool(next, 't2')).toBe(tool(state, 't2'))
    expect(tool(next, 't2')?.args).toBeUndefined()
    expect(partialJson.calls).toBe(1)
  })

  it('returns the same state when there is nothing to parse', () => {
    const state = withTools()
    expect(applyPendingToolArgs(state, new Set())).toBe(state)
    expect(applyPendingToolArgs(state, new Set(['unknown']))).toBe(state)
    expect(applyPendingToolArgs(initialChatState, new Set(['t1']))).toBe(initialChatState)
    expect(partialJson.calls).toBe(0)
  })

  it('leaves finished inputs alone: they were parsed strictly at their end', () => {
    const ended = applyAll(withTools(), [
      { type: 'tool_call_delta', seq: 5, id: 't1', argsDelta: '"}' },
      { type: 'tool_call_end', seq: 6, id: 't1' },
    ])
    expect(applyPendingToolArgs(ended, new Set(['t1']))).toBe(ended)
    expect(tool(ended, 't1')?.args).toEqual({ city: 'Par' })
  })

  it('does not parse per delta: 2,000 fragments of a 50 KB argument cost one parse at flush', () => {
    const big = JSON.stringify({ text: 'x'.repeat(50_000) })
    const fragments = Array.from({ length: 2000 }, (_, i) => big.slice((i * big.length) / 2000, ((i + 1) * big.length) / 2000))
    let state = applyAll(beginTurn(initialChatState, { assistantId: 'a1' }), [
      { type: 'start', seq: 0, streamId: 's' },
      { type: 'tool_call_start', seq: 1, id: 't1', name: 'write' },
    ])
    fragments.forEach((argsDelta, i) => {
      state = chatReducer(state, { type: 'tool_call_delta', seq: i + 2, id: 't1', argsDelta })
    })
    expect(tool(state, 't1')?.argsText).toBe(big)
    expect(tool(state, 't1')?.args).toBeUndefined()
    expect(partialJson.calls).toBe(0)

    state = applyPendingToolArgs(state, new Set(['t1']))
    expect(partialJson.calls).toBe(1)
    expect(tool(state, 't1')?.args).toEqual({ text: 'x'.repeat(50_000) })
  })
})
