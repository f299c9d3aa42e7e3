import { describe, expect, it } from 'vitest'
import type { ChatEvent, UnsequencedChatEvent } from '../protocol/events.ts'
import { chatReducer } from './chat-reducer.ts'
import { initialChatState, type ChatMessage, type ChatState, type MessagePart } from './state.ts'
import { textVersionOf } from './text-log.ts'
import { beginTurn, prepareContinue } from './turn.ts'

const userMessage: ChatMessage = { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Hi' }] }

function turnState(): ChatState {
  return beginTurn(initialChatState, { userMessage, assistantId: 'a1' })
}

/** Applies events numbered from 0 (or after the state's lastSeq), with `now` = seq * 10. */
function apply(events: UnsequencedChatEvent[], state: ChatState = turnState()): ChatState {
  let seq = (state.stream?.lastSeq ?? -1) + 1
  for (const event of events) {
    state = chatReducer(state, { ...event, seq } as ChatEvent, seq * 10)
    seq++
  }
  return state
}

function partsOf(state: ChatState): MessagePart[] {
  return state.messages.at(-1)?.parts ?? []
}

const start: UnsequencedChatEvent = { type: 'start', streamId: 's1' }

interface Case {
  name: string
  events: UnsequencedChatEvent[]
  parts: MessagePart[]
  status?: ChatState['status']
}

const cases: Case[] = [
  {
    name: 'joins consecutive tokens into one text part',
    events: [start, { type: 'token', content: 'Hel' }, { type: 'token', content: 'lo' }],
    parts: [{ type: 'text', text: 'Hello' }],
    status: 'streaming',
  },
  {
    name: 'ignores empty tokens',
    events: [start, { type: 'token', content: '' }],
    parts: [],
  },
  {
    name: 'opens reasoning with its start time and closes it with the first token',
    events: [start, { type: 'reasoning', content: 'Let me ' }, { type: 'reasoning', content: 'think' }, { type: 'token', content: 'Yes' }],
    parts: [
      { type: 'reasoning', text: 'Let me think', done: true, startedAt: 10, endedAt: 30 },
      { type: 'text', text: 'Yes' },
    ],
  },
  {
    name: 'starts a new text part after a tool call',
    events: [start, { type: 'token', content: 'A' }, { type: 'tool_call_start', id: 't1', name: 'f' }, { type: 'token', content: 'B' }],
    parts: [
      { type: 'text', text: 'A' },
      { type: 'tool-call', id: 't1', name: 'f', state: 'input-streaming', argsText: '', args: undefined },
      { type: 'text', text: 'B' },
    ],
  },
  {
    name: 'starts a new reasoning part when reasoning resumes after other content',
    events: [start, { type: 'reasoning', content: 'a' }, { type: 'tool_call_start', id: 't1', name: 'f' }, { type: 'reasoning', content: 'b' }],
    parts: [
      { type: 'reasoning', text: 'a', done: true, startedAt: 10, endedAt: 20 },
      { type: 'tool-call', id: 't1', name: 'f', state: 'input-streaming', argsText: '', args: undefined },
      { type: 'reasoning', text: 'b', done: false, startedAt: 30 },
    ],
  },
  {
    name: 'keeps reasoning open across argument deltas of an earlier tool call',
    events: [start, { type: 'tool_call_start', id: 't1', name: 'f' }, { type: 'reasoning', content: 'a' }, { type: 'tool_call_delta', id: 't1', argsDelta: '{' }],
    parts: [
      { type: 'tool-call', id: 't1', name: 'f', state: 'input-streaming', argsText: '{', args: undefined },
      { type: 'reasoning', text: 'a', done: false, startedAt: 20 },
    ],
  },
  {
    name: 'replaces the last status line instead of piling them up',
    events: [start, { type: 'status', message: 'Searching…' }, { type: 'status', message: 'Reading 3 pages…' }],
    parts: [{ type: 'status', message: 'Reading 3 pages…' }],
  },
  {
    name: 'adds a new status line after other content and closes reasoning',
    events: [start, { type: 'status', message: 'One' }, { type: 'reasoning', content: 'r' }, { type: 'status', message: 'Two' }],
    parts: [
      { type: 'status', message: 'One' },
      { type: 'reasoning', text: 'r', done: true, startedAt: 20, endedAt: 30 },
      { type: 'status', message: 'Two' },
    ],
  },
  {
    name: 'grows only argsText while tool arguments stream',
    events: [
      start,
      { type: 'tool_call_start', id: 't1', name: 'weather' },
      { type: 'tool_call_delta', id: 't1', argsDelta: '{"city":' },
      { type: 'tool_call_delta', id: 't1', argsDelta: ' "Par' },
    ],
    parts: [{ type: 'tool-call', id: 't1', name: 'weather', state: 'input-streaming', argsText: '{"city": "Par', args: undefined }],
  },
  {
    name: 'parses the arguments once when the input ends',
    events: [
      start,
      { type: 'tool_call_start', id: 't1', name: 'weather' },
      { type: 'tool_call_delta', id: 't1', argsDelta: '{"city":"Paris"}' },
      { type: 'tool_call_end', id: 't1' },
    ],
    parts: [{ type: 'tool-call', id: 't1', name: 'weather', state: 'input-available', argsText: '{"city":"Paris"}', args: { city: 'Paris' } }],
  },
  {
    name: 'falls back to the lenient parse for truncated arguments',
    events: [start, { type: 'tool_call_start', id: 't1', name: 'f' }, { type: 'tool_call_delta', id: 't1', argsDelta: '{"q":"rain' }, { type: 'tool_call_end', id: 't1' }],
    parts: [{ type: 'tool-call', id: 't1', name: 'f', state: 'input-available', argsText: '{"q":"rain', args: { q: 'rain' } }],
  },
  {
    name: 'gives a call without arguments an empty object',
    events: [start, { type: 'tool_call_start', id: 't1', name: 'now' }, { type: 'tool_call_end', id: 't1' }],
    parts: [{ type: 'tool-call', id: 't1', name: 'now', state: 'input-available', argsText: '', args: {} }],
  },
  {
    name: 'leaves args undefined when the arguments are not JSON at all',
    events: [start, { type: 'tool_call_start', id: 't1', name: 'f' }, { type: 'tool_call_delta', id: 't1', argsDelta: 'garbage' }, { type: 'tool_call_end', id: 't1' }],
    parts: [{ type: 'tool-call', id: 't1', name: 'f', state: 'input-available', argsText: 'garbage', args: undefined }],
  },
  {
    name: 'records a tool result',
    events: [start, { type: 'tool_call_start', id: 't1', name: 'f' }, { type: 'tool_call_end', id: 't1' }, { type: 'tool_result', id: 't1', result: { temp: 21 } }],
    parts: [{ type: 'tool-call', id: 't1', name: 'f', state: 'output-available', argsText: '', args: {}, result: { temp: 21 } }],
  },
  {
    name: 'records a failed tool with readable error text',
    events: [start, { type: 'tool_call_start', id: 't1', name: 'f' }, { type: 'tool_call_end', id: 't1' }, { type: 'tool_result', id: 't1', result: { message: 'quota' }, isError: true }],
    parts: [{ type: 'tool-call', id: 't1', name: 'f', state: 'output-error', argsText: '', args: {}, result: { message: 'quota' }, errorText: 'quota' }],
  },
  {
    name: 'completes the input of a call still streaming when its result arrives',
    events: [start, { type: 'tool_call_start', id: 't1', name: 'f' }, { type: 'tool_call_delta', id: 't1', argsDelta: '{"a":1}' }, { type: 'tool_result', id: 't1', result: 'ok' }],
    parts: [{ type: 'tool-call', id: 't1', name: 'f', state: 'output-available', argsText: '{"a":1}', args: { a: 1 }, result: 'ok' }],
  },
  {
    name: 'creates the part for a result whose call never started',
    events: [start, { type: 'token', content: 'x' }, { type: 'tool_result', id: 't9', result: 'late', isError: true }],
    parts: [
      { type: 'text', text: 'x' },
      { type: 'tool-call', id: 't9', name: '', state: 'output-error', argsText: '', args: undefined, result: 'late', errorText: 'late' },
    ],
  },
  {
    name: 'never moves a tool call back: late deltas, ends, starts and second results are ignored',
    events: [
      start,
      { type: 'tool_call_start', id: 't1', name: 'f' },
      { type: 'tool_call_delta', id: 't1', argsDelta: '{}' },
      { type: 'tool_result', id: 't1', result: 1 },
      { type: 'tool_call_delta', id: 't1', argsDelta: 'x' },
      { type: 'tool_call_end', id: 't1' },
      { type: 'tool_call_start', id: 't1', name: 'g' },
      { type: 'tool_result', id: 't1', result: 2, isError: true },
    ],
    parts: [{ type: 'tool-call', id: 't1', name: 'f', state: 'output-available', argsText: '{}', args: {}, result: 1 }],
  },
  {
    name: 'ignores deltas and ends for unknown tool ids',
    events: [start, { type: 'tool_call_delta', id: 'nope', argsDelta: '{' }, { type: 'tool_call_end', id: 'nope' }],
    parts: [],
  },
  {
    name: 'keeps the partial content and appends the error where the stream broke',
    events: [start, { type: 'reasoning', content: 'r' }, { type: 'error', code: 'rate_limited', message: 'Slow down', retryAfter: 3 }],
    parts: [
      { type: 'reasoning', text: 'r', done: true, startedAt: 10, endedAt: 20 },
      { type: 'error', code: 'rate_limited', message: 'Slow down', retryAfter: 3, resumable: false },
    ],
    status: 'error',
  },
  {
    name: 'marks a network error on a named stream resumable',
    events: [start, { type: 'token', content: 'a' }, { type: 'error', code: 'network', message: 'lost' }],
    parts: [
      { type: 'text', text: 'a' },
      { type: 'error', code: 'network', message: 'lost', resumable: true },
    ],
  },
  {
    name: 'does not mark a network error resumable before the stream is named',
    events: [{ type: 'token', content: 'a' }, { type: 'error', code: 'network', message: 'lost' }],
    parts: [
      { type: 'text', text: 'a' },
      { type: 'error', code: 'network', message: 'lost', resumable: false },
    ],
  },
  {
    name: 'finishes open tool inputs and open reasoning on done',
    events: [
      start,
      { type: 'tool_call_start', id: 't1', name: 'f' },
      { type: 'tool_call_delta', id: 't1', argsDelta: '{"a":[1,2' },
      { type: 'reasoning', content: 'r' },
      { type: 'done' },
    ],
    parts: [
      { type: 'tool-call', id: 't1', name: 'f', state: 'input-available', argsText: '{"a":[1,2', args: { a: [1, 2] } },
      { type: 'reasoning', text: 'r', done: true, startedAt: 30, endedAt: 40 },
    ],
    status: 'ready',
  },
]

describe('chatReducer', () => {
  it.each(cases)('$name', ({ events, parts, status }) => {
    const state = apply(events)
    expect(partsOf(state)).toEqual(parts)
    if (status) expect(state.status).toBe(status)
  })

  it('records the stream id on start and starts streaming', () => {
    const state = apply([start])
    expect(state.status).toBe('streaming')
    expect(state.stream).toEqual({ streamId: 's1', messageId: 'a1', lastSeq: 0 })
  })

  it('keeps the assistant message id when start names another one', () => {
    const state = apply([{ type: 'start', streamId: 's1', messageId: 'server-id' }, { type: 'token', content: 'x' }])
    expect(state.messages.map((m) => m.id)).toEqual(['u1', 'a1'])
  })

  it('moves a reconnecting chat back to streaming on the next event', () => {
    const state = apply([{ type: 'token', content: 'x' }], { ...apply([start]), status: 'reconnecting' })
    expect(state.status).toBe('streaming')
  })

  it('sets the error on the state, with retryAfter', () => {
    const state = apply([start, { type: 'error', code: 'rate_limited', message: 'Slow down', retryAfter: 3 }])
    expect(state.error).toEqual({ code: 'rate_limited', message: 'Slow down', retryAfter: 3, resumable: false })
  })

  it('records finish reason and usage on done, defaulting the reason to stop', () => {
    const withUsage = apply([start, { type: 'done', finishReason: 'length', usage: { inputTokens: 5, outputTokens: 7 } }])
    expect(withUsage.messages.at(-1)).toMatchObject({ finishReason: 'length', usage: { inputTokens: 5, outputTokens: 7 } })
    const bare = apply([start, { type: 'done' }])
    expect(bare.messages.at(-1)?.finishReason).toBe('stop')
    expect(bare.messages.at(-1)).not.toHaveProperty('usage')
  })

  it('advances lastSeq for every applied event, even one that changes no part', () => {
    const before = apply([start])
    const after = apply([{ type: 'tool_call_delta', id: 'nope', argsDelta: '{' }], before)
    expect(after.stream?.lastSeq).toBe(1)
    expect(after.messages).toBe(before.messages)
  })

  it('drops events already applied after a resume, returning the same state', () => {
    const state = apply([start, { type: 'token', content: 'Hel' }, { type: 'token', content: 'lo' }])
    expect(chatReducer(state, { type: 'token', seq: 2, content: 'lo' })).toBe(state)
    expect(chatReducer(state, { type: 'token', seq: 0, content: 'Hel' })).toBe(state)
    const next = chatReducer(state, { type: 'token', seq: 3, content: '!' })
    expect(partsOf(next)).toEqual([{ type: 'text', text: 'Hello!' }])
  })

  it('applies a later event after a gap in seq', () => {
    const state = apply([start])
    const next = chatReducer(state, { type: 'token', seq: 7, content: 'x' })
    expect(next.stream?.lastSeq).toBe(7)
    expect(partsOf(next)).toEqual([{ type: 'text', text: 'x' }])
  })

  it('takes no events after the turn ended', () => {
    const done = apply([start, { type: 'done' }])
    expect(chatReducer(done, { type: 'token', seq: 9, content: 'late' })).toBe(done)
    const failed = apply([start, { type: 'error', code: 'timeout', message: 't' }])
    expect(chatReducer(failed, { type: 'token', seq: 9, content: 'late' })).toBe(failed)
  })

  it('takes no events before a turn began', () => {
    expect(chatReducer(initialChatState, { type: 'token', seq: 0, content: 'x' })).toBe(initialChatState)
  })

  it('ignores unknown event types', () => {
    const state = apply([start])
    const unknown = { type: 'future_thing', seq: 5 } as unknown as ChatEvent
    expect(chatReducer(state, unknown)).toBe(state)
  })

  it('creates the streaming message when the cursor names one that is missing', () => {
    const state: ChatState = { ...initialChatState, status: 'submitted', stream: { streamId: undefined, messageId: 'x', lastSeq: -1 } }
    const next = chatReducer(state, { type: 'token', seq: 0, content: 'hi' })
    expect(next.messages).toEqual([{ id: 'x', role: 'assistant', parts: [{ type: 'text', text: 'hi' }] }])
  })

  it('does not stamp times when no clock value is given', () => {
    let state = chatReducer(turnState(), { type: 'reasoning', seq: 0, content: 'r' })
    state = chatReducer(state, { type: 'token', seq: 1, content: 't' })
    expect(partsOf(state)[0]).toEqual({ type: 'reasoning', text: 'r', done: true })
  })

  describe('structural sharing', () => {
    it('keeps the identity of finished messages', () => {
      const first = apply([start, { type: 'token', content: 'one' }, { type: 'done' }])
      const finished = first.messages.at(-1)
      const second = beginTurn(first, { userMessage: { ...userMessage, id: 'u2' }, assistantId: 'a2' })
      const streaming = apply([start, { type: 'token', content: 'two' }, { type: 'token', content: '!' }], second)
      expect(streaming.messages[0]).toBe(userMessage)
      expect(streaming.messages[1]).toBe(finished)
      expect(streaming.messages[2]).toBe(second.messages[2]) // the new user message
    })

    it('gives new identities only to the streaming message and the touched part', () => {
      const before = apply([
        start,
        { type: 'reasoning', content: 'r' },
        { type: 'tool_call_start', id: 't1', name: 'f' },
        { type: 'tool_call_start', id: 't2', name: 'g' },
        { type: 'token', content: 'a' },
      ])
      const after = apply([{ type: 'tool_call_delta', id: 't1', argsDelta: '{' }], before)
      const [r0, t0, u0, x0] = partsOf(before)
      const [r1, t1, u1, x1] = partsOf(after)
      expect(after.messages[0]).toBe(before.messages[0])
      expect(after.messages[1]).not.toBe(before.messages[1])
      expect(r1).toBe(r0)
      expect(t1).not.toBe(t0)
      expect(u1).toBe(u0)
      expect(x1).toBe(x0)
    })

    it('does not copy the message for a repeated identical status line', () => {
      const before = apply([start, { type: 'status', message: 'Working' }])
      const after = apply([{ type: 'status', message: 'Working' }], before)
      expect(after.messages).toBe(before.messages)
    })
  })
})

describe('the text log of a turn that fails', () => {
  const streamed = () => apply([start, { type: 'token', content: 'Hel' }, { type: 'token', content: 'lo' }])

  it('is let go when the server ends the turn with an error it cannot come back from', () => {
    const failed = apply([{ type: 'error', code: 'context_length', message: 'The conversation is too long' }], streamed())
    expect(partsOf(failed)[0]).toMatchObject({ type: 'text', text: 'Hello' })
    expect(textVersionOf(partsOf(failed)[0]!)).toBeUndefined()
  })

  it('is kept through a resumable error, and the resumed text continues it', () => {
    const failed = apply([{ type: 'error', code: 'network', message: 'Connection lost' }], streamed())
    const log = textVersionOf(partsOf(failed)[0]!)?.log
    expect(log?.length).toBe(5)
    const resumed = apply([{ type: 'token', content: ' there' }], prepareContinue(failed))
    expect(textVersionOf(partsOf(resumed)[0]!)?.log).toBe(log)
    expect(log!.read(5)).toBe(' there')
  })
})
