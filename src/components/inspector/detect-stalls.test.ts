import { describe, expect, it } from 'vitest'
import { detectStalls } from './detect-stalls.ts'
import type { StreamLogEntry } from '../../core/stream-log.ts'
import type { ChatEvent } from '../../protocol/events.ts'

const request = (at: number, kind: 'send' | 'resume' = 'send', attempt = 0): StreamLogEntry => ({ type: 'request', at, kind, attempt })
const event = (at: number, e: ChatEvent): StreamLogEntry => ({ type: 'event', at, event: e })
const token = (at: number, seq: number, content = 'x'): StreamLogEntry => event(at, { type: 'token', seq, content })
const comment = (at: number): StreamLogEntry => ({ type: 'comment', at, text: 'ping' })

describe('detectStalls', () => {
  it('finds a pause longer than the threshold between content events', () => {
    const entries = [request(0), token(100, 1), token(200, 2), token(2700, 3), token(2800, 4)]
    expect(detectStalls(entries, 2000)).toEqual([{ from: 200, to: 2700, open: false }])
  })

  it('ignores pauses at or under the threshold', () => {
    expect(detectStalls([token(0, 1), token(2000, 2), token(3999, 3)], 2000)).toEqual([])
  })

  it('does not count the wait for the first content event', () => {
    const entries = [request(0), event(10, { type: 'start', seq: 0, streamId: 's' }), token(9000, 1), token(9100, 2)]
    expect(detectStalls(entries, 2000)).toEqual([])
  })

  it('keeps counting through keep-alives, which are not content', () => {
    const entries = [token(0, 1), comment(1000), comment(2000), comment(3000), token(4000, 2)]
    expect(detectStalls(entries, 2000)).toEqual([{ from: 0, to: 4000, open: false }])
  })

  it('reports a silence after the last content event as open, measured to the last entry', () => {
    const entries = [token(0, 1), token(100, 2), comment(1500), comment(3000), { type: 'stopped' as const, at: 3500 }]
    expect(detectStalls(entries, 2000)).toEqual([{ from: 100, to: 3500, open: true }])
  })

  it('honours the threshold it is given', () => {
    expect(detectStalls([token(0, 1), token(600, 2)], 500)).toHaveLength(1)
    expect(detectStalls([token(0, 1), token(600, 2)], 1000)).toHaveLength(0)
  })
})
