import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../events.ts'
import { decodeText } from './decode-stream.ts'

const ev = (type: string, fields: Record<string, unknown> = {}) => `event: ${type}\ndata: ${JSON.stringify({ type, ...fields })}\n\n`
const withoutSeq = (events: ChatEvent[]) => events.map(({ seq: _seq, ...rest }) => rest)
const decode = (body: string) => withoutSeq(decodeText(body, 'anthropic'))
const messageStart = ev('message_start', { message: { id: 'msg_1', usage: { input_tokens: 17, output_tokens: 1 } } })
const blockStart = (index: number, block: Record<string, unknown>) => ev('content_block_start', { index, content_block: block })
const delta = (index: number, d: Record<string, unknown>) => ev('content_block_delta', { index, delta: d })
const stop = (index: number) => ev('content_block_stop', { index })
const end = (stopReason: string, outputTokens = 9) => ev('message_delta', { delta: { stop_reason: stopReason }, usage: { output_tokens: outputTokens } }) + ev('message_stop')

describe('anthropic decoder', () => {
  it('streams thinking and text and ends with stop reason and usage', () => {
    const body =
      messageStart +
      blockStart(0, { type: 'thinking', thinking: '' }) +
      ev('ping') +
      delta(0, { type: 'thinking_delta', thinking: 'Let me' }) +
      delta(0, { type: 'signature_delta', signature: 'abc' }) +
      stop(0) +
      blockStart(1, { type: 'text', text: '' }) +
      delta(1, { type: 'text_delta', text: 'Hello' }) +
      stop(1) +
      end('end_turn', 12)
    expect(decode(body)).toEqual([
      { type: 'start', streamId: 'msg_1' },
      { type: 'reasoning', content: 'Let me' },
      { type: 'token', content: 'Hello' },
      { type: 'done', finishReason: 'stop', usage: { inputTokens: 17, outputTokens: 12 } },
    ])
  })

  // Issue 12 changed this test: a web search result now also names its pages as sources.
  it('streams tool_use and server_tool_use blocks as tool calls and server results as tool results', () => {
    const body =
      messageStart +
      blockStart(0, { type: 'server_tool_use', id: 'srv_1', name: 'web_search', input: {} }) +
      delta(0, { type: 'input_json_delta', partial_json: '' }) +
      delta(0, { type: 'input_json_delta', partial_json: '{"query": "x"}' }) +
      stop(0) +
      blockStart(1, { type: 'web_search_tool_result', tool_use_id: 'srv_1', content: [{ type: 'web_search_result', url: 'https://a' }] }) +
      stop(1) +
      blockStart(2, { type: 'tool_use', id: 'toolu_1', name: 'get_rate', input: {} }) +
      delta(2, { type: 'input_json_delta', partial_json: '{"from"' }) +
      delta(2, { type: 'input_json_delta', partial_json: ': "USD"}' }) +
      stop(2) +
      end('tool_use')
    expect(decode(body)).toEqual([
      { type: 'start', streamId: 'msg_1' },
      { type: 'tool_call_start', id: 'srv_1', name: 'web_search' },
      { type: 'tool_call_delta', id: 'srv_1', argsDelta: '{"query": "x"}' },
      { type: 'tool_call_end', id: 'srv_1' },
      { type: 'tool_result', id: 'srv_1', result: [{ type: 'web_search_result', url: 'https://a' }] },
      { type: 'source', id: 'https://a', url: 'https://a' },
      { type: 'tool_call_start', id: 'toolu_1', name: 'get_rate' },
      { type: 'tool_call_delta', id: 'toolu_1', argsDelta: '{"from"' },
      { type: 'tool_call_delta', id: 'toolu_1', argsDelta: ': "USD"}' },
      { type: 'tool_call_end', id: 'toolu_1' },
      { type: 'done', finishReason: 'tool-calls', usage: { inputTokens: 17, outputTokens: 9 } },
    ])
  })

  it('marks a server tool result whose content is an error', () => {
    const body = messageStart + blockStart(0, { type: 'web_search_tool_result', tool_use_id: 'srv_1', content: { type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' } })
    expect(decode(body)).toContainEqual({ type: 'tool_result', id: 'srv_1', result: { type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' }, isError: true })
  })

  it('uses a tool block’s input when no json deltas came', () => {
    const body = messageStart + blockStart(0, { type: 'tool_use', id: 't', name: 'f', input: { a: 1 } }) + stop(0)
    expect(decode(body).slice(1, 4)).toEqual([
      { type: 'tool_call_start', id: 't', name: 'f' },
      { type: 'tool_call_delta', id: 't', argsDelta: '{"a":1}' },
      { type: 'tool_call_end', id: 't' },
    ])
  })

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool-calls'],
    ['refusal', 'content-filter'],
    ['pause_turn', 'other'],
  ])('maps stop_reason %s to %s', (reason, expected) => {
    expect(decode(messageStart + end(reason)).at(-1)).toMatchObject({ type: 'done', finishReason: expected })
  })

  it.each([
    ['overloaded_error', 'Overloaded', 'upstream_error'],
    ['rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit', 'rate_limited'],
    ['invalid_request_error', 'prompt is too long: 208310 tokens > 200000 maximum', 'context_length'],
    ['invalid_request_error', 'messages: roles must alternate', 'upstream_error'],
    ['api_error', 'Internal server error', 'upstream_error'],
  ])('maps an in-stream %s (%s) to %s, keeping the partial text before it', (type, message, code) => {
    const body = messageStart + blockStart(0, { type: 'text', text: '' }) + delta(0, { type: 'text_delta', text: 'Hel' }) + ev('error', { error: { type, message } }) + stop(0) + end('end_turn')
    expect(decode(body)).toEqual([
      { type: 'start', streamId: 'msg_1' },
      { type: 'token', content: 'Hel' },
      { type: 'error', code, message },
    ])
  })

  it('reads the type from the JSON when a proxy dropped the event lines', () => {
    const body = `data: ${JSON.stringify({ type: 'message_start', message: { id: 'msg_2' } })}\n\ndata: ${JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })}\n\n`
    expect(decode(body)).toEqual([
      { type: 'start', streamId: 'msg_2' },
      { type: 'error', code: 'upstream_error', message: 'Overloaded' },
    ])
  })

  it('ignores unknown block types and their deltas', () => {
    const body = messageStart + blockStart(0, { type: 'compaction', content: null }) + delta(0, { type: 'compaction_delta', content: 'summary' }) + stop(0) + end('end_turn')
    expect(decode(body).map((e) => e.type)).toEqual(['start', 'done'])
  })

  it('tolerates trailing spaces after the JSON, as recorded from the real API', () => {
    const body = 'event: message_start\ndata: {"type":"message_start","message":{"id":"m"}}     \n\nevent: message_stop\ndata: {"type":"message_stop"}   \n\n'
    expect(decode(body)).toEqual([{ type: 'start', streamId: 'm' }, { type: 'done' }])
  })

  it('reports a body that stops before message_stop as a network error', () => {
    expect(decode(messageStart + blockStart(0, { type: 'text', text: '' })).at(-1)).toEqual({ type: 'error', code: 'network', message: 'stream ended early' })
  })

  describe('a second message_start', () => {
    const malformed = (name: string) => readFileSync(join(import.meta.dirname, '../../../fixtures/malformed', `${name}.sse`), 'utf8')

    it('ignores a repeat of the same message_start (recorded duplicate)', () => {
      expect(decode(malformed('anthropic-duplicate-message-start'))).toEqual([
        { type: 'start', streamId: 'msg_dup' },
        { type: 'token', content: 'Hello, World!' },
        { type: 'done', finishReason: 'stop', usage: { inputTokens: 17, outputTokens: 227 } },
      ])
    })

    it('reports a different message starting while one is open as a protocol error, keeping what came before', () => {
      const events = decode(malformed('anthropic-spliced-message-start'))
      expect(events).toEqual([
        { type: 'start', streamId: 'msg_first' },
        { type: 'reasoning', content: 'I will call the tool.' },
        { type: 'tool_call_start', id: 'toolu_first', name: 'test-tool' },
        { type: 'tool_call_delta', id: 'toolu_first', argsDelta: '{"value":"Spark' },
        { type: 'error', code: 'protocol', message: 'message msg_second started while message msg_first was still open' },
      ])
    })

    it('lets a new message follow once the first one stopped (the stream is over by then)', () => {
      const second = ev('message_start', { message: { id: 'msg_2' } }) + blockStart(0, { type: 'text', text: '' }) + delta(0, { type: 'text_delta', text: 'late' })
      expect(decode(messageStart + end('end_turn') + second).map((e) => e.type)).toEqual(['start', 'done'])
    })
  })
})
