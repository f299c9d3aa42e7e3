import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../events.ts'
import { createBodyDecoder } from './body-decoder.ts'

const encoder = new TextEncoder()
const openAi = (delta: string, finish?: string) =>
  `data: {"choices":[{"index":0,"delta":{"content":${JSON.stringify(delta)}},"finish_reason":${finish ? JSON.stringify(finish) : 'null'}}]}\n\n`

function decode(chunks: Array<string | Uint8Array>, format: Parameters<typeof createBodyDecoder>[1]['format'], broken = false) {
  const events: ChatEvent[] = []
  const decoder = createBodyDecoder((event) => events.push(event), { format, generateId: () => 's' })
  for (const chunk of chunks) decoder.feed(chunk)
  return { events, ending: decoder.end(broken), decoder }
}

describe('createBodyDecoder', () => {
  it('ends a body with finish_reason but no [DONE] as done', () => {
    const { events, ending } = decode([openAi('Hi', 'stop')], 'openai-chat')
    expect(ending).toEqual({ kind: 'terminated' })
    expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'stop' })
  })

  it('holds back the early-end error and hands it over, after what the end flushed', () => {
    const { events, ending } = decode(['data: {"type":"start","seq":0,"streamId":"s"}\n\n'], 'rivulet')
    expect(events).toEqual([{ type: 'start', seq: 0, streamId: 's' }])
    expect(ending).toEqual({ kind: 'ended-early', event: { type: 'error', seq: 1, code: 'network', message: 'stream ended early' } })
  })

  it('drops an unterminated last frame, as the SSE rules say, whether the body closed or broke', () => {
    const half = 'data: {"type":"start","seq":0,"streamId":"s"}\n'
    for (const broken of [false, true]) {
      const { events, ending } = decode([half], 'rivulet', broken)
      expect(events).toEqual([])
      expect(ending).toMatchObject({ kind: 'ended-early', event: { code: 'network' } })
    }
  })

  it('decodes a multi-byte character split across reads, and text() matches feed()', () => {
    const bytes = encoder.encode(openAi('héllo', 'stop'))
    const at = bytes.indexOf(0xc3) + 1
    const events: ChatEvent[] = []
    const decoder = createBodyDecoder((event) => events.push(event), { format: 'openai-chat', generateId: () => 's' })
    const first = decoder.text(bytes.slice(0, at))
    const second = decoder.text(bytes.slice(at))
    expect(first + second).toBe(openAi('héllo', 'stop'))
    decoder.feed(first)
    decoder.feed(second)
    decoder.end()
    expect(events.filter((e) => e.type === 'token')).toMatchObject([{ content: 'héllo' }])
  })

  it('reports the detected format for auto', () => {
    const { decoder } = decode([openAi('Hi')], 'auto')
    expect(decoder.format).toBe('openai-chat')
  })

  it('passes thinkTags through to the decoder', () => {
    const events: ChatEvent[] = []
    const decoder = createBodyDecoder((event) => events.push(event), { format: 'openai-chat', thinkTags: false, generateId: () => 's' })
    decoder.feed(openAi('<think>x</think>y', 'stop'))
    decoder.end()
    expect(events.filter((e) => e.type === 'token')).toMatchObject([{ content: '<think>x</think>y' }])
  })
})
