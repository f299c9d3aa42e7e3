/**
 * A multi-step agent history, built the way the client builds it (stream events through the
 * reducer, browser tool results, an approval denied) and sent as JSON, converts into what
 * each provider's own request types accept, with every call answered in order.
 */
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages'
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions'
import type { ResponseInputItem } from 'openai/resources/responses/responses'
import { describe, expect, it } from 'vitest'
import { chatReducer } from '../../src/core/chat-reducer.ts'
import { toRequestMessage } from '../../src/core/request-messages.ts'
import { initialChatState, type ChatState } from '../../src/core/state.ts'
import { respondToToolApproval, setToolOutcome } from '../../src/core/tool-actions.ts'
import { beginTurn } from '../../src/core/turn.ts'
import type { ChatEvent, UnsequencedChatEvent } from '../../src/protocol/events.ts'
import type { RivuletMessage } from '../../src/protocol/message-format.ts'
import { toAnthropicMessages } from '../../src/server/history/to-anthropic.ts'
import { toOpenAIChatMessages } from '../../src/server/history/to-openai-chat.ts'
import { toOpenAIResponsesInput } from '../../src/server/history/to-openai-responses.ts'

function stream(state: ChatState, events: UnsequencedChatEvent[]): ChatState {
  let seq = 0
  for (const event of events) state = chatReducer(state, { ...event, seq: seq++ } as ChatEvent, 0)
  return state
}
const call = (id: string, name: string, args: string): UnsequencedChatEvent[] => [
  { type: 'tool_call_start', id, name },
  { type: 'tool_call_delta', id, argsDelta: args },
  { type: 'tool_call_end', id },
]
const must = (result: { state: ChatState; problem?: string }) => {
  expect(result.problem).toBeUndefined()
  return result.state
}

/** system, user, a three-step assistant turn, then a new user prompt. */
function history(): RivuletMessage[] {
  let state: ChatState = { ...initialChatState, messages: [{ id: 's', role: 'system', parts: [{ type: 'text', text: 'Be brief.' }] }] }
  state = beginTurn(state, { userMessage: { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Weather here, then clean up.' }] }, assistantId: 'a1' })
  // Step 1: text, a server tool with its result, a browser tool answered by the client, one that failed.
  state = stream(state, [
    { type: 'start', streamId: 's1' },
    { type: 'step_start' },
    { type: 'reasoning', content: 'Need location first.' },
    { type: 'token', content: 'Let me look.' },
    ...call('call_loc', 'get_location', ''),
    ...call('call_w', 'get_weather', '{"city":"Oslo"}'),
    { type: 'tool_result', id: 'call_w', result: { tempC: 3 } },
    ...call('call_geo', 'geocode', '{"q":"x"}'),
    { type: 'done', finishReason: 'tool-calls' },
  ])
  state = must(setToolOutcome(state, { toolCallId: 'call_loc', output: { lat: 59.9, lon: 10.7 } }))
  state = must(setToolOutcome(state, { toolCallId: 'call_geo', errorText: 'Geocoder offline' }))
  // Step 2 (the client's continuation, same message): a call needing approval, denied.
  state = { ...state, status: 'submitted', stream: { streamId: undefined, messageId: 'a1', lastSeq: -1 } }
  state = stream(state, [
    { type: 'start', streamId: 's2' },
    { type: 'step_start' },
    { type: 'token', content: 'It is 3 °C.' },
    ...call('call_del', 'delete_file', '{"path":"/tmp/cache"}'),
    { type: 'tool_approval_request', id: 'call_del' },
    ...call('call_sql', 'write_sql', '"SELECT 1"'),
    { type: 'done', finishReason: 'tool-calls' },
  ])
  state = must(respondToToolApproval(state, { toolCallId: 'call_del', approved: false, reason: 'Keep it' }))
  state = must(setToolOutcome(state, { toolCallId: 'call_sql', output: 'one row' }))
  // Step 3: the answer, and a call still waiting (no outcome: left out with `unansweredCalls: 'omit'`, else answered "No result").
  state = { ...state, status: 'submitted', stream: { streamId: undefined, messageId: 'a1', lastSeq: -1 } }
  state = stream(state, [{ type: 'start', streamId: 's3' }, { type: 'step_start' }, { type: 'token', content: 'Kept the cache.' }, ...call('call_wait', 'ask_user', '{}'), { type: 'status', message: 'done' }, { type: 'done', finishReason: 'tool-calls' }])
  state = { ...state, messages: [...state.messages, { id: 'u2', role: 'user', parts: [{ type: 'text', text: 'Thanks' }] }] }
  // What the server receives: the default body, through JSON.
  return (JSON.parse(JSON.stringify({ messages: state.messages.map(toRequestMessage) })) as { messages: RivuletMessage[] }).messages
}

/** The first tests read the history as converters did before `unansweredCalls` (the call still waiting left out). */
const omitUnanswered = { unansweredCalls: 'omit' } as const

describe('history converters on a multi-step agent turn', () => {
  it('the body carries every part, tool calls with args and outcomes, in format v1', () => {
    const [, , assistant] = history()
    expect(assistant).toMatchObject({ v: 1, id: 'a1', role: 'assistant', content: 'Let me look.It is 3 °C.Kept the cache.' })
    expect(assistant!.parts.filter((p) => p.type === 'step-start')).toHaveLength(3)
    expect(assistant!.parts.find((p) => p.type === 'tool-call' && p.id === 'call_loc')).toMatchObject({ state: 'output-available', args: {}, result: { lat: 59.9, lon: 10.7 } })
    expect(assistant!.parts.find((p) => p.type === 'tool-call' && p.id === 'call_del')).toMatchObject({ state: 'output-denied', args: { path: '/tmp/cache' }, approval: { approved: false, reason: 'Keep it' } })
  })

  it('toOpenAIChatMessages: assistant tool_calls, then one tool message per call, then the text after', () => {
    const messages: ChatCompletionMessageParam[] = toOpenAIChatMessages(history(), omitUnanswered)
    expect(messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather here, then clean up.' },
      {
        role: 'assistant',
        content: 'Let me look.',
        tool_calls: [
          { id: 'call_loc', type: 'function', function: { name: 'get_location', arguments: '{}' } },
          { id: 'call_w', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
          { id: 'call_geo', type: 'function', function: { name: 'geocode', arguments: '{"q":"x"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_loc', content: '{"lat":59.9,"lon":10.7}' },
      { role: 'tool', tool_call_id: 'call_w', content: '{"tempC":3}' },
      { role: 'tool', tool_call_id: 'call_geo', content: 'Error: Geocoder offline' },
      {
        role: 'assistant',
        content: 'It is 3 °C.',
        tool_calls: [
          { id: 'call_del', type: 'function', function: { name: 'delete_file', arguments: '{"path":"/tmp/cache"}' } },
          { id: 'call_sql', type: 'custom', custom: { name: 'write_sql', input: 'SELECT 1' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_del', content: 'The user denied this tool call: Keep it' },
      { role: 'tool', tool_call_id: 'call_sql', content: 'one row' },
      { role: 'assistant', content: 'Kept the cache.' },
      { role: 'user', content: 'Thanks' },
    ])
  })

  it('toOpenAIResponsesInput: function_call and its output in order, custom calls as custom items', () => {
    const input: ResponseInputItem[] = toOpenAIResponsesInput(history(), omitUnanswered)
    expect(input.map((item) => ('role' in item ? item.role : `${item.type}:${'call_id' in item ? item.call_id : ''}`))).toEqual([
      'system',
      'user',
      'assistant',
      'function_call:call_loc',
      'function_call_output:call_loc',
      'function_call:call_w',
      'function_call_output:call_w',
      'function_call:call_geo',
      'function_call_output:call_geo',
      'assistant',
      'function_call:call_del',
      'function_call_output:call_del',
      'custom_tool_call:call_sql',
      'custom_tool_call_output:call_sql',
      'assistant',
      'user',
    ])
    expect(input[12]).toEqual({ type: 'custom_tool_call', call_id: 'call_sql', name: 'write_sql', input: 'SELECT 1' })
    expect(input[8]).toEqual({ type: 'function_call_output', call_id: 'call_geo', output: 'Error: Geocoder offline' })
  })

  it('toAnthropicMessages: system apart, tool_use answered by tool_result, roles alternating', () => {
    const { system, messages } = toAnthropicMessages(history(), omitUnanswered)
    const typed: MessageParam[] = messages
    expect(system).toBe('Be brief.')
    expect(typed.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user', 'assistant', 'user'])
    expect(messages[1]!.content).toEqual([
      { type: 'text', text: 'Let me look.' },
      { type: 'tool_use', id: 'call_loc', name: 'get_location', input: {} },
      { type: 'tool_use', id: 'call_w', name: 'get_weather', input: { city: 'Oslo' } },
      { type: 'tool_use', id: 'call_geo', name: 'geocode', input: { q: 'x' } },
    ])
    expect(messages[2]!.content).toEqual([
      { type: 'tool_result', tool_use_id: 'call_loc', content: '{"lat":59.9,"lon":10.7}' },
      { type: 'tool_result', tool_use_id: 'call_w', content: '{"tempC":3}' },
      { type: 'tool_result', tool_use_id: 'call_geo', content: 'Error: Geocoder offline', is_error: true },
    ])
    expect(messages[3]!.content[2]).toEqual({ type: 'tool_use', id: 'call_sql', name: 'write_sql', input: { input: 'SELECT 1' } })
    expect(messages[4]!.content[0]).toEqual({ type: 'tool_result', tool_use_id: 'call_del', content: 'The user denied this tool call: Keep it', is_error: true })
    expect(messages[6]!.content).toEqual([{ type: 'text', text: 'Thanks' }])
    expect(messages[5]!.content).toEqual([{ type: 'text', text: 'Kept the cache.' }])
  })

  it('leaves out calls Anthropic ran itself and reasoning, and merges tool results with the next prompt', () => {
    const assistant: RivuletMessage = {
      v: 1,
      id: 'a',
      role: 'assistant',
      content: 'Found it.',
      parts: [
        { type: 'reasoning', text: 'search', done: true },
        { type: 'tool-call', id: 'srvtoolu_1', name: 'web_search', state: 'output-available', argsText: '{}', args: {}, result: [] },
        { type: 'tool-call', id: 'toolu_1', name: 'note', state: 'output-available', argsText: '{}', args: {}, result: 'ok' },
        { type: 'text', text: 'Found it.' },
        { type: 'tool-call', id: 'toolu_2', name: 'save', state: 'output-available', argsText: '', args: {}, result: { saved: true } },
      ],
    }
    const { messages } = toAnthropicMessages([{ v: 1, id: 'u', role: 'user', content: 'Go', parts: [] }, assistant, { v: 1, id: 'u2', role: 'user', content: 'More', parts: [] }])
    expect(messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Go' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'note', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Found it.' },
          { type: 'tool_use', id: 'toolu_2', name: 'save', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_2', content: '{"saved":true}' },
          { type: 'text', text: 'More' },
        ],
      },
    ])
  })
})
