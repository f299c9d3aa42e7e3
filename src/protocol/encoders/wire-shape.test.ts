import { describe, expect, it } from 'vitest'
import { detectFormat } from '../decoders/detect-format.ts'
import type { StreamFormat } from '../decoders/stream-format.ts'
import type { ChatEvent, UnsequencedChatEvent } from '../events.ts'
import { createSseParser, type SseEvent } from '../sse/parser.ts'
import { createEncoder, encodeEvents } from './create-encoder.ts'
import { formatHeaders } from './format-headers.ts'

function script(...events: UnsequencedChatEvent[]): ChatEvent[] {
  return events.map((event, seq) => ({ ...event, seq }) as ChatEvent)
}

function frames(body: string): SseEvent[] {
  const out: SseEvent[] = []
  const parser = createSseParser({ onEvent: (event) => out.push(event) })
  parser.feed(body)
  parser.end()
  return out
}

const data = (event: SseEvent) => JSON.parse(event.data) as Record<string, unknown>

const sample = script(
  { type: 'start', streamId: 'resp_1', messageId: 'msg_1' },
  { type: 'reasoning', content: 'think' },
  { type: 'token', content: 'Hel' },
  { type: 'token', content: 'lo' },
  { type: 'tool_call_start', id: 'call_1', name: 'search' },
  { type: 'tool_call_delta', id: 'call_1', argsDelta: '{"q":' },
  { type: 'tool_call_delta', id: 'call_1', argsDelta: '"x"}' },
  { type: 'tool_call_end', id: 'call_1' },
  { type: 'tool_result', id: 'call_1', result: ['hit'] },
  { type: 'token', content: 'Done.' },
  { type: 'done', finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 2 } },
)

describe('encoded wire shapes', () => {
  it('openai-chat names tool calls by index, with id and name on the first delta only, and ends with [DONE]', () => {
    const sse = frames(encodeEvents('openai-chat', sample))
    const toolDeltas = sse
      .filter((event) => event.data !== '[DONE]')
      .flatMap((event) => ((data(event).choices as Array<{ delta?: { tool_calls?: unknown[] } }>)[0]?.delta?.tool_calls ?? []) as Array<Record<string, unknown>>)
    expect(toolDeltas).toEqual([
      { index: 0, id: 'call_1', type: 'function', function: { name: 'search', arguments: '' } },
      { index: 0, function: { arguments: '{"q":' } },
      { index: 0, function: { arguments: '"x"}' } },
    ])
    expect(sse.every((event) => event.data === '[DONE]' || data(event).object === 'chat.completion.chunk')).toBe(true)
    expect(sse.at(-1)?.data).toBe('[DONE]')
    expect(data(sse.at(-2)!)).toMatchObject({ choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } })
  })

  it('openai-responses names each frame after its type and numbers them from 0', () => {
    const sse = frames(encodeEvents('openai-responses', sample))
    expect(sse.map((event) => data(event).sequence_number)).toEqual(sse.map((_, i) => i))
    expect(sse.every((event) => event.type === data(event).type)).toBe(true)
    expect(sse[0]?.type).toBe('response.created')
    expect(sse.at(-1)?.type).toBe('response.completed')
    // Every item that was added is done before the response completes.
    const added = sse.filter((e) => e.type === 'response.output_item.added').map((e) => data(e).output_index)
    const done = sse.filter((e) => e.type === 'response.output_item.done').map((e) => data(e).output_index)
    expect(done.sort()).toEqual(added.sort())
  })

  it('anthropic opens and stops every content block, then sends message_delta and message_stop', () => {
    const sse = frames(encodeEvents('anthropic', sample))
    expect(sse.every((event) => event.type === data(event).type)).toBe(true)
    const starts = sse.filter((e) => e.type === 'content_block_start').map((e) => data(e).index)
    const stops = sse.filter((e) => e.type === 'content_block_stop').map((e) => data(e).index)
    expect(stops.sort()).toEqual(starts.sort())
    expect(sse.map((e) => e.type).slice(-2)).toEqual(['message_delta', 'message_stop'])
    expect(sse[0]?.type).toBe('message_start')
  })

  it('ai-sdk wraps each text run in text-start/text-end and closes the body with [DONE]', () => {
    const encoder = createEncoder('ai-sdk')
    let body = ''
    for (const event of sample) body += encoder.encode(event)
    expect(body).not.toContain('[DONE]')
    body += encoder.end()
    const types = frames(body).map((event) => (event.data === '[DONE]' ? '[DONE]' : data(event).type))
    expect(types).toEqual([
      'start', 'start-step',
      'reasoning-start', 'reasoning-delta', 'reasoning-end',
      'text-start', 'text-delta', 'text-delta', 'text-end',
      'tool-input-start', 'tool-input-delta', 'tool-input-delta', 'tool-input-available', 'tool-output-available',
      'text-start', 'text-delta', 'text-end',
      'finish-step', 'finish', '[DONE]',
    ])
  })

  it('rivulet writes one id + data frame per event', () => {
    const sse = frames(encodeEvents('rivulet', sample))
    expect(sse.map((event) => Number(event.lastEventId))).toEqual(sample.map((event) => event.seq))
    expect(sse.map(data)).toEqual(sample)
  })

  it.each(['rivulet', 'openai-chat', 'openai-responses', 'anthropic', 'ai-sdk'] as StreamFormat[])(
    'format detection recognises an encoded %s stream from its headers and first frames',
    (format) => {
      const headers = formatHeaders(format)
      expect(headers['content-type']).toMatch(/^text\/event-stream/)
      expect(detectFormat({ headers, events: frames(encodeEvents(format, sample)).slice(0, 4) })).toBe(format)
    },
  )

  it('only the AI SDK stream carries the ui-message-stream header', () => {
    expect(formatHeaders('ai-sdk')['x-vercel-ai-ui-message-stream']).toBe('v1')
    expect(formatHeaders('openai-chat')['x-vercel-ai-ui-message-stream']).toBeUndefined()
  })
})
