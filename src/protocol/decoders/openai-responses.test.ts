import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../events.ts'
import { decodeText } from './decode-stream.ts'

/** Frames as OpenAI sends them: the `event:` line repeats the JSON `type`. */
const ev = (type: string, fields: Record<string, unknown> = {}) => `event: ${type}\ndata: ${JSON.stringify({ type, ...fields })}\n\n`
const withoutSeq = (events: ChatEvent[]) => events.map(({ seq: _seq, ...rest }) => rest)
const decode = (body: string) => withoutSeq(decodeText(body, 'openai-responses', { generateId: () => 'generated' }))
const created = ev('response.created', { response: { id: 'resp_1', status: 'in_progress' } })

describe('openai-responses decoder', () => {
  it('streams text and reasoning summaries and ends with usage', () => {
    const body =
      created +
      ev('response.reasoning_summary_part.added', { summary_index: 0 }) +
      ev('response.reasoning_summary_text.delta', { delta: '**Plan**' }) +
      ev('response.reasoning_summary_text.delta', { delta: ' think' }) +
      ev('response.output_text.delta', { delta: 'Hi' }) +
      ev('response.output_text.done', { text: 'Hi' }) +
      ev('response.completed', { response: { id: 'resp_1', status: 'completed', usage: { input_tokens: 3, output_tokens: 9 } } })
    expect(decode(body)).toEqual([
      { type: 'start', streamId: 'resp_1' },
      { type: 'reasoning', content: '**Plan**' },
      { type: 'reasoning', content: ' think' },
      { type: 'token', content: 'Hi' },
      { type: 'done', finishReason: 'stop', usage: { inputTokens: 3, outputTokens: 9 } },
    ])
  })

  it('streams a function call under its call_id, matching deltas by item_id, and finishes with tool-calls', () => {
    const item = { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'get_capital', arguments: '' }
    const body =
      created +
      ev('response.output_item.added', { output_index: 0, item }) +
      ev('response.function_call_arguments.delta', { item_id: 'fc_1', delta: '{"country"' }) +
      ev('response.function_call_arguments.delta', { item_id: 'fc_1', delta: ':"France"}' }) +
      ev('response.function_call_arguments.done', { item_id: 'fc_1', arguments: '{"country":"France"}' }) +
      ev('response.output_item.done', { item: { ...item, arguments: '{"country":"France"}' } }) +
      ev('response.completed', { response: { id: 'resp_1' } })
    expect(decode(body)).toEqual([
      { type: 'start', streamId: 'resp_1' },
      { type: 'tool_call_start', id: 'call_1', name: 'get_capital' },
      { type: 'tool_call_delta', id: 'call_1', argsDelta: '{"country"' },
      { type: 'tool_call_delta', id: 'call_1', argsDelta: ':"France"}' },
      { type: 'tool_call_end', id: 'call_1' },
      { type: 'done', finishReason: 'tool-calls' },
    ])
  })

  it('takes the arguments from .done when no deltas were streamed', () => {
    const item = { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'f' }
    const body = ev('response.output_item.added', { item }) + ev('response.function_call_arguments.done', { item_id: 'fc_1', arguments: '{"a":1}' })
    expect(decode(body)).toContainEqual({ type: 'tool_call_delta', id: 'call_1', argsDelta: '{"a":1}' })
  })

  it('shows a call that only arrives as output_item.done', () => {
    const body = ev('response.output_item.done', { item: { type: 'function_call', id: 'fc_9', call_id: 'call_9', name: 'g', arguments: '{}' } })
    expect(decode(body).slice(1, 4)).toEqual([
      { type: 'tool_call_start', id: 'call_9', name: 'g' },
      { type: 'tool_call_delta', id: 'call_9', argsDelta: '{}' },
      { type: 'tool_call_end', id: 'call_9' },
    ])
  })

  it('reports response.incomplete as a done cut short by length', () => {
    const body = created + ev('response.output_text.delta', { delta: 'Hi' }) + ev('response.incomplete', { response: { incomplete_details: { reason: 'max_output_tokens' } } })
    expect(decode(body).at(-1)).toEqual({ type: 'done', finishReason: 'length' })
  })

  it('reports an incomplete response stopped by the content filter', () => {
    expect(decode(ev('response.incomplete', { response: { incomplete_details: { reason: 'content_filter' } } })).at(-1)).toEqual({
      type: 'done',
      finishReason: 'content-filter',
    })
  })

  it('reports the first of error and response.failed, not both', () => {
    const body =
      created +
      ev('error', { error: { type: 'insufficient_quota', code: 'insufficient_quota', message: 'You exceeded your current quota' } }) +
      ev('response.failed', { response: { error: { code: 'server_error', message: 'other' } } })
    expect(decode(body)).toEqual([
      { type: 'start', streamId: 'resp_1' },
      { type: 'error', code: 'upstream_error', message: 'You exceeded your current quota' },
    ])
  })

  it('reads an error event whose fields sit at the top level', () => {
    expect(decode(ev('error', { code: 'rate_limit_exceeded', message: 'Slow down' })).at(-1)).toEqual({ type: 'error', code: 'rate_limited', message: 'Slow down' })
  })

  it('reports response.failed on its own', () => {
    expect(decode(created + ev('response.failed', { response: { error: { code: 'server_error', message: 'The server had an error' } } })).at(-1)).toEqual({
      type: 'error',
      code: 'upstream_error',
      message: 'The server had an error',
    })
    expect(decode(ev('response.failed', { response: { error: null } })).at(-1)).toEqual({ type: 'error', code: 'upstream_error', message: 'the response failed' })
  })

  it('ignores events it does not know', () => {
    const body = created + ev('response.web_search_call.searching', { item_id: 'ws' }) + ev('response.completed', { response: {} })
    expect(decode(body).map((e) => e.type)).toEqual(['start', 'done'])
  })

  it('reports a body that stops before response.completed as a network error', () => {
    expect(decode(created + ev('response.output_text.delta', { delta: 'Hi' })).at(-1)).toEqual({ type: 'error', code: 'network', message: 'stream ended early' })
  })

  it('generates a stream id when the response is never named', () => {
    expect(decode(ev('response.output_text.delta', { delta: 'Hi' }))[0]).toEqual({ type: 'start', streamId: 'generated' })
  })

  it('turns a custom (free-form) tool call into a tool call whose arguments are its input as a JSON string', () => {
    const body =
      created +
      ev('response.output_item.added', { output_index: 0, item: { type: 'custom_tool_call', id: 'ct_1', call_id: 'call_sql', name: 'write_sql', input: '' } }) +
      ev('response.custom_tool_call_input.delta', { item_id: 'ct_1', output_index: 0, delta: 'SELECT "a"\n' }) +
      ev('response.custom_tool_call_input.delta', { item_id: 'ct_1', output_index: 0, delta: 'FROM t' }) +
      ev('response.output_item.done', { output_index: 0, item: { type: 'custom_tool_call', id: 'ct_1', call_id: 'call_sql', name: 'write_sql', input: 'SELECT "a"\nFROM t' } }) +
      ev('response.completed', { response: { id: 'resp_1', status: 'completed' } })
    const events = decode(body)
    expect(events).toEqual([
      { type: 'start', streamId: 'resp_1' },
      { type: 'tool_call_start', id: 'call_sql', name: 'write_sql' },
      { type: 'tool_call_delta', id: 'call_sql', argsDelta: '"SELECT \\"a\\"\\n' },
      { type: 'tool_call_delta', id: 'call_sql', argsDelta: 'FROM t' },
      { type: 'tool_call_delta', id: 'call_sql', argsDelta: '"' },
      { type: 'tool_call_end', id: 'call_sql' },
      { type: 'done', finishReason: 'tool-calls' },
    ])
    const args = events.flatMap((e) => (e.type === 'tool_call_delta' ? [e.argsDelta] : [])).join('')
    expect(JSON.parse(args)).toBe('SELECT "a"\nFROM t')
  })

  it('takes a custom call input given only at the end, once', () => {
    const body =
      created +
      ev('response.output_item.done', { output_index: 0, item: { type: 'custom_tool_call', id: 'ct_1', call_id: 'call_x', name: 'shell', input: 'ls -la' } }) +
      ev('response.custom_tool_call_input.done', { item_id: 'ct_1', input: 'ls -la' }) +
      ev('response.completed', { response: { id: 'resp_1' } })
    expect(decode(body).slice(1)).toEqual([
      { type: 'tool_call_start', id: 'call_x', name: 'shell' },
      { type: 'tool_call_delta', id: 'call_x', argsDelta: '"ls -la"' },
      { type: 'tool_call_end', id: 'call_x' },
      { type: 'done', finishReason: 'tool-calls' },
    ])
  })
})
