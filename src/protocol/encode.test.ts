import { describe, expect, it } from 'vitest'
import type { ChatEvent } from './events.ts'
import { encodeComment, encodeEvent } from './encode.ts'
import { decodeText } from './decoders/decode-stream.ts'
import { createSseParser, type SseEvent } from './sse/parser.ts'

/** One of every event type, with optional fields both present and absent. */
const allEvents: ChatEvent[] = [
  { type: 'start', seq: 0, streamId: 'stream-1' },
  { type: 'start', seq: 1, streamId: 'stream-1', messageId: 'msg-1' },
  { type: 'token', seq: 2, content: 'Hel\nlo "world" \u2028 🌟' },
  { type: 'reasoning', seq: 3, content: 'thinking\r\n…' },
  { type: 'tool_call_start', seq: 4, id: 'call_1', name: 'get_weather' },
  { type: 'tool_call_delta', seq: 5, id: 'call_1', argsDelta: '{"city":"To' },
  { type: 'tool_call_end', seq: 6, id: 'call_1' },
  { type: 'tool_result', seq: 7, id: 'call_1', result: { temp: 20, sky: ['clear'] } },
  { type: 'tool_result', seq: 8, id: 'call_2', result: 'boom', isError: true },
  { type: 'tool_result', seq: 9, id: 'call_3', result: null },
  { type: 'status', seq: 10, message: 'Searching the web…' },
  { type: 'done', seq: 11, finishReason: 'tool-calls', usage: { inputTokens: 12, outputTokens: 34 } },
]
const terminalEvents: ChatEvent[] = [
  { type: 'done', seq: 0 },
  { type: 'error', seq: 0, code: 'rate_limited', message: 'slow down', retryAfter: 30 },
  { type: 'error', seq: 0, code: 'upstream_error', message: 'Overloaded' },
]

describe('encodeEvent', () => {
  it('writes the seq as the SSE id and the event as one compact data line, type and seq first', () => {
    expect(encodeEvent({ content: 'Hel', seq: 3, type: 'token' } as ChatEvent)).toBe('id: 3\ndata: {"type":"token","seq":3,"content":"Hel"}\n\n')
  })

  it('keeps line breaks in content inside the single data line', () => {
    const frame = encodeEvent({ type: 'token', seq: 0, content: 'a\nb\rc' })
    expect(frame.split('\n')).toHaveLength(4)
    expect(frame).not.toContain('\r')
  })

  it('gives the browser the seq as lastEventId', () => {
    const seen: SseEvent[] = []
    const parser = createSseParser({ onEvent: (e) => seen.push(e) })
    parser.feed(encodeEvent({ type: 'status', seq: 41, message: 'x' }))
    expect(seen).toEqual([{ type: 'message', data: '{"type":"status","seq":41,"message":"x"}', lastEventId: '41' }])
  })

  it('round-trips every event type through the rivulet decoder unchanged', () => {
    const body = allEvents.map(encodeEvent).join('')
    expect(decodeText(body, 'rivulet')).toEqual(allEvents)
  })

  it.each(terminalEvents)('round-trips the terminal event $type $code', (event) => {
    expect(decodeText(encodeEvent(event), 'rivulet')).toEqual([event])
  })

  it('round-trips when detected automatically', () => {
    const body = encodeComment('ping') + allEvents.map(encodeEvent).join('')
    expect(decodeText(body, 'auto')).toEqual(allEvents)
  })
})

describe('encodeComment', () => {
  it('writes a keep-alive comment the parser reports and never dispatches', () => {
    expect(encodeComment('ping')).toBe(': ping\n\n')
    const comments: string[] = []
    const events: SseEvent[] = []
    const parser = createSseParser({ onEvent: (e) => events.push(e), onComment: (c) => comments.push(c) })
    parser.feed(encodeComment('line one\nline two\r\nthree'))
    expect(comments).toEqual(['line one', 'line two', 'three'])
    expect(events).toEqual([])
  })

  it('cannot smuggle a data field through a line break', () => {
    const events: SseEvent[] = []
    const parser = createSseParser({ onEvent: (e) => events.push(e) })
    parser.feed(encodeComment('x\ndata: injected') + 'data: real\n\n')
    expect(events.map((e) => e.data)).toEqual(['real'])
  })
})
