import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeText } from '../protocol/decoders/decode-stream.ts'
import { encodeEvents } from '../protocol/encoders/create-encoder.ts'
import type { ChatEvent } from '../protocol/events.ts'
import { scenarios } from './scenarios.ts'
import { createScript, splitText } from './script.ts'

const textOf = (events: ChatEvent[], type: 'token' | 'reasoning' = 'token') =>
  events.flatMap((e) => (e.type === type ? [e.content] : [])).join('')

describe('splitText', () => {
  it.each([
    ['Hello big world', 'word', ['Hello', ' big', ' world']],
    ['  lead and trail  ', 'word', ['  lead', ' and', ' trail', '  ']],
    ['para\n\nnext', 'word', ['para', '\n\nnext']],
    ['a🌊b', 'char', ['a', '🌊', 'b']],
    ['héllo', 2, ['hé', 'll', 'o']],
    ['', 'word', []],
  ] as const)('%j by %j', (text, mode, pieces) => {
    expect(splitText(text, mode)).toEqual(pieces)
  })

  it('joins back to the original text whatever the mode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.oneof(fc.constant('word' as const), fc.constant('char' as const), fc.integer({ min: 1, max: 9 })), (text, mode) => {
        expect(splitText(text, mode).join('')).toBe(text)
      }),
    )
  })
})

describe('createScript', () => {
  it('numbers events from 0 and starts with the stream id', () => {
    const events = createScript({ streamId: 's-1', messageId: 'm-1' }).text('Hi there').status('Working…').done()
    expect(events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4])
    expect(events).toEqual([
      { type: 'start', seq: 0, streamId: 's-1', messageId: 'm-1' },
      { type: 'token', seq: 1, content: 'Hi' },
      { type: 'token', seq: 2, content: ' there' },
      { type: 'status', seq: 3, message: 'Working…' },
      { type: 'done', seq: 4, finishReason: 'stop' },
    ])
  })

  it('streams tool arguments as JSON fragments, then the result', () => {
    const events = createScript().toolCall({ name: 'search', args: { q: 'nile', limit: 3 }, result: ['a'], chunk: 4 }).build()
    const deltas = events.flatMap((e) => (e.type === 'tool_call_delta' ? [e.argsDelta] : []))
    expect(deltas.length).toBeGreaterThan(1)
    expect(JSON.parse(deltas.join(''))).toEqual({ q: 'nile', limit: 3 })
    expect(events.map((e) => e.type)).toEqual(['start', 'tool_call_start', ...deltas.map(() => 'tool_call_delta'), 'tool_call_end', 'tool_result'])
    expect(events.at(-1)).toMatchObject({ type: 'tool_result', id: 'call_1', result: ['a'] })
  })

  it('sends string arguments as they are and marks failed results', () => {
    const events = createScript().toolCall({ id: 'x', name: 'broken', args: '{"unterminated', result: 'boom', isError: true }).build()
    expect(events.flatMap((e) => (e.type === 'tool_call_delta' ? [e.argsDelta] : [])).join('')).toBe('{"unterminated')
    expect(events.at(-1)).toEqual({ type: 'tool_result', seq: events.length - 1, id: 'x', result: 'boom', isError: true })
  })

  it('leaves out the result of a tool the client runs itself', () => {
    const events = createScript().toolCall({ name: 'pick_date', args: {} }).build()
    expect(events.some((e) => e.type === 'tool_result')).toBe(false)
  })

  it('ends with an error carrying its wait, or not at all with build()', () => {
    expect(createScript().text('partial').error('rate_limited', 'Slow down', { retryAfter: 7 }).at(-1)).toEqual({
      type: 'error',
      seq: 2,
      code: 'rate_limited',
      message: 'Slow down',
      retryAfter: 7,
    })
    expect(createScript().text('cut').build().at(-1)?.type).toBe('token')
  })
})

describe('scenarios', () => {
  it('each is a well-formed stream: consecutive seq, one start first, one terminal last', () => {
    for (const [name, events] of Object.entries(scenarios)) {
      expect(events.map((e) => e.seq), name).toEqual(events.map((_, i) => i))
      expect(events[0]?.type, name).toBe('start')
      expect(['done', 'error'], name).toContain(events.at(-1)?.type)
      expect(events.filter((e) => e.type === 'done' || e.type === 'error'), name).toHaveLength(1)
    }
  })

  it('hands out a fresh copy on each access', () => {
    const first = scenarios.markdown
    first.length = 0
    expect(scenarios.markdown.length).toBeGreaterThan(0)
  })

  it('long is about 50 KB of markdown with many closed code fences', () => {
    const text = textOf(scenarios.long)
    expect(text.length).toBeGreaterThanOrEqual(50_000)
    expect(text.length).toBeLessThan(60_000)
    const fences = text.split('\n').filter((line) => line.startsWith('```'))
    expect(fences.length).toBeGreaterThanOrEqual(60)
    expect(fences.length % 2).toBe(0)
  })

  it('reasoning comes before the answer, and the error scenario keeps its partial text', () => {
    expect(textOf(scenarios.reasoning, 'reasoning').length).toBeGreaterThan(0)
    const types = scenarios.reasoning.map((e) => e.type)
    expect(types.lastIndexOf('reasoning')).toBeLessThan(types.indexOf('token'))
    expect(textOf(scenarios.error)).not.toBe('')
    expect(scenarios.error.at(-1)).toMatchObject({ type: 'error', code: 'upstream_error' })
  })

  it('tool call scenario survives every wire format', () => {
    for (const format of ['rivulet', 'openai-chat', 'openai-responses', 'anthropic', 'ai-sdk'] as const) {
      const events = decodeText(encodeEvents(format, scenarios.toolCall), format)
      expect(textOf(events), format).toBe(textOf(scenarios.toolCall))
      expect(events.find((e) => e.type === 'tool_call_start'), format).toMatchObject({ id: 'call_weather', name: 'get_weather' })
    }
  })
})
