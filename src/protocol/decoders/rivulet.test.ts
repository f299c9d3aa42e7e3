import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../events.ts'
import type { SseEvent } from '../sse/parser.ts'
import { createRivuletDecoder } from './rivulet.ts'

const frame = (data: string, lastEventId = ''): SseEvent => ({ type: 'message', data, lastEventId })

function decode(frames: SseEvent[], end = true): ChatEvent[] {
  const out: ChatEvent[] = []
  const decoder = createRivuletDecoder((e) => out.push(e))
  for (const f of frames) decoder.push(f)
  if (end) decoder.end()
  return out
}

/** A valid example of every event type, and the fields the table says it must have. */
const valid: Array<{ event: Record<string, unknown>; required: Array<[field: string, type: string, wrong: unknown]> }> = [
  { event: { type: 'start', seq: 7, streamId: 's' }, required: [['streamId', 'string', 1]] },
  { event: { type: 'token', seq: 7, content: 'a' }, required: [['content', 'string', null]] },
  { event: { type: 'reasoning', seq: 7, content: 'a' }, required: [['content', 'string', ['a']]] },
  { event: { type: 'tool_call_start', seq: 7, id: 'c', name: 'n' }, required: [['id', 'string', 3], ['name', 'string', {}]] },
  { event: { type: 'tool_call_delta', seq: 7, id: 'c', argsDelta: '{' }, required: [['id', 'string', true], ['argsDelta', 'string', { a: 1 }]] },
  { event: { type: 'tool_call_end', seq: 7, id: 'c' }, required: [['id', 'string', 0]] },
  { event: { type: 'tool_result', seq: 7, id: 'c', result: 1 }, required: [['id', 'string', null]] },
  { event: { type: 'tool_approval_request', seq: 7, id: 'c' }, required: [['id', 'string', 4]] },
  { event: { type: 'status', seq: 7, message: 'm' }, required: [['message', 'string', 5]] },
  { event: { type: 'error', seq: 7, code: 'timeout', message: 'm' }, required: [['code', 'string', 429], ['message', 'string', false]] },
  { event: { type: 'metadata', seq: 7, metadata: { model: 'm' } }, required: [['metadata', 'object', ['m']]] },
  { event: { type: 'data', seq: 7, name: 'weather', data: { c: 1 } }, required: [['name', 'string', 7]] },
  { event: { type: 'source', seq: 7, id: 's1', url: 'https://example.com' }, required: [['id', 'string', 1]] },
  { event: { type: 'citation', seq: 7, sourceId: 's1' }, required: [['sourceId', 'string', null]] },
  { event: { type: 'file', seq: 7, mediaType: 'image/png', url: 'data:image/png;base64,AA==' }, required: [['mediaType', 'string', 1], ['url', 'string', {}]] },
]

describe('rivulet decoder: validation', () => {
  for (const { event, required } of valid) {
    for (const [field, type, wrong] of required) {
      it(`reports a protocol error naming the frame when ${event.type} lacks "${field}"`, () => {
        const { [field]: _dropped, ...rest } = event
        const out = decode([frame(JSON.stringify(rest), '7')])
        expect(out).toEqual([{ type: 'error', seq: 7, code: 'protocol', message: `malformed frame (id 7): expected ${type} "${field}" in ${event.type}` }])
      })
      it(`reports a protocol error when ${event.type}."${field}" is ${JSON.stringify(wrong)}`, () => {
        const out = decode([frame(JSON.stringify({ ...event, [field]: wrong }), '7')])
        expect(out).toEqual([{ type: 'error', seq: 7, code: 'protocol', message: `malformed frame (id 7): expected ${type} "${field}" in ${event.type}` }])
      })
    }
    it(`reports a protocol error when ${event.type} has no seq`, () => {
      const { seq: _seq, ...rest } = event
      const [error] = decode([frame(JSON.stringify(rest), '')])
      expect(error).toMatchObject({ type: 'error', code: 'protocol', message: `malformed frame (frame #1): expected non-negative integer "seq" in ${event.type}` })
    })
  }

  it('requires tool_result to carry a result, even a null one', () => {
    expect(decode([frame('{"type":"tool_result","seq":2,"id":"c"}')])[0]).toMatchObject({
      code: 'protocol',
      message: 'malformed frame (id 2): expected field "result" in tool_result',
    })
    expect(decode([frame('{"type":"tool_result","seq":2,"id":"c","result":null}')], false)).toEqual([{ type: 'tool_result', seq: 2, id: 'c', result: null }])
  })

  it.each([
    ['start', '{"type":"start","seq":1,"streamId":"s","messageId":5}', 'expected string "messageId" in start'],
    ['tool_result', '{"type":"tool_result","seq":1,"id":"c","result":1,"isError":"yes"}', 'expected boolean "isError" in tool_result'],
    ['error', '{"type":"error","seq":1,"code":"timeout","message":"m","retryAfter":"30"}', 'expected number "retryAfter" in error'],
    ['done', '{"type":"done","seq":1,"finishReason":1}', 'expected string "finishReason" in done'],
    ['done', '{"type":"done","seq":1,"usage":3}', 'expected object "usage" in done'],
    ['done', '{"type":"done","seq":1,"usage":{"inputTokens":"3"}}', 'expected number "usage.inputTokens" in done'],
  ])('rejects a wrongly typed optional field of %s', (_type, data, problem) => {
    expect(decode([frame(data)])).toEqual([{ type: 'error', seq: 1, code: 'protocol', message: `malformed frame (id 1): ${problem}` }])
  })

  it('reports malformed JSON with the frame id and stops there', () => {
    const out = decode([frame('{"type":"token","seq":0,"content":"a"}', '0'), frame('{"type":"tok', '1'), frame('{"type":"token","seq":2,"content":"b"}', '2')])
    expect(out).toEqual([
      { type: 'token', seq: 0, content: 'a' },
      { type: 'error', seq: 1, code: 'protocol', message: 'malformed frame (id 1): invalid JSON' },
    ])
  })

  it('rejects frames that are JSON but not an event object', () => {
    expect(decode([frame('[1,2]')])[0]).toMatchObject({ code: 'protocol', message: 'malformed frame (frame #1): expected a JSON object' })
    expect(decode([frame('{"seq":1}')])[0]).toMatchObject({ code: 'protocol', message: 'malformed frame (id 1): expected string "type"' })
  })

  it('gives the error for a bad frame that frame’s seq, so a resumed client does not drop it as stale', () => {
    expect(decode([frame('{"type":"token","seq":41}', '41')])[0]).toMatchObject({ seq: 41, code: 'protocol' })
    expect(decode([frame('not json', '41')])[0]).toMatchObject({ seq: 41, code: 'protocol' })
    expect(decode([frame('{"type":"token","seq":0,"content":"a"}'), frame('not json')])[1]).toMatchObject({ seq: 1, code: 'protocol' })
  })

  it('rejects a negative or fractional seq', () => {
    expect(decode([frame('{"type":"token","seq":-1,"content":"a"}')])[0]).toMatchObject({ code: 'protocol' })
    expect(decode([frame('{"type":"token","seq":1.5,"content":"a"}')])[0]).toMatchObject({ code: 'protocol' })
  })

  it('skips unknown event types without an error', () => {
    const out = decode([frame('{"type":"hologram","seq":0,"url":"x"}'), frame('{"type":"token","seq":1,"content":"a"}'), frame('{"type":"done","seq":2}')])
    expect(out).toEqual([
      { type: 'token', seq: 1, content: 'a' },
      { type: 'done', seq: 2 },
    ])
  })

  it('keeps only the protocol fields of an event', () => {
    expect(decode([frame('{"type":"token","seq":0,"content":"a","debug":{"x":1}}')], false)).toEqual([{ type: 'token', seq: 0, content: 'a' }])
  })

  it('widens an error code or finish reason it does not know instead of rejecting the frame', () => {
    expect(decode([frame('{"type":"error","seq":0,"code":"quota_exhausted","message":"m"}')])).toEqual([{ type: 'error', seq: 0, code: 'upstream_error', message: 'm' }])
    expect(decode([frame('{"type":"done","seq":0,"finishReason":"paused"}')])).toEqual([{ type: 'done', seq: 0, finishReason: 'other' }])
  })
})

describe('rivulet decoder: stream ends', () => {
  it('takes seq from the wire, gaps included (gap handling is the client’s job)', () => {
    const out = decode([frame('{"type":"token","seq":4,"content":"a"}'), frame('{"type":"token","seq":9,"content":"b"}'), frame('{"type":"done","seq":10}')])
    expect(out.map((e) => e.seq)).toEqual([4, 9, 10])
  })

  it('reports a network error after the last seq when the body ends without done or error', () => {
    expect(decode([frame('{"type":"token","seq":4,"content":"a"}')])).toEqual([
      { type: 'token', seq: 4, content: 'a' },
      { type: 'error', seq: 5, code: 'network', message: 'stream ended early' },
    ])
  })

  it('reports an empty body as ended early', () => {
    expect(decode([])).toEqual([{ type: 'error', seq: 0, code: 'network', message: 'stream ended early' }])
  })

  it('drops everything after done and does not report the end', () => {
    const out = decode([frame('{"type":"done","seq":0}'), frame('{"type":"token","seq":1,"content":"late"}')])
    expect(out).toEqual([{ type: 'done', seq: 0 }])
  })

  it('is terminated after an error event from the server', () => {
    const out: ChatEvent[] = []
    const decoder = createRivuletDecoder((e) => out.push(e))
    expect(decoder.terminated).toBe(false)
    decoder.push(frame('{"type":"error","seq":0,"code":"rate_limited","message":"wait","retryAfter":3}'))
    expect(decoder.terminated).toBe(true)
    decoder.end()
    expect(out).toEqual([{ type: 'error', seq: 0, code: 'rate_limited', message: 'wait', retryAfter: 3 }])
  })
})

describe('rivulet decoder: agent events', () => {
  it('accepts step boundaries, step reset and approval requests', () => {
    const frames = [
      frame('{"type":"step_start","seq":0}'),
      frame('{"type":"tool_approval_request","seq":1,"id":"c1"}'),
      frame('{"type":"step_reset","seq":2}'),
      frame('{"type":"step_finish","seq":3}'),
      frame('{"type":"done","seq":4,"finishReason":"interrupted"}'),
    ]
    expect(decode(frames)).toEqual([
      { type: 'step_start', seq: 0 },
      { type: 'tool_approval_request', seq: 1, id: 'c1' },
      { type: 'step_reset', seq: 2 },
      { type: 'step_finish', seq: 3 },
      { type: 'done', seq: 4, finishReason: 'interrupted' },
    ])
  })

  it('rejects a preliminary flag that is not a boolean', () => {
    expect(decode([frame('{"type":"tool_result","seq":0,"id":"c","result":1,"preliminary":"yes"}')])[0]).toMatchObject({ type: 'error', code: 'protocol' })
  })

  it('keeps preliminary: true on a tool result and drops preliminary: false', () => {
    expect(decode([frame('{"type":"tool_result","seq":0,"id":"c","result":1,"preliminary":true}'), frame('{"type":"tool_result","seq":1,"id":"c","result":2,"preliminary":false}')], false)).toEqual([
      { type: 'tool_result', seq: 0, id: 'c', result: 1, preliminary: true },
      { type: 'tool_result', seq: 1, id: 'c', result: 2 },
    ])
  })
})
