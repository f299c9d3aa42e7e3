/**
 * Reasoning goes back to the provider when the provider gave a handle on it, and a tool call
 * without an outcome is never silently dropped. The history is built the real way: provider
 * SSE → `rivulet-ui/server` source → Rivulet wire → the client's reducer → the request body
 * (JSON) → the converter, whose output is typed with the SDKs' own request types.
 */
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages'
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions'
import type { ResponseInputItem } from 'openai/resources/responses/responses'
import { describe, expect, it } from 'vitest'
import { chatReducer } from '../../src/core/chat-reducer.ts'
import { toRequestMessage } from '../../src/core/request-messages.ts'
import { initialChatState, type ChatState, type ReasoningPart } from '../../src/core/state.ts'
import { respondToToolApproval, setToolOutcome } from '../../src/core/tool-actions.ts'
import { beginTurn } from '../../src/core/turn.ts'
import { decodeText } from '../../src/protocol/decoders/decode-stream.ts'
import { encodeEvents } from '../../src/protocol/encoders/create-encoder.ts'
import type { ChatEvent } from '../../src/protocol/events.ts'
import type { RivuletMessage } from '../../src/protocol/message-format.ts'
import { UnansweredToolCallError } from '../../src/server/history/history-groups.ts'
import { toAnthropicMessages } from '../../src/server/history/to-anthropic.ts'
import { toOpenAIChatMessages } from '../../src/server/history/to-openai-chat.ts'
import { toOpenAIResponsesInput } from '../../src/server/history/to-openai-responses.ts'
import { fromProviderStream } from '../../src/server/provider-source.ts'

const sse = (type: string, fields: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...fields })}\n\n`
const sseResponse = (body: string) => new Response(body, { headers: { 'content-type': 'text/event-stream' } })

/** What the server sends the client: the provider's events, re-encoded as the Rivulet wire and decoded by the client. */
async function overTheWire(format: 'anthropic' | 'openai-responses', body: string): Promise<ChatEvent[]> {
  const events: ChatEvent[] = []
  for await (const event of fromProviderStream(format, sseResponse(body), { generateId: () => 'gen' })) events.push(event)
  return decodeText(encodeEvents('rivulet', events), 'rivulet')
}

/** The client's state after a turn of these events, and the request body it would send next. */
function clientAfter(events: ChatEvent[], then: (state: ChatState) => ChatState = (s) => s): { state: ChatState; body: RivuletMessage[] } {
  let state = beginTurn(initialChatState, { userMessage: { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Go' }] }, assistantId: 'a1' })
  for (const event of events) state = chatReducer(state, event, 0)
  state = then(state)
  const body = (JSON.parse(JSON.stringify({ messages: state.messages.map(toRequestMessage) })) as { messages: RivuletMessage[] }).messages
  return { state, body }
}
const must = (result: { state: ChatState; problem?: string }) => {
  expect(result.problem).toBeUndefined()
  return result.state
}

const anthropicThinkingThenTool =
  sse('message_start', { message: { id: 'msg_1', usage: { input_tokens: 5 } } }) +
  sse('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }) +
  sse('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: 'Need the weather.' } }) +
  sse('content_block_delta', { index: 0, delta: { type: 'signature_delta', signature: 'sig-abc' } }) +
  sse('content_block_stop', { index: 0 }) +
  sse('content_block_start', { index: 1, content_block: { type: 'redacted_thinking', data: 'opaque-xyz' } }) +
  sse('content_block_stop', { index: 1 }) +
  sse('content_block_start', { index: 2, content_block: { type: 'tool_use', id: 'toolu_1', name: 'weather', input: {} } }) +
  sse('content_block_delta', { index: 2, delta: { type: 'input_json_delta', partial_json: '{"city":"Oslo"}' } }) +
  sse('content_block_stop', { index: 2 }) +
  sse('message_delta', { delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 9 } }) +
  sse('message_stop', {})

const responsesReasoningThenCall =
  sse('response.created', { response: { id: 'resp_1' } }) +
  sse('response.output_item.added', { output_index: 0, item: { type: 'reasoning', id: 'rs_1', summary: [] } }) +
  sse('response.reasoning_summary_text.delta', { item_id: 'rs_1', delta: 'Checking the weather.' }) +
  sse('response.output_item.done', { output_index: 0, item: { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'enc-123' } }) +
  sse('response.output_item.added', { output_index: 1, item: { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'weather', arguments: '' } }) +
  sse('response.function_call_arguments.delta', { item_id: 'fc_1', delta: '{"city":"Oslo"}' }) +
  sse('response.function_call_arguments.done', { item_id: 'fc_1', arguments: '{"city":"Oslo"}' }) +
  sse('response.output_item.done', { output_index: 1, item: { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'weather', arguments: '{"city":"Oslo"}' } }) +
  sse('response.completed', { response: { id: 'resp_1', usage: { input_tokens: 3, output_tokens: 7 } } })

describe('reasoning goes back to the provider', () => {
  it('Anthropic: the signed thinking block and the redacted one lead the assistant message, before tool_use', async () => {
    const events = await overTheWire('anthropic', anthropicThinkingThenTool)
    expect(events.filter((e) => e.type === 'reasoning').map(({ seq: _s, ...e }) => e)).toEqual([
      { type: 'reasoning', content: 'Need the weather.' },
      { type: 'reasoning', content: '', signature: 'sig-abc' },
      { type: 'reasoning', content: '', redactedData: 'opaque-xyz' },
    ])
    const { state, body } = clientAfter(events, (s) => must(setToolOutcome(s, { toolCallId: 'toolu_1', output: { tempC: 3 } })))
    const reasoning = state.messages.at(-1)!.parts.filter((p): p is ReasoningPart => p.type === 'reasoning')
    expect(reasoning.map(({ text, signature, redactedData }) => ({ text, signature, redactedData }))).toEqual([
      { text: 'Need the weather.', signature: 'sig-abc', redactedData: undefined },
      { text: '', signature: undefined, redactedData: 'opaque-xyz' },
    ])
    const { messages } = toAnthropicMessages(body)
    const typed: MessageParam[] = messages
    expect(typed[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'Need the weather.', signature: 'sig-abc' },
        { type: 'redacted_thinking', data: 'opaque-xyz' },
        { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Oslo' } },
      ],
    })
    expect(typed[2]).toEqual({ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '{"tempC":3}' }] })
  })

  it('OpenAI Responses: the reasoning item (id, summary, encrypted content) comes back before its function_call', async () => {
    const events = await overTheWire('openai-responses', responsesReasoningThenCall)
    const { body } = clientAfter(events, (s) => must(setToolOutcome(s, { toolCallId: 'call_1', output: 'cold' })))
    const input: ResponseInputItem[] = toOpenAIResponsesInput(body)
    expect(input).toEqual([
      { role: 'user', content: 'Go' },
      { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Checking the weather.' }], encrypted_content: 'enc-123' },
      { type: 'function_call', call_id: 'call_1', name: 'weather', arguments: '{"city":"Oslo"}' },
      { type: 'function_call_output', call_id: 'call_1', output: 'cold' },
    ])
    // Chat Completions takes no reasoning back: the same history has none there.
    const chat: ChatCompletionMessageParam[] = toOpenAIChatMessages(body)
    expect(chat.map((m) => m.role)).toEqual(['user', 'assistant', 'tool'])
  })

  it('reasoning without a handle (another provider, or a client decoding without reasoningHandles) is dropped everywhere', () => {
    const history: RivuletMessage[] = [
      { v: 1, id: 'u', role: 'user', content: 'Hi', parts: [{ type: 'text', text: 'Hi' }] },
      { v: 1, id: 'a', role: 'assistant', content: 'Hello', parts: [{ type: 'reasoning', text: 'greet', done: true }, { type: 'text', text: 'Hello' }] },
    ]
    expect(toAnthropicMessages(history).messages[1]).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'Hello' }] })
    expect(toOpenAIResponsesInput(history)).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello' },
    ])
    // The client's own decoders keep no handles unless asked: nothing provider-specific reaches the UI state by default.
    const plain = decodeText(anthropicThinkingThenTool, 'anthropic')
    expect(plain.some((e) => e.type === 'reasoning' && (e.signature !== undefined || e.redactedData !== undefined))).toBe(false)
    const kept = decodeText(anthropicThinkingThenTool, 'anthropic', { reasoningHandles: true })
    expect(kept.some((e) => e.type === 'reasoning' && e.signature === 'sig-abc')).toBe(true)
  })
})

describe('calls without an outcome', () => {
  /** Two calls: one the user never answered (approval), one approved that nobody ran. */
  async function unanswered() {
    const events = decodeText(
      encodeEvents('rivulet', [
        { type: 'start', seq: 0, streamId: 's' },
        { type: 'tool_call_start', seq: 1, id: 'call_ask', name: 'delete_file' },
        { type: 'tool_call_delta', seq: 2, id: 'call_ask', argsDelta: '{"path":"/a"}' },
        { type: 'tool_call_end', seq: 3, id: 'call_ask' },
        { type: 'tool_approval_request', seq: 4, id: 'call_ask' },
        { type: 'tool_call_start', seq: 5, id: 'call_ok', name: 'pay' },
        { type: 'tool_call_end', seq: 6, id: 'call_ok' },
        { type: 'tool_approval_request', seq: 7, id: 'call_ok' },
        { type: 'done', seq: 8, finishReason: 'tool-calls' },
      ]),
      'rivulet',
    )
    const { body } = clientAfter(events, (s) => must(respondToToolApproval(s, { toolCallId: 'call_ok', approved: true })))
    return [...body, { v: 1 as const, id: 'u2', role: 'user' as const, content: 'Never mind', parts: [{ type: 'text' as const, text: 'Never mind' }] }]
  }

  it('are answered "No result: …" by default, in a shape each SDK accepts', async () => {
    const history = await unanswered()
    const chat: ChatCompletionMessageParam[] = toOpenAIChatMessages(history)
    expect(chat.slice(1)).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_ask', type: 'function', function: { name: 'delete_file', arguments: '{"path":"/a"}' } },
          { id: 'call_ok', type: 'function', function: { name: 'pay', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_ask', content: 'No result: the user did not answer the approval request, so the tool did not run.' },
      { role: 'tool', tool_call_id: 'call_ok', content: 'No result: the user approved this call, but it was not run.' },
      { role: 'user', content: 'Never mind' },
    ])
    const input: ResponseInputItem[] = toOpenAIResponsesInput(history)
    expect(input.filter((i) => 'type' in i && i.type === 'function_call_output')).toHaveLength(2)
    const { messages } = toAnthropicMessages(history)
    const typed: MessageParam[] = messages
    expect(typed.at(-1)).toEqual({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'call_ask', content: 'No result: the user did not answer the approval request, so the tool did not run.', is_error: true },
        { type: 'tool_result', tool_use_id: 'call_ok', content: 'No result: the user approved this call, but it was not run.', is_error: true },
        { type: 'text', text: 'Never mind' },
      ],
    })
  })

  it("throw a clear UnansweredToolCallError with unansweredCalls: 'throw', and are left out with 'omit'", async () => {
    const history = await unanswered()
    for (const convert of [toOpenAIChatMessages, toOpenAIResponsesInput, toAnthropicMessages] as const) {
      let thrown: unknown
      try {
        convert(history, { unansweredCalls: 'throw' })
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(UnansweredToolCallError)
      expect(thrown).toMatchObject({ toolCallId: 'call_ask', toolName: 'delete_file', state: 'approval-requested' })
      expect((thrown as Error).message).toBe('Tool call "call_ask" (delete_file) has no outcome (it is approval-requested): run it, or answer it, before converting the history.')
    }
    expect(toOpenAIChatMessages(history, { unansweredCalls: 'omit' })).toEqual([
      { role: 'user', content: 'Go' },
      { role: 'user', content: 'Never mind' },
    ])
  })
})
