import { describe, expect, it } from 'vitest'
import { decodeText } from '../decoders/decode-stream.ts'
import { createDecoder } from '../decoders/create-decoder.ts'
import type { StreamFormat } from '../decoders/stream-format.ts'
import type { ChatErrorCode, ChatEvent, UnsequencedChatEvent } from '../events.ts'
import { SseParserStream } from '../sse/parser-stream.ts'
import { encodeEvents } from './create-encoder.ts'

/** Numbers events the way a server would (a local helper: protocol tests cannot use mocks). */
function script(...events: UnsequencedChatEvent[]): ChatEvent[] {
  return events.map((event, seq) => ({ ...event, seq }) as ChatEvent)
}

interface Content {
  text: string
  reasoning: string
  tools: Array<{ id: string; name: string; args: string; result?: unknown; isError?: boolean }>
  error?: { code: string; message: string; retryAfter?: number }
  done?: { finishReason?: string; usage?: unknown }
}

/** What a user sees of a stream, independent of how a format groups or splits it. */
function content(events: ChatEvent[]): Content {
  const out: Content = { text: '', reasoning: '', tools: [] }
  for (const event of events) {
    switch (event.type) {
      case 'token':
        out.text += event.content
        break
      case 'reasoning':
        out.reasoning += event.content
        break
      case 'tool_call_start':
        out.tools.push({ id: event.id, name: event.name, args: '' })
        break
      case 'tool_call_delta':
        out.tools.find((tool) => tool.id === event.id)!.args += event.argsDelta
        break
      case 'tool_result': {
        const tool = out.tools.find((t) => t.id === event.id)!
        tool.result = event.result
        if (event.isError) tool.isError = true
        break
      }
      case 'error':
        out.error = event.retryAfter === undefined ? { code: event.code, message: event.message } : { code: event.code, message: event.message, retryAfter: event.retryAfter }
        break
      case 'done':
        out.done = { finishReason: event.finishReason, usage: event.usage }
        break
      default:
    }
  }
  return out
}

const toolsWithoutResults = (c: Content): Content => ({ ...c, tools: c.tools.map(({ id, name, args }) => ({ id, name, args })) })

const conversation = script(
  { type: 'start', streamId: 'stream-42' },
  { type: 'reasoning', content: 'The user wants ' },
  { type: 'reasoning', content: 'the weather in Zürich.' },
  { type: 'status', message: 'Looking it up…' },
  { type: 'tool_call_start', id: 'call_a', name: 'get_weather' },
  { type: 'tool_call_delta', id: 'call_a', argsDelta: '{"city":' },
  { type: 'tool_call_delta', id: 'call_a', argsDelta: '"Zürich"}' },
  { type: 'tool_call_end', id: 'call_a' },
  { type: 'tool_result', id: 'call_a', result: { tempC: 21, sky: 'clear' } },
  { type: 'token', content: 'It is ' },
  { type: 'token', content: '21 °C and clear 🌞 in Zürich.\n\n' },
  { type: 'token', content: '```js\nconsole.log("data: not a frame")\n```' },
  { type: 'done', finishReason: 'stop', usage: { inputTokens: 12, outputTokens: 34 } },
)

const parallelCalls = script(
  { type: 'start', streamId: 'stream-7' },
  { type: 'tool_call_start', id: 'call_1', name: 'search' },
  { type: 'tool_call_start', id: 'call_2', name: 'lookup' },
  { type: 'tool_call_delta', id: 'call_1', argsDelta: '{"q":"nile' },
  { type: 'tool_call_delta', id: 'call_2', argsDelta: '{"id":7}' },
  { type: 'tool_call_delta', id: 'call_1', argsDelta: ' length"}' },
  { type: 'tool_call_end', id: 'call_1' },
  { type: 'tool_call_end', id: 'call_2' },
  { type: 'done', finishReason: 'tool-calls' },
)

const midStreamError = (code: ChatErrorCode, retryAfter?: number) =>
  script(
    { type: 'start', streamId: 'stream-9' },
    { type: 'token', content: 'Partial answer' },
    retryAfter === undefined ? { type: 'error', code, message: 'Something broke' } : { type: 'error', code, message: 'Something broke', retryAfter },
  )

const FORMATS: StreamFormat[] = ['rivulet', 'openai-chat', 'openai-responses', 'anthropic', 'ai-sdk']

describe('encode then decode', () => {
  it('gives the rivulet events back exactly', () => {
    for (const events of [conversation, parallelCalls, midStreamError('rate_limited', 30)]) {
      expect(decodeText(encodeEvents('rivulet', events), 'rivulet')).toEqual(events)
    }
  })

  it.each(FORMATS)('%s keeps text, reasoning, tool calls and their arguments', (format) => {
    const decoded = content(decodeText(encodeEvents(format, conversation), format))
    const expected = content(conversation)
    expect(decoded.text).toBe(expected.text)
    expect(decoded.reasoning).toBe(expected.reasoning)
    expect(toolsWithoutResults(decoded).tools).toEqual(toolsWithoutResults(expected).tools)
    expect(decoded.error).toBeUndefined()
    expect(decoded.done).toBeDefined()
  })

  it.each(['rivulet', 'anthropic', 'ai-sdk'] as const)('%s carries tool results, errors included', (format) => {
    const events = script(
      { type: 'start', streamId: 's' },
      { type: 'tool_call_start', id: 'ok', name: 'read' },
      { type: 'tool_call_delta', id: 'ok', argsDelta: '{"path":"a.txt"}' },
      { type: 'tool_call_end', id: 'ok' },
      { type: 'tool_result', id: 'ok', result: { lines: ['one', 'two'] } },
      { type: 'tool_call_start', id: 'bad', name: 'delete' },
      { type: 'tool_call_delta', id: 'bad', argsDelta: '{"path":"/"}' },
      { type: 'tool_call_end', id: 'bad' },
      { type: 'tool_result', id: 'bad', result: 'permission denied', isError: true },
      { type: 'done', finishReason: 'stop' },
    )
    expect(content(decodeText(encodeEvents(format, events), format)).tools).toEqual(content(events).tools)
  })

  it.each(FORMATS)('%s keeps parallel tool calls whose argument deltas interleave', (format) => {
    const decoded = content(decodeText(encodeEvents(format, parallelCalls), format))
    expect(decoded.tools).toEqual(content(parallelCalls).tools)
    expect(decoded.done?.finishReason).toBe('tool-calls')
  })

  // The Responses API has no finish reason: its decoder says `tool-calls` whenever a function was called.
  it.each(['rivulet', 'openai-chat', 'openai-responses', 'anthropic'] as const)('%s keeps the finish reason and usage', (format) => {
    const events = script(
      { type: 'start', streamId: 's' },
      { type: 'token', content: 'Hello' },
      { type: 'done', finishReason: 'stop', usage: { inputTokens: 12, outputTokens: 34 } },
    )
    const decoded = content(decodeText(encodeEvents(format, events), format))
    expect(decoded.done).toEqual({ finishReason: 'stop', usage: { inputTokens: 12, outputTokens: 34 } })
  })

  it.each(['rivulet', 'openai-chat', 'openai-responses'] as const)('%s ends with length when the answer was cut off', (format) => {
    const events = script({ type: 'start', streamId: 's' }, { type: 'token', content: 'Once upon' }, { type: 'done', finishReason: 'length' })
    expect(content(decodeText(encodeEvents(format, events), format)).done?.finishReason).toBe('length')
  })

  it('ai-sdk keeps every finish reason', () => {
    for (const finishReason of ['stop', 'length', 'tool-calls', 'content-filter', 'error', 'interrupted', 'other'] as const) {
      const events = script({ type: 'start', streamId: 's' }, { type: 'done', finishReason })
      expect(content(decodeText(encodeEvents('ai-sdk', events), 'ai-sdk')).done?.finishReason).toBe(finishReason)
    }
  })

  it.each(FORMATS)('%s reports a mid-stream error after the partial text, and no done', (format) => {
    const decoded = content(decodeText(encodeEvents(format, midStreamError('upstream_error')), format))
    expect(decoded.text).toBe('Partial answer')
    expect(decoded.error).toEqual({ code: 'upstream_error', message: 'Something broke' })
    expect(decoded.done).toBeUndefined()
  })

  it.each(['rivulet', 'openai-chat', 'openai-responses', 'anthropic'] as const)('%s keeps a rate limit and its wait', (format) => {
    const decoded = content(decodeText(encodeEvents(format, midStreamError('rate_limited', 20)), format))
    expect(decoded.error).toEqual({ code: 'rate_limited', message: 'Something broke', retryAfter: 20 })
  })

  it.each(['rivulet', 'openai-chat', 'openai-responses'] as const)('%s tells context length and content filter errors apart', (format) => {
    for (const code of ['context_length', 'content_filter'] as const) {
      expect(content(decodeText(encodeEvents(format, midStreamError(code)), format)).error?.code).toBe(code)
    }
  })

  it.each(FORMATS)('%s decodes the same whatever the byte boundaries', async (format) => {
    const body = new TextEncoder().encode(encodeEvents(format, conversation))
    const whole = decodeText(new TextDecoder().decode(body), format)
    // Every split point, including inside the multi-byte characters of "Zürich" and "🌞".
    for (let cut = 1; cut < body.length; cut += 7) {
      const events: ChatEvent[] = []
      const decoder = createDecoder(format, (event) => events.push(event))
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(body.subarray(0, cut))
          controller.enqueue(body.subarray(cut))
          controller.close()
        },
      }).pipeThrough(new SseParserStream())
      for await (const sse of stream) decoder.push(sse)
      decoder.end()
      expect(events.map(stripStreamId)).toEqual(whole.map(stripStreamId))
    }
  })
})

const agentTurn = script(
  { type: 'start', streamId: 'agent-1', messageId: 'agent-1' },
  { type: 'step_start' },
  { type: 'token', content: 'Checking.' },
  { type: 'tool_call_start', id: 'w', name: 'weather' },
  { type: 'tool_call_delta', id: 'w', argsDelta: '{"city":"Oslo"}' },
  { type: 'tool_call_end', id: 'w' },
  { type: 'tool_result', id: 'w', result: { progress: 0.5 }, preliminary: true },
  { type: 'tool_result', id: 'w', result: { tempC: 3 } },
  { type: 'step_finish' },
  { type: 'step_start' },
  { type: 'token', content: 'Draft' },
  { type: 'step_reset' },
  { type: 'tool_call_start', id: 'd', name: 'delete_file' },
  { type: 'tool_call_delta', id: 'd', argsDelta: '{"path":"/tmp/x"}' },
  { type: 'tool_call_end', id: 'd' },
  { type: 'tool_approval_request', id: 'd' },
  { type: 'step_finish' },
  { type: 'done', finishReason: 'tool-calls' },
)

describe('agent events', () => {
  it('rivulet gives them back exactly', () => {
    expect(decodeText(encodeEvents('rivulet', agentTurn), 'rivulet')).toEqual(agentTurn)
  })

  it('ai-sdk gives them back exactly: steps, reset, preliminary results and approval', () => {
    expect(decodeText(encodeEvents('ai-sdk', agentTurn), 'ai-sdk')).toEqual(agentTurn)
  })

  it.each(['openai-chat', 'openai-responses', 'anthropic'] as const)('%s drops what it cannot say and keeps the calls', (format) => {
    const decoded = decodeText(encodeEvents(format, agentTurn), format)
    expect(decoded.map((e) => e.type)).not.toContain('tool_approval_request')
    expect(content(decoded).tools.map(({ id, args }) => ({ id, args }))).toEqual([
      { id: 'w', args: '{"city":"Oslo"}' },
      { id: 'd', args: '{"path":"/tmp/x"}' },
    ])
  })
})

/** Providers without a stream id get a generated one per decode. */
function stripStreamId(event: ChatEvent) {
  return event.type === 'start' ? { ...event, streamId: '' } : event
}
