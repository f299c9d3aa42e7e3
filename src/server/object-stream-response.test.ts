import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { decodeText } from '../protocol/decoders/decode-stream.ts'
import { createObjectStreamResponse } from './object-stream-response.ts'

const doc = { title: 'Trip', days: [{ city: 'Lyon', nights: 2 }, { city: 'Annecy', nights: 1 }] }
const text = JSON.stringify(doc)

async function* deltas(parts: string[], onReturn?: () => void) {
  try {
    for (const part of parts) yield part
  } finally {
    onReturn?.()
  }
}

function pieces(value: string, size: number) {
  return Array.from({ length: Math.ceil(value.length / size) }, (_, i) => value.slice(i * size, (i + 1) * size))
}

async function fixture(name: string) {
  return readFile(join(import.meta.dirname, '../../fixtures', name), 'utf8')
}

describe('createObjectStreamResponse', () => {
  it('streams text deltas as a plain JSON text body', async () => {
    const response = createObjectStreamResponse(deltas(pieces(text, 5)))
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(await response.text()).toBe(text)
  })

  it('accepts an AI SDK style result with a textStream, and a ReadableStream of bytes', async () => {
    expect(await createObjectStreamResponse({ textStream: deltas(pieces(text, 3)) }).text()).toBe(text)
    const bytes = new TextEncoder().encode(text)
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        // Split inside a multi-byte character would be fine too: the decoder is streaming.
        controller.enqueue(bytes.slice(0, 10))
        controller.enqueue(bytes.slice(10))
        controller.close()
      },
    })
    expect(await createObjectStreamResponse(stream).text()).toBe(text)
  })

  it("writes Rivulet object_delta events with seq, start and done, with format: 'rivulet'", async () => {
    const response = createObjectStreamResponse(deltas(pieces(text, 8)), { format: 'rivulet', streamId: 'o1' })
    const events = decodeText(await response.text(), 'auto')
    expect(events[0]).toEqual({ type: 'start', seq: 0, streamId: 'o1' })
    expect(events.at(-1)).toMatchObject({ type: 'done' })
    expect(events.filter((e) => e.type === 'object_delta').map((e) => (e.type === 'object_delta' ? e.delta : '')).join('')).toBe(text)
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i))
  })

  it('picks the forced tool call arguments out of a recorded OpenAI stream (Response and SDK chunks)', async () => {
    const sse = await fixture('openai-chat-tool-call-single.sse')
    const args = decodeText(sse, 'openai-chat')
      .map((e) => (e.type === 'tool_call_delta' ? e.argsDelta : ''))
      .join('')
    expect(args.length).toBeGreaterThan(2)
    const response = new Response(sse, { headers: { 'content-type': 'text/event-stream' } })
    expect(await createObjectStreamResponse(response, { provider: 'openai-chat' }).text()).toBe(args)
    const chunks = sse
      .split('\n')
      .filter((line) => line.startsWith('data: ') && !line.includes('[DONE]'))
      .map((line) => JSON.parse(line.slice(6)) as unknown)
    expect(await createObjectStreamResponse(deltas(chunks as string[])).text()).toBe(args)
  })

  it('reads JSON-mode text out of recorded Anthropic SDK events', async () => {
    const sse = await fixture('anthropic-thinking-text.sse')
    const expected = decodeText(sse, 'anthropic')
      .map((e) => (e.type === 'token' ? e.content : ''))
      .join('')
    const chunks = sse
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as unknown)
    expect(await createObjectStreamResponse(deltas(chunks as string[])).text()).toBe(expected)
  })

  it('ends a text body with an error when the source fails, reporting the error once', async () => {
    const onError = vi.fn()
    async function* failing() {
      yield '{"a": '
      throw new Error('secret upstream detail')
    }
    const response = createObjectStreamResponse(failing(), { onError })
    await expect(response.text()).rejects.toThrow('The object stream failed')
    expect(onError).toHaveBeenCalledTimes(1)
  })
})
