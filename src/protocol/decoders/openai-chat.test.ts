import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../events.ts'
import { decodeText } from './decode-stream.ts'

const data = (value: unknown) => `data: ${typeof value === 'string' ? value : JSON.stringify(value)}\n\n`
const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  data({ id: 'chatcmpl-1', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }], ...extra })
const finish = (reason: string) => data({ id: 'chatcmpl-1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: reason }] })
const withoutSeq = (events: ChatEvent[]) => events.map(({ seq: _seq, ...rest }) => rest)
const decode = (body: string, thinkTags?: boolean) => withoutSeq(decodeText(body, 'openai-chat', { thinkTags }))

describe('openai-chat decoder', () => {
  it('turns content deltas into tokens and ends with finish reason and usage at [DONE]', () => {
    const body =
      chunk({ role: 'assistant', content: '' }) +
      chunk({ content: 'Hel' }) +
      chunk({ content: 'lo' }) +
      finish('stop') +
      data({ id: 'chatcmpl-1', choices: [], usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } }) +
      data('[DONE]')
    expect(decode(body)).toEqual([
      { type: 'start', streamId: 'chatcmpl-1' },
      { type: 'token', content: 'Hel' },
      { type: 'token', content: 'lo' },
      { type: 'done', finishReason: 'stop', usage: { inputTokens: 5, outputTokens: 2 } },
    ])
  })

  it('numbers events from 0 without gaps', () => {
    const events = decodeText(chunk({ content: 'a' }) + chunk({ content: 'b' }) + data('[DONE]'), 'openai-chat')
    expect(events.map((e) => e.seq)).toEqual([0, 1, 2, 3])
  })

  it.each([
    ['reasoning_content', 'DeepSeek'],
    ['reasoning', 'Groq / OpenRouter'],
  ])('turns delta.%s (%s) into reasoning', (field) => {
    expect(decode(chunk({ [field]: 'hmm' }) + chunk({ content: 'ok' }) + data('[DONE]'))).toEqual([
      { type: 'start', streamId: 'chatcmpl-1' },
      { type: 'reasoning', content: 'hmm' },
      { type: 'token', content: 'ok' },
      { type: 'done' },
    ])
  })

  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['tool_calls', 'tool-calls'],
    ['content_filter', 'content-filter'],
    ['something_new', 'other'],
  ])('maps finish_reason %s to %s', (reason, expected) => {
    expect(decode(finish(reason) + data('[DONE]')).at(-1)).toEqual({ type: 'done', finishReason: expected })
  })

  it('assembles parallel tool calls by index, id and name from the first delta only', () => {
    const call = (index: number, fn: Record<string, unknown>, id?: string) => chunk({ tool_calls: [{ index, ...(id ? { id, type: 'function' } : {}), function: fn }] })
    const body =
      call(0, { name: 'get_country', arguments: '' }, 'call_a') +
      call(1, { name: 'get_product', arguments: '{"q"' }, 'call_b') +
      call(0, { arguments: '{}' }) +
      call(1, { arguments: ':1}' }) +
      finish('tool_calls') +
      data('[DONE]')
    expect(decode(body)).toEqual([
      { type: 'start', streamId: 'chatcmpl-1' },
      { type: 'tool_call_start', id: 'call_a', name: 'get_country' },
      { type: 'tool_call_start', id: 'call_b', name: 'get_product' },
      { type: 'tool_call_delta', id: 'call_b', argsDelta: '{"q"' },
      { type: 'tool_call_delta', id: 'call_a', argsDelta: '{}' },
      { type: 'tool_call_delta', id: 'call_b', argsDelta: ':1}' },
      { type: 'tool_call_end', id: 'call_a' },
      { type: 'tool_call_end', id: 'call_b' },
      { type: 'done', finishReason: 'tool-calls' },
    ])
  })

  it('names a tool call by its index when the server sends no id', () => {
    const body = chunk({ tool_calls: [{ index: 0, function: { name: 'f', arguments: '{}' } }] }) + data('[DONE]')
    expect(decode(body)).toContainEqual({ type: 'tool_call_start', id: 'call_0', name: 'f' })
    expect(decode(body)).toContainEqual({ type: 'tool_call_end', id: 'call_0' })
  })

  it('counts a finish_reason followed by the end of the body as done when [DONE] never comes', () => {
    expect(decode(chunk({ content: 'a' }) + finish('stop')).at(-1)).toEqual({ type: 'done', finishReason: 'stop' })
  })

  it('reports a body that ends mid-answer as a network error', () => {
    expect(decode(chunk({ content: 'a' })).at(-1)).toEqual({ type: 'error', code: 'network', message: 'stream ended early' })
  })

  it('reports an error object inside a chunk (OpenRouter) and ignores the [DONE] after it', () => {
    const body = chunk({ reasoning: 'We' }) + data({ id: 'gen-1', error: { code: 400, message: 'Token limit reached' }, choices: [] }) + data('[DONE]')
    expect(decode(body)).toEqual([
      { type: 'start', streamId: 'chatcmpl-1' },
      { type: 'reasoning', content: 'We' },
      { type: 'error', code: 'upstream_error', message: 'Token limit reached' },
    ])
  })

  it('reports a named error event (Groq) with the provider message', () => {
    const body = chunk({ reasoning: 'We' }) + `event: error\n${data({ error: { message: 'Tool call validation failed', type: 'invalid_request_error', code: 'tool_use_failed' } })}`
    expect(decode(body).at(-1)).toEqual({ type: 'error', code: 'upstream_error', message: 'Tool call validation failed' })
  })

  it('maps a rate limit error with retry_after', () => {
    const body = data({ error: { code: 'rate_limit_exceeded', message: 'Rate limit reached', retry_after: 20 } })
    expect(decode(body).at(-1)).toEqual({ type: 'error', code: 'rate_limited', message: 'Rate limit reached', retryAfter: 20 })
  })

  it('maps context_length_exceeded', () => {
    const body = `event: error\n${data({ error: { code: 'context_length_exceeded', message: 'too long' } })}`
    expect(decode(body).at(-1)).toEqual({ type: 'error', code: 'context_length', message: 'too long' })
  })

  it('leaves a tool call that was cut off by an error open', () => {
    const body = chunk({ tool_calls: [{ index: 0, id: 'c', function: { name: 'f', arguments: '{"a' } }] }) + data({ error: { message: 'boom' } })
    expect(decode(body).map((e) => e.type)).toEqual(['start', 'tool_call_start', 'tool_call_delta', 'error'])
  })

  it('reports a frame that is not JSON as a protocol error', () => {
    expect(decode(chunk({ content: 'a' }) + data('{"choices":[')).at(-1)).toEqual({ type: 'error', code: 'protocol', message: 'malformed openai-chat frame: {"choices":[' })
  })

  it('splits a leading <think> block into reasoning, tags split across deltas', () => {
    const body = ['<th', 'ink>\nI should', ' greet</thi', 'nk>\n\nHel', 'lo'].map((c) => chunk({ content: c })).join('') + data('[DONE]')
    const events = decode(body)
    expect(events.filter((e) => e.type === 'reasoning').map((e) => (e as { content: string }).content).join('')).toBe('\nI should greet')
    expect(events.filter((e) => e.type === 'token').map((e) => (e as { content: string }).content).join('')).toBe('\n\nHello')
    expect(events.findIndex((e) => e.type === 'token')).toBeGreaterThan(events.findLastIndex((e) => e.type === 'reasoning'))
  })

  it('keeps <think> as literal text when thinkTags is off', () => {
    const body = chunk({ content: '<think>x</think>y' }) + data('[DONE]')
    expect(decode(body, false)).toContainEqual({ type: 'token', content: '<think>x</think>y' })
  })

  it('does not lose held-back text when the stream breaks inside a think block', () => {
    const body = chunk({ content: '<think>abc</th' }) + data({ error: { message: 'boom' } })
    const reasoning = decode(body).filter((e) => e.type === 'reasoning')
    expect(reasoning.map((e) => (e as { content: string }).content).join('')).toBe('abc</th')
  })

  it('shows only the first choice when the server streams several', () => {
    const body = data({ id: 'x', choices: [{ index: 1, delta: { content: 'B' } }, { index: 0, delta: { content: 'A' } }] }) + data('[DONE]')
    expect(decode(body).filter((e) => e.type === 'token')).toEqual([{ type: 'token', content: 'A' }])
  })
})
