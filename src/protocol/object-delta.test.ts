import { describe, expect, it } from 'vitest'
import { decodeText } from './decoders/decode-stream.ts'
import { checkFrame } from './decoders/validate-event.ts'
import type { StreamFormat } from './decoders/stream-format.ts'
import { encodeEvent } from './encode.ts'
import { encodeEvents } from './encoders/create-encoder.ts'
import type { ChatEvent } from './events.ts'

const stream: ChatEvent[] = [
  { type: 'start', seq: 0, streamId: 's1' },
  { type: 'object_delta', seq: 1, delta: '{"name":"Ad' },
  { type: 'object_delta', seq: 2, delta: 'a"}' },
  { type: 'done', seq: 3, finishReason: 'stop' },
]

describe('object_delta', () => {
  it('is a Rivulet event with a string delta, checked like the others', () => {
    expect(checkFrame({ type: 'object_delta', seq: 4, delta: '{"a"' })).toEqual({ kind: 'event', event: { type: 'object_delta', seq: 4, delta: '{"a"' } })
    expect(checkFrame({ type: 'object_delta', seq: 4 })).toEqual({ kind: 'invalid', problem: 'expected string "delta" in object_delta' })
  })

  it('round-trips through the Rivulet encoder and decoder, seq included', () => {
    expect(encodeEvent(stream[1]!)).toBe('id: 1\ndata: {"type":"object_delta","seq":1,"delta":"{\\"name\\":\\"Ad"}\n\n')
    expect(decodeText(stream.map(encodeEvent).join(''), 'auto')).toEqual(stream)
  })

  it.each<StreamFormat>(['openai-chat', 'openai-responses', 'anthropic', 'ai-sdk'])(
    'is written in %s as the text deltas its JSON mode sends',
    (format) => {
      const events = decodeText(encodeEvents(format, stream), format)
      const text = events.map((event) => (event.type === 'token' ? event.content : '')).join('')
      expect(text).toBe('{"name":"Ada"}')
      expect(events.at(-1)?.type).toBe('done')
    },
  )
})
