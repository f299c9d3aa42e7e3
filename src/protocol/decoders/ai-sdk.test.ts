import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../events.ts'
import { decodeText } from './decode-stream.ts'

const part = (type: string, fields: Record<string, unknown> = {}) => `data: ${JSON.stringify({ type, ...fields })}\n\n`
const DONE = 'data: [DONE]\n\n'
const withoutSeq = (events: ChatEvent[]) => events.map(({ seq: _seq, ...rest }) => rest)
const decode = (body: string) => withoutSeq(decodeText(body, 'ai-sdk', { generateId: () => 'generated' }))

describe('ai-sdk decoder', () => {
  // Issue 11 changed this test: step markers used to be dropped, now they are kept as boundaries.
  // Issue 12 changed it again: `data-*` parts used to be dropped, now they decode to `data`.
  it('streams text and reasoning, keeping step boundaries and ignoring block markers', () => {
    const body =
      part('start', { messageId: 'm1' }) +
      part('start-step') +
      part('reasoning-start', { id: 'r' }) +
      part('reasoning-delta', { id: 'r', delta: 'hmm' }) +
      part('reasoning-end', { id: 'r' }) +
      part('text-start', { id: 't' }) +
      part('text-delta', { id: 't', delta: 'Hi' }) +
      part('text-end', { id: 't' }) +
      part('data-weather', { data: { c: 20 } }) +
      part('finish-step') +
      part('finish', { finishReason: 'stop' }) +
      DONE
    expect(decode(body)).toEqual([
      { type: 'start', streamId: 'm1', messageId: 'm1' },
      { type: 'step_start' },
      { type: 'reasoning', content: 'hmm' },
      { type: 'token', content: 'Hi' },
      { type: 'data', name: 'weather', data: { c: 20 } },
      { type: 'step_finish' },
      { type: 'done', finishReason: 'stop' },
    ])
  })

  it('generates a stream id when start has no messageId', () => {
    expect(decode(part('start') + part('finish') + DONE)).toEqual([{ type: 'start', streamId: 'generated' }, { type: 'done' }])
  })

  it('streams tool input deltas and ends the call at tool-input-available without repeating the input', () => {
    const body =
      part('tool-input-start', { toolCallId: 'c1', toolName: 'get_weather' }) +
      part('tool-input-delta', { toolCallId: 'c1', inputTextDelta: '{"city":' }) +
      part('tool-input-delta', { toolCallId: 'c1', inputTextDelta: '"Tokyo"}' }) +
      part('tool-input-available', { toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Tokyo' } }) +
      part('tool-output-available', { toolCallId: 'c1', output: { temp: 20 } })
    expect(decode(body).slice(1, 7)).toEqual([
      { type: 'tool_call_start', id: 'c1', name: 'get_weather' },
      { type: 'tool_call_delta', id: 'c1', argsDelta: '{"city":' },
      { type: 'tool_call_delta', id: 'c1', argsDelta: '"Tokyo"}' },
      { type: 'tool_call_end', id: 'c1' },
      { type: 'tool_result', id: 'c1', result: { temp: 20 } },
      { type: 'error', code: 'network', message: 'stream ended early' },
    ])
  })

  it('supplies the whole input as one delta when no deltas came', () => {
    const body = part('tool-input-start', { toolCallId: 'c1', toolName: 'delete_file' }) + part('tool-input-available', { toolCallId: 'c1', toolName: 'delete_file', input: { filename: 'a.pdf' } })
    expect(decode(body).slice(1, 4)).toEqual([
      { type: 'tool_call_start', id: 'c1', name: 'delete_file' },
      { type: 'tool_call_delta', id: 'c1', argsDelta: '{"filename":"a.pdf"}' },
      { type: 'tool_call_end', id: 'c1' },
    ])
  })

  it('starts the call itself when tool-input-available comes alone', () => {
    const body = part('tool-input-available', { toolCallId: 'c1', toolName: 'f', input: {} })
    expect(decode(body).slice(1, 4)).toEqual([
      { type: 'tool_call_start', id: 'c1', name: 'f' },
      { type: 'tool_call_delta', id: 'c1', argsDelta: '{}' },
      { type: 'tool_call_end', id: 'c1' },
    ])
  })

  it('ends a call still taking input before its output (LangGraph skips tool-input-available)', () => {
    const body =
      part('tool-input-start', { toolCallId: 'c1', toolName: 'f' }) +
      part('tool-input-delta', { toolCallId: 'c1', inputTextDelta: '{}' }) +
      part('tool-output-available', { toolCallId: 'c1', output: 'ok' }) +
      part('finish') +
      DONE
    expect(decode(body).slice(1)).toEqual([
      { type: 'tool_call_start', id: 'c1', name: 'f' },
      { type: 'tool_call_delta', id: 'c1', argsDelta: '{}' },
      { type: 'tool_call_end', id: 'c1' },
      { type: 'tool_result', id: 'c1', result: 'ok' },
      { type: 'done' },
    ])
  })

  it('reports tool-output-error as a failed tool result', () => {
    const body = part('tool-input-available', { toolCallId: 'c1', toolName: 'f', input: {} }) + part('tool-output-error', { toolCallId: 'c1', errorText: 'timeout' })
    expect(decode(body)).toContainEqual({ type: 'tool_result', id: 'c1', result: 'timeout', isError: true })
  })

  it('reports tool-input-error as a failed tool result after its input', () => {
    const body = part('tool-input-error', { toolCallId: 'c1', toolName: 'f', input: { x: 1 }, errorText: 'bad input' })
    expect(decode(body).slice(1, 5)).toEqual([
      { type: 'tool_call_start', id: 'c1', name: 'f' },
      { type: 'tool_call_delta', id: 'c1', argsDelta: '{"x":1}' },
      { type: 'tool_call_end', id: 'c1' },
      { type: 'tool_result', id: 'c1', result: 'bad input', isError: true },
    ])
  })

  it('reports an error part as an upstream error and ignores what follows', () => {
    const body = part('text-delta', { id: 't', delta: 'Hi' }) + part('error', { errorText: 'Model overloaded' }) + part('finish') + DONE
    expect(decode(body).slice(1)).toEqual([
      { type: 'token', content: 'Hi' },
      { type: 'error', code: 'upstream_error', message: 'Model overloaded' },
    ])
  })

  // Issue 11 changed this test: an abort used to be an upstream error; it is a stop now.
  it('ends an aborted stream as stopped (finish reason other), not as an error or a clean stop', () => {
    const events = decode(part('text-delta', { delta: 'Hi' }) + part('abort', { reason: 'user' }) + part('text-delta', { delta: 'late' }) + DONE)
    expect(events.slice(1)).toEqual([
      { type: 'token', content: 'Hi' },
      { type: 'done', finishReason: 'other' },
    ])
  })

  it('keeps the interrupted finish reason', () => {
    expect(decode(part('finish', { finishReason: 'interrupted' })).at(-1)).toEqual({ type: 'done', finishReason: 'interrupted' })
  })

  it('turns tool-approval-request into an approval request for that call, after its input', () => {
    const body =
      part('tool-input-start', { toolCallId: 'c1', toolName: 'delete_file' }) +
      part('tool-input-available', { toolCallId: 'c1', toolName: 'delete_file', input: { path: 'a' } }) +
      part('tool-approval-request', { approvalId: 'ap1', toolCallId: 'c1' }) +
      part('finish-step') +
      part('finish', { finishReason: 'tool-calls' })
    expect(decode(body).slice(1)).toEqual([
      { type: 'tool_call_start', id: 'c1', name: 'delete_file' },
      { type: 'tool_call_delta', id: 'c1', argsDelta: '{"path":"a"}' },
      { type: 'tool_call_end', id: 'c1' },
      { type: 'tool_approval_request', id: 'c1' },
      { type: 'step_finish' },
      { type: 'done', finishReason: 'tool-calls' },
    ])
  })

  it('passes preliminary outputs on as preliminary results, then the final one', () => {
    const body =
      part('tool-input-available', { toolCallId: 'g', toolName: 'search', input: {} }) +
      part('tool-output-available', { toolCallId: 'g', output: { found: 1 }, preliminary: true }) +
      part('tool-output-available', { toolCallId: 'g', output: { found: 2 }, preliminary: true }) +
      part('tool-output-available', { toolCallId: 'g', output: { found: 3 } })
    expect(decode(body).filter((e) => e.type === 'tool_result')).toEqual([
      { type: 'tool_result', id: 'g', result: { found: 1 }, preliminary: true },
      { type: 'tool_result', id: 'g', result: { found: 2 }, preliminary: true },
      { type: 'tool_result', id: 'g', result: { found: 3 } },
    ])
  })

  it('turns reset-step into a step reset and lets the retried step reuse a call id', () => {
    const body =
      part('start-step') +
      part('tool-input-start', { toolCallId: 'c1', toolName: 'f' }) +
      part('tool-input-delta', { toolCallId: 'c1', inputTextDelta: '{"a"' }) +
      part('reset-step') +
      part('tool-input-start', { toolCallId: 'c1', toolName: 'f' }) +
      part('tool-input-available', { toolCallId: 'c1', toolName: 'f', input: { a: 2 } }) +
      part('finish-step')
    expect(decode(body).slice(1, -1)).toEqual([
      { type: 'step_start' },
      { type: 'tool_call_start', id: 'c1', name: 'f' },
      { type: 'tool_call_delta', id: 'c1', argsDelta: '{"a"' },
      { type: 'step_reset' },
      { type: 'tool_call_start', id: 'c1', name: 'f' },
      { type: 'tool_call_delta', id: 'c1', argsDelta: '{"a":2}' },
      { type: 'tool_call_end', id: 'c1' },
      { type: 'step_finish' },
    ])
  })

  it('treats [DONE] without finish as the end', () => {
    expect(decode(part('text-delta', { delta: 'Hi' }) + DONE).at(-1)).toEqual({ type: 'done' })
  })

  it('maps an unknown finish reason to other', () => {
    expect(decode(part('finish', { finishReason: 'unknown' })).at(-1)).toEqual({ type: 'done', finishReason: 'other' })
  })

  it('reports a body that stops before finish as a network error', () => {
    expect(decode(part('start') + part('text-delta', { delta: 'Hi' })).at(-1)).toEqual({ type: 'error', code: 'network', message: 'stream ended early' })
  })

  describe('rich parts', () => {
    it('decodes data parts with their id and transient flag, any name and any JSON', () => {
      const body =
        part('data-progress', { id: 'job', data: { done: 1 } }) +
        part('data-progress', { id: 'job', data: { done: 2 } }) +
        part('data-notification', { data: 'Saved', transient: true }) +
        part('data-x.y/z', { data: null }) +
        part('finish') +
        DONE
      expect(decode(body).slice(1)).toEqual([
        { type: 'data', name: 'progress', id: 'job', data: { done: 1 } },
        { type: 'data', name: 'progress', id: 'job', data: { done: 2 } },
        { type: 'data', name: 'notification', data: 'Saved', transient: true },
        { type: 'data', name: 'x.y/z', data: null },
        { type: 'done' },
      ])
    })

    it('ignores a bare data- type with no name', () => {
      expect(decode(part('data-', { data: 1 }) + part('finish') + DONE).slice(1)).toEqual([{ type: 'done' }])
    })

    it('decodes source-url, source-document and file parts', () => {
      const body =
        part('source-url', { sourceId: 'https://example.com', url: 'https://example.com', title: 'Example' }) +
        part('source-document', { sourceId: 'doc-1', mediaType: 'application/pdf', title: 'Handbook', filename: 'handbook.pdf' }) +
        part('source-url', { url: 'https://no-id.example' }) +
        part('file', { url: 'data:image/png;base64,iVBORw0KGgo=', mediaType: 'image/png' }) +
        part('file', { mediaType: 'image/png' }) +
        part('finish') +
        DONE
      expect(decode(body).slice(1)).toEqual([
        { type: 'source', id: 'https://example.com', url: 'https://example.com', title: 'Example' },
        { type: 'source', id: 'doc-1', title: 'Handbook', mediaType: 'application/pdf' },
        { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,iVBORw0KGgo=' },
        { type: 'done' },
      ])
    })

    it('carries messageMetadata from start, message-metadata and finish', () => {
      const body =
        part('start', { messageId: 'm1', messageMetadata: { model: 'gpt-x' } }) +
        part('message-metadata', { messageMetadata: { firstTokenMs: 90 } }) +
        part('message-metadata', { messageMetadata: 'not an object' }) +
        part('finish', { finishReason: 'stop', messageMetadata: { totalTokens: 12 } }) +
        DONE
      expect(decode(body)).toEqual([
        { type: 'start', streamId: 'm1', messageId: 'm1', metadata: { model: 'gpt-x' } },
        { type: 'metadata', metadata: { firstTokenMs: 90 } },
        { type: 'done', finishReason: 'stop', metadata: { totalTokens: 12 } },
      ])
    })
  })
})
