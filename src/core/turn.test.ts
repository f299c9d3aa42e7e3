import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../protocol/events.ts'
import { chatReducer } from './chat-reducer.ts'
import { initialChatState, type ChatMessage, type ChatState } from './state.ts'
import { beginTurn, failTurn, prepareContinue, prepareRetry, setStatus, stopTurn } from './turn.ts'

const user = (id: string, text: string): ChatMessage => ({ id, role: 'user', parts: [{ type: 'text', text }] })

function applyAll(state: ChatState, events: ChatEvent[]): ChatState {
  return events.reduce((s, e) => chatReducer(s, e, e.seq), state)
}

function streamed(events: ChatEvent[]): ChatState {
  return applyAll(beginTurn(initialChatState, { userMessage: user('u1', 'Hi'), assistantId: 'a1' }), events)
}

describe('beginTurn', () => {
  it('appends the prompt and an empty assistant message and points the cursor at it', () => {
    const state = beginTurn(initialChatState, { userMessage: user('u1', 'Hi'), assistantId: 'a1' })
    expect(state.messages).toEqual([user('u1', 'Hi'), { id: 'a1', role: 'assistant', parts: [] }])
    expect(state.status).toBe('submitted')
    expect(state.stream).toEqual({ streamId: undefined, messageId: 'a1', lastSeq: -1 })
  })

  it('clears the previous error and keeps earlier messages by identity', () => {
    const failed = failTurn(beginTurn(initialChatState, { userMessage: user('u1', 'Hi'), assistantId: 'a1' }), {
      code: 'http',
      message: '500',
      status: 500,
      resumable: false,
    })
    const next = beginTurn(failed, { assistantId: 'a2' })
    expect(next.error).toBeUndefined()
    expect(next.messages.slice(0, 2)).toEqual(failed.messages)
    expect(next.messages[1]).toBe(failed.messages[1])
    expect(next.messages.map((m) => m.id)).toEqual(['u1', 'a1', 'a2'])
  })
})

describe('failTurn', () => {
  it('adds the error after the partial content and closes open reasoning', () => {
    const state = streamed([
      { type: 'start', seq: 0, streamId: 's1' },
      { type: 'reasoning', seq: 1, content: 'hmm' },
    ])
    const failed = failTurn(state, { code: 'timeout', message: 'No data for 30 s', resumable: false }, 99)
    expect(failed.status).toBe('error')
    expect(failed.error).toEqual({ code: 'timeout', message: 'No data for 30 s', resumable: false })
    expect(failed.messages.at(-1)?.parts).toEqual([
      { type: 'reasoning', text: 'hmm', done: true, startedAt: 1, endedAt: 99 },
      { type: 'error', code: 'timeout', message: 'No data for 30 s', resumable: false },
    ])
  })

  it('keeps the HTTP status and retryAfter on the error part', () => {
    const state = beginTurn(initialChatState, { userMessage: user('u1', 'Hi'), assistantId: 'a1' })
    const failed = failTurn(state, { code: 'http', message: 'Too many', status: 429, retryAfter: 2, resumable: false })
    expect(failed.messages.at(-1)?.parts).toEqual([{ type: 'error', code: 'http', message: 'Too many', status: 429, retryAfter: 2, resumable: false }])
  })

  it('creates an assistant message when there is none', () => {
    const failed = failTurn({ ...initialChatState, messages: [user('u1', 'Hi')] }, { code: 'network', message: 'offline', resumable: false })
    expect(failed.messages).toHaveLength(2)
    expect(failed.messages[1]).toMatchObject({ role: 'assistant', parts: [{ type: 'error', code: 'network' }] })
    expect(failed.stream?.messageId).toBe(failed.messages[1]?.id)
  })

  it('lets the first failure win over a late one and never fails a finished turn', () => {
    const errored = streamed([{ type: 'error', seq: 0, code: 'rate_limited', message: 'slow', retryAfter: 1 }])
    expect(failTurn(errored, { code: 'timeout', message: 'late', resumable: false })).toBe(errored)
    const done = streamed([{ type: 'done', seq: 0 }])
    expect(failTurn(done, { code: 'network', message: 'late', resumable: false })).toBe(done)
  })
})

describe('setStatus', () => {
  it('returns the same state when the status is unchanged', () => {
    const state = streamed([{ type: 'start', seq: 0, streamId: 's' }])
    expect(setStatus(state, 'streaming')).toBe(state)
    expect(setStatus(state, 'reconnecting').status).toBe('reconnecting')
  })
})

describe('stopTurn', () => {
  it('keeps the partial answer, closes reasoning and settles streaming tool input', () => {
    const state = streamed([
      { type: 'start', seq: 0, streamId: 's1' },
      { type: 'tool_call_start', seq: 1, id: 't1', name: 'f' },
      { type: 'tool_call_delta', seq: 2, id: 't1', argsDelta: '{"q":"ra' },
      { type: 'reasoning', seq: 3, content: 'r' },
    ])
    const stopped = stopTurn(state, 50)
    expect(stopped.status).toBe('ready')
    expect(stopped.messages.at(-1)).toEqual({
      id: 'a1',
      role: 'assistant',
      finishReason: 'other',
      parts: [
        { type: 'tool-call', id: 't1', name: 'f', state: 'input-available', argsText: '{"q":"ra', args: { q: 'ra' } },
        { type: 'reasoning', text: 'r', done: true, startedAt: 3, endedAt: 50 },
      ],
    })
  })

  it('writes nothing that arrives after the stop', () => {
    const stopped = stopTurn(streamed([{ type: 'token', seq: 0, content: 'par' }]))
    expect(chatReducer(stopped, { type: 'token', seq: 1, content: 'tial' })).toBe(stopped)
  })

  it('leaves a turn that is not in progress alone', () => {
    const done = streamed([{ type: 'done', seq: 0 }])
    expect(stopTurn(done)).toBe(done)
    expect(stopTurn(initialChatState)).toBe(initialChatState)
  })
})

describe('prepareRetry', () => {
  it('removes the failed reply and keeps the prompt last, ready to be re-run', () => {
    const failed = streamed([
      { type: 'token', seq: 0, content: 'part' },
      { type: 'error', seq: 1, code: 'upstream_error', message: 'boom' },
    ])
    const prepared = prepareRetry(failed)
    expect(prepared?.messages).toEqual([user('u1', 'Hi')])
    expect(prepared?.error).toBeUndefined()
    expect(prepared?.stream).toBeUndefined()
    const rerun = beginTurn(prepared!, { assistantId: 'a2' })
    expect(rerun.messages.map((m) => m.id)).toEqual(['u1', 'a2'])
    expect(rerun.status).toBe('submitted')
  })

  it('keeps earlier turns by identity', () => {
    const first = streamed([{ type: 'done', seq: 0 }])
    const second = applyAll(beginTurn(first, { userMessage: user('u2', 'Again'), assistantId: 'a2' }), [
      { type: 'error', seq: 0, code: 'timeout', message: 't' },
    ])
    const prepared = prepareRetry(second)
    expect(prepared?.messages.map((m) => m.id)).toEqual(['u1', 'a1', 'u2'])
    expect(prepared?.messages[1]).toBe(first.messages[1])
  })

  it('returns undefined when there is no prompt to resend', () => {
    expect(prepareRetry(initialChatState)).toBeUndefined()
  })
})

describe('prepareContinue', () => {
  it('resumes after the partial content and drops replayed events', () => {
    const broken = streamed([
      { type: 'start', seq: 0, streamId: 's1' },
      { type: 'token', seq: 1, content: 'Hel' },
      { type: 'error', seq: 2, code: 'network', message: 'lost' },
    ])
    const resuming = prepareContinue(broken)
    expect(resuming.status).toBe('reconnecting')
    expect(resuming.error).toBeUndefined()
    expect(resuming.messages.at(-1)?.parts).toEqual([{ type: 'text', text: 'Hel' }])
    expect(resuming.stream).toEqual({ streamId: 's1', messageId: 'a1', lastSeq: 2 })

    // The server replays from Last-Event-ID; what we already have is ignored.
    const resumed = applyAll(resuming, [
      { type: 'token', seq: 1, content: 'Hel' },
      { type: 'token', seq: 3, content: 'lo' },
      { type: 'done', seq: 4 },
    ])
    expect(resumed.status).toBe('ready')
    expect(resumed.messages.at(-1)?.parts).toEqual([{ type: 'text', text: 'Hello' }])
  })

  it('resumes a stream that broke after a client-side failure', () => {
    const state = streamed([
      { type: 'start', seq: 0, streamId: 's1' },
      { type: 'token', seq: 1, content: 'a' },
    ])
    const failed = failTurn(state, { code: 'network', message: 'dropped', resumable: true })
    const resumed = applyAll(prepareContinue(failed), [{ type: 'token', seq: 2, content: 'b' }])
    expect(resumed.messages.at(-1)?.parts).toEqual([{ type: 'text', text: 'ab' }])
    expect(resumed.status).toBe('streaming')
  })

  it('returns the same state when there is no stream to continue', () => {
    expect(prepareContinue(initialChatState)).toBe(initialChatState)
  })
})
