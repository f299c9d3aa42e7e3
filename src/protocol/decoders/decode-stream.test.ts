import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../events.ts'
import { createAutoDecoder } from './auto-decoder.ts'
import { decodeStream, decodeText } from './decode-stream.ts'

function bodyOf(chunks: Array<string | Uint8Array>): ReadableStream<Uint8Array | string> {
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(c)
      controller.close()
    },
  })
}

async function collect(stream: ReadableStream<ChatEvent>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = []
  for await (const event of stream) out.push(event)
  return out
}

const anthropicBody =
  'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1"}}\n\n' +
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Grüße 🌟"}}\n\n' +
  'event: message_stop\ndata: {"type":"message_stop"}\n\n'

describe('decodeStream', () => {
  it('decodes a byte stream split inside multi-byte characters', async () => {
    const bytes = new TextEncoder().encode(anthropicBody)
    const star = anthropicBody.indexOf('🌟')
    const cut = new TextEncoder().encode(anthropicBody.slice(0, star)).length + 2
    const events = await collect(decodeStream(bodyOf([bytes.slice(0, cut), bytes.slice(cut)]), { format: 'anthropic' }))
    expect(events).toEqual([
      { type: 'start', seq: 0, streamId: 'msg_1' },
      { type: 'token', seq: 1, content: 'Grüße 🌟' },
      { type: 'done', seq: 2 },
    ])
  })

  it('detects the format with auto and replays the events it held', async () => {
    const events = await collect(decodeStream(bodyOf([anthropicBody]), { format: 'auto' }))
    expect(events.map((e) => e.type)).toEqual(['start', 'token', 'done'])
  })

  it('passes keep-alive comments and retry advice to the caller', async () => {
    const comments: string[] = []
    const retries: number[] = []
    const body = ': ping\n\nretry: 3000\n\n' + anthropicBody
    await collect(decodeStream(bodyOf([body]), { format: 'auto', onComment: (c) => comments.push(c), onRetry: (r) => retries.push(r) }))
    expect(comments).toEqual(['ping'])
    expect(retries).toEqual([3000])
  })

  it('uses the AI SDK header to decide before the first event', async () => {
    const events = await collect(decodeStream(bodyOf(['data: [DONE]\n\n']), { format: 'auto', headers: { 'x-vercel-ai-ui-message-stream': 'v1' }, generateId: () => 'g' }))
    expect(events).toEqual([
      { type: 'start', seq: 0, streamId: 'g' },
      { type: 'done', seq: 1 },
    ])
  })

  it('reports an empty body as a stream that ended early', async () => {
    const events = await collect(decodeStream(bodyOf([]), { format: 'auto' }))
    expect(events).toEqual([{ type: 'error', seq: 0, code: 'network', message: 'stream ended early' }])
  })

  it('reports a body that stops mid-answer as ended early, after what arrived', async () => {
    const events = await collect(decodeStream(bodyOf([anthropicBody.slice(0, anthropicBody.indexOf('event: message_stop'))]), { format: 'anthropic' }))
    expect(events.at(-1)).toEqual({ type: 'error', seq: 2, code: 'network', message: 'stream ended early' })
  })
})

describe('decodeStream when the connection breaks', () => {
  function failingBody(chunks: string[], error: unknown): ReadableStream<string> {
    let i = 0
    return new ReadableStream<string>({
      pull(controller) {
        if (i < chunks.length) controller.enqueue(chunks[i++]!)
        else controller.error(error)
      },
    })
  }

  it('keeps what arrived and ends with a network error', async () => {
    const body = failingBody([anthropicBody.slice(0, anthropicBody.indexOf('event: message_stop'))], new TypeError('network error'))
    const events = await collect(decodeStream(body, { format: 'anthropic' }))
    expect(events).toEqual([
      { type: 'start', seq: 0, streamId: 'msg_1' },
      { type: 'token', seq: 1, content: 'Grüße 🌟' },
      { type: 'error', seq: 2, code: 'network', message: 'stream ended early' },
    ])
  })

  it('ignores a break after the stream already finished', async () => {
    const events = await collect(decodeStream(failingBody([anthropicBody], new TypeError('reset')), { format: 'anthropic' }))
    expect(events.map((e) => e.type)).toEqual(['start', 'token', 'done'])
  })

  it('lets an abort through as an error of the event stream', async () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError')
    await expect(collect(decodeStream(failingBody(['data: {"type":"start"}\n\n'], abort), { format: 'ai-sdk' }))).rejects.toBe(abort)
  })

  it('cancels the body when the consumer stops reading', async () => {
    let cancelled: unknown
    const body = new ReadableStream<string>({
      pull(controller) {
        controller.enqueue('data: {"type":"text-delta","delta":"a"}\n\n')
      },
      cancel(reason) {
        cancelled = reason
      },
    })
    const reader = decodeStream(body, { format: 'ai-sdk' }).getReader()
    expect((await reader.read()).value?.type).toBe('start')
    await reader.cancel('stop')
    expect(cancelled).toBe('stop')
  })
})

describe('auto decoding', () => {
  it('falls back to rivulet after a few undecidable events and reports the stream as malformed', () => {
    const events: ChatEvent[] = []
    const decoder = createAutoDecoder((e) => events.push(e), { maxProbeEvents: 3 })
    const sse = { type: 'message', data: '{"hello":"world"}', lastEventId: '' }
    decoder.push(sse)
    decoder.push(sse)
    expect(decoder.format).toBeUndefined()
    expect(events).toEqual([])
    decoder.push(sse)
    expect(decoder.format).toBe('rivulet')
    expect(decoder.terminated).toBe(true)
    expect(events).toEqual([{ type: 'error', seq: 0, code: 'protocol', message: 'malformed frame (frame #1): expected string "type"' }])
  })

  it('decides at the end of a short undecidable body', () => {
    expect(decodeText('data: [DONE]\n\n', 'auto')).toEqual([{ type: 'error', seq: 0, code: 'protocol', message: 'malformed frame (frame #1): invalid JSON' }])
  })

  it('holds undecided events and replays them once a later event decides', () => {
    const body = 'event: error\ndata: {"error":{"message":"early"}}\n\n'
    // A bare error cannot tell openai-chat from others; a following chunk can, and the error still wins.
    const events = decodeText(body + 'data: {"choices":[{"index":0,"delta":{"content":"a"}}]}\n\n', 'auto', { generateId: () => 'g' })
    expect(events).toEqual([
      { type: 'start', seq: 0, streamId: 'g' },
      { type: 'error', seq: 1, code: 'upstream_error', message: 'early' },
    ])
  })
})
