import { describe, expect, it } from 'vitest'
import { layoutTimeline } from './layout-timeline.ts'
import type { StreamLogEntry } from '../../core/stream-log.ts'
import type { ChatEvent } from '../../protocol/events.ts'

const request = (at: number, kind: 'send' | 'resume' = 'send', attempt = 0): StreamLogEntry => ({ type: 'request', at, kind, attempt })
const event = (at: number, e: ChatEvent): StreamLogEntry => ({ type: 'event', at, event: e })
const token = (at: number, seq: number, content = 'x'): StreamLogEntry => event(at, { type: 'token', seq, content })
const chunk = (at: number, text: string): StreamLogEntry => ({ type: 'chunk', at, bytes: new TextEncoder().encode(text).length, text })
const comment = (at: number): StreamLogEntry => ({ type: 'comment', at, text: 'ping' })

describe('layoutTimeline', () => {
  it('has nothing to draw without entries', () => {
    const layout = layoutTimeline([])
    expect(layout.marks).toEqual([])
    expect(layout.durationMs).toBe(0)
    expect(layout.origin).toBeUndefined()
  })

  it('places each entry by its time since the request, the last one at the end of the axis', () => {
    const layout = layoutTimeline([request(1000), chunk(1250, 'data: x\n\n'), token(1250, 1), token(2000, 2)])
    expect(layout.origin).toBe(1000)
    expect(layout.durationMs).toBe(1000)
    expect(layout.marks.map((m) => [m.kind, m.at, m.x])).toEqual([
      ['request', 0, 0],
      ['chunk', 250, 0.25],
      ['token', 250, 0.25],
      ['token', 1000, 1],
    ])
  })

  it('scales to the duration, so a fast and a slow stream both fill the axis', () => {
    const fast = layoutTimeline([request(0), token(10, 1), token(20, 2)])
    const slow = layoutTimeline([request(0), token(10_000, 1), token(20_000, 2)])
    const tokens = (marks: typeof fast.marks) => marks.filter((m) => m.kind === 'token').map((m) => m.x)
    expect(tokens(fast.marks)).toEqual([0.5, 1])
    expect(tokens(slow.marks)).toEqual([0.5, 1])
  })

  it('puts kinds in their lanes and counts them', () => {
    const layout = layoutTimeline([
      request(0),
      { type: 'response', at: 5, status: 200, headers: {} },
      event(10, { type: 'start', seq: 0, streamId: 's1' }),
      event(20, { type: 'reasoning', seq: 1, content: 'hmm' }),
      event(30, { type: 'tool_call_start', seq: 2, id: 'c1', name: 'get_weather' }),
      event(40, { type: 'status', seq: 3, message: 'Searching' }),
      token(50, 4),
      comment(55),
      event(60, { type: 'done', seq: 5 }),
    ])
    const lanes = Object.fromEntries(layout.marks.map((m) => [m.kind, m.lane]))
    expect(lanes).toEqual({
      request: 'wire',
      response: 'wire',
      start: 'content',
      reasoning: 'content',
      tool: 'tools',
      status: 'tools',
      token: 'content',
      'keep-alive': 'wire',
      done: 'content',
    })
    expect(layout.counts.token).toBe(1)
    expect(layout.counts.error).toBe(0)
  })

  it('marks failures, error events, retries, reconnects and stops as faults or wire incidents with words', () => {
    const layout = layoutTimeline([
      request(0),
      { type: 'retry', at: 10, delayMs: 500 },
      request(510, 'send', 1),
      token(600, 1),
      { type: 'reconnect', at: 700, lastEventId: '1' },
      request(700, 'resume'),
      event(800, { type: 'error', seq: 2, code: 'upstream_error', message: 'Overloaded' }),
      { type: 'failed', at: 900, error: { code: 'network', message: 'dropped', resumable: true } },
      { type: 'stopped', at: 1000 },
    ])
    const labelled = layout.marks.filter((m) => ['retry', 'reconnect', 'error', 'stopped'].includes(m.kind)).map((m) => [m.kind, m.label])
    expect(labelled).toEqual([
      ['retry', 'retry in 500 ms'],
      ['reconnect', 'reconnect after event 1'],
      ['error', 'error upstream_error: Overloaded'],
      ['error', 'failed network: dropped'],
      ['stopped', 'stopped'],
    ])
    expect(layout.marks.find((m) => m.label === 'send request, attempt 2')).toBeDefined()
  })

  it('marks a seq jump as a gap, like the client counts it, but not a replay of old events', () => {
    const layout = layoutTimeline([
      event(0, { type: 'start', seq: 0, streamId: 's' }),
      token(10, 1),
      token(20, 3),
      token(30, 7),
      token(40, 8),
    ])
    expect(layout.marks.filter((m) => m.kind === 'gap').map((m) => m.label)).toEqual(['event 2 never arrived', 'events 4–6 never arrived'])
  })

  it('draws a stall as a span from the last content event to the next', () => {
    const layout = layoutTimeline([request(0), token(1000, 1), comment(2000), token(4000, 2), token(5000, 3)])
    const stall = layout.marks.find((m) => m.kind === 'stall')!
    expect(stall.lane).toBe('faults')
    expect(stall.x).toBeCloseTo(0.2)
    expect(stall.width).toBeCloseTo(0.6)
    expect(stall.label).toBe('no content for 3000 ms')
  })

  it('takes the stall threshold it is given', () => {
    const entries = [request(0), token(0, 1), token(1500, 2)]
    expect(layoutTimeline(entries).counts.stall).toBe(0)
    expect(layoutTimeline(entries, { stallThresholdMs: 1000 }).counts.stall).toBe(1)
  })

  it('starts the axis at the first entry when the request was not seen', () => {
    const layout = layoutTimeline([token(500, 4), token(1500, 5)])
    expect(layout.origin).toBe(500)
    expect(layout.marks.map((m) => m.x)).toEqual([0, 1])
  })

  it('keeps everything on the axis when all entries share one instant', () => {
    const layout = layoutTimeline([request(7), token(7, 1), event(7, { type: 'done', seq: 2 })])
    expect(layout.durationMs).toBe(0)
    expect(layout.marks.every((m) => m.x === 0)).toBe(true)
  })
})
