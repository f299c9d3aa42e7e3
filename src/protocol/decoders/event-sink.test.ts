import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../events.ts'
import { createEventSink } from './event-sink.ts'

function setup() {
  const out: ChatEvent[] = []
  let n = 0
  const sink = createEventSink((e) => out.push(e), { generateId: () => `gen-${++n}` })
  return { out, sink }
}

describe('createEventSink', () => {
  it('numbers events 0, 1, 2… starting with start', () => {
    const { out, sink } = setup()
    sink.start('msg_1')
    sink.emit({ type: 'token', content: 'a' })
    sink.emit({ type: 'done' })
    expect(out).toEqual([
      { type: 'start', seq: 0, streamId: 'msg_1' },
      { type: 'token', seq: 1, content: 'a' },
      { type: 'done', seq: 2 },
    ])
  })

  it('sends start with a generated id before content that comes first', () => {
    const { out, sink } = setup()
    sink.emit({ type: 'reasoning', content: 'r' })
    sink.start('too-late')
    expect(out).toEqual([
      { type: 'start', seq: 0, streamId: 'gen-1' },
      { type: 'reasoning', seq: 1, content: 'r' },
    ])
    expect(sink.started).toBe(true)
  })

  it('passes a message id through start', () => {
    const { out, sink } = setup()
    sink.emit({ type: 'start', streamId: 's', messageId: 'm' })
    sink.emit({ type: 'start', streamId: 'again' })
    expect(out).toEqual([{ type: 'start', seq: 0, streamId: 's', messageId: 'm' }])
  })

  it('drops everything after done', () => {
    const { out, sink } = setup()
    sink.emit({ type: 'done', finishReason: 'stop' })
    sink.emit({ type: 'token', content: 'late' })
    sink.fail('upstream_error', 'late')
    sink.end()
    expect(out.map((e) => e.type)).toEqual(['start', 'done'])
    expect(sink.terminated).toBe(true)
  })

  it('drops everything after an error, a later done included', () => {
    const { out, sink } = setup()
    sink.fail('rate_limited', 'wait', 12)
    sink.emit({ type: 'done' })
    expect(out).toEqual([
      { type: 'start', seq: 0, streamId: 'gen-1' },
      { type: 'error', seq: 1, code: 'rate_limited', message: 'wait', retryAfter: 12 },
    ])
  })

  it('ends open tool calls, in start order, before done', () => {
    const { out, sink } = setup()
    sink.emit({ type: 'tool_call_start', id: 'a', name: 'x' })
    sink.emit({ type: 'tool_call_start', id: 'b', name: 'y' })
    sink.emit({ type: 'tool_call_start', id: 'c', name: 'z' })
    sink.emit({ type: 'tool_call_end', id: 'b' })
    sink.emit({ type: 'done' })
    expect(out.slice(4).map((e) => [e.type, 'id' in e ? e.id : undefined])).toEqual([
      ['tool_call_end', 'b'],
      ['tool_call_end', 'a'],
      ['tool_call_end', 'c'],
      ['done', undefined],
    ])
  })

  it('leaves open tool calls open on error: they broke, they did not complete', () => {
    const { out, sink } = setup()
    sink.emit({ type: 'tool_call_start', id: 'a', name: 'x' })
    sink.fail('upstream_error', 'boom')
    expect(out.map((e) => e.type)).toEqual(['start', 'tool_call_start', 'error'])
  })

  it('starts and ends a call once, and drops deltas outside its window', () => {
    const { out, sink } = setup()
    sink.emit({ type: 'tool_call_delta', id: 'a', argsDelta: 'early' })
    sink.emit({ type: 'tool_call_start', id: 'a', name: 'x' })
    sink.emit({ type: 'tool_call_start', id: 'a', name: 'x' })
    sink.emit({ type: 'tool_call_delta', id: 'a', argsDelta: '{}' })
    sink.emit({ type: 'tool_call_end', id: 'a' })
    sink.emit({ type: 'tool_call_end', id: 'a' })
    sink.emit({ type: 'tool_call_delta', id: 'a', argsDelta: 'late' })
    expect(out.map((e) => e.type)).toEqual(['start', 'tool_call_start', 'tool_call_delta', 'tool_call_end'])
    expect(sink.hasToolCall('a')).toBe(true)
    expect(sink.isToolCallOpen('a')).toBe(false)
  })

  it('drops empty text deltas, which providers send as padding', () => {
    const { out, sink } = setup()
    sink.emit({ type: 'token', content: '' })
    sink.emit({ type: 'reasoning', content: '' })
    expect(out.map((e) => e.type)).toEqual(['start'])
  })

  it('reports a stream that ends before a terminal event as a network error', () => {
    const { out, sink } = setup()
    sink.emit({ type: 'token', content: 'a' })
    sink.end()
    expect(out.at(-1)).toEqual({ type: 'error', seq: 2, code: 'network', message: 'stream ended early' })
  })

  it('generates a stream id without an injected generator', () => {
    const out: ChatEvent[] = []
    createEventSink((e) => out.push(e)).start()
    const first = out[0]
    expect(first?.type === 'start' && first.streamId.length).toBeGreaterThan(8)
  })
})
