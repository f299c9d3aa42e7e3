import { describe, expect, it } from 'vitest'
import { recordResponse } from './record-response.ts'
import { recordingBody } from './recording.ts'

const encode = (text: string) => new TextEncoder().encode(text)

/** A body the test feeds by hand, with a clock the test moves. */
function controlledSource() {
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) })
  const clock = { now: 1000 }
  return { body, clock, controller, now: () => clock.now }
}

async function readAll(response: Response): Promise<Uint8Array[]> {
  const reader = response.body!.getReader()
  const out: Uint8Array[] = []
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return out
    out.push(value)
  }
}

describe('recordResponse', () => {
  it('passes the same bytes, in the same pieces and order, and records each with its arrival time', async () => {
    const source = controlledSource()
    const pieces = [encode('data: {"choices":[{"delta":{"content":"h'), encode('é')] // 'é' split over two reads below
    const euro = encode('€ x"}}]}\n\n')
    const { response, recording } = recordResponse(new Response(source.body, { status: 200, headers: { 'content-type': 'text/event-stream' } }), { now: source.now })
    const consumed = readAll(response)
    source.controller.enqueue(pieces[0]!)
    await Promise.resolve()
    source.clock.now = 1040
    source.controller.enqueue(pieces[1]!.subarray(0, 1))
    await new Promise((r) => setTimeout(r, 0))
    source.clock.now = 1075.5
    source.controller.enqueue(Uint8Array.of(...pieces[1]!.subarray(1), ...euro))
    await new Promise((r) => setTimeout(r, 0))
    source.controller.close()

    const received = await consumed
    expect(received.map((b) => [...b])).toEqual([[...pieces[0]!], [pieces[1]![0]!], [...pieces[1]!.subarray(1), ...euro]])
    const result = await recording
    // The half character waits for its second byte: it is stored whole, in the later chunk.
    expect(result.chunks).toEqual([
      { t: 0, chunk: 'data: {"choices":[{"delta":{"content":"h' },
      { t: 75.5, chunk: 'é€ x"}}]}\n\n' },
    ])
    expect(result.header).toMatchObject({ rivulet: 'recording', version: 1, format: 'openai-chat', status: 200, headers: { 'content-type': 'text/event-stream' } })
    expect(result.header.truncated).toBeUndefined()
  })

  it('keeps status, status text and headers on the passed-on response, but not cookies in the recording', async () => {
    const original = new Response('data: {"type":"done","seq":0}\n\n', {
      status: 201,
      statusText: 'Created',
      headers: { 'content-type': 'text/event-stream', 'set-cookie': 'session=secret', 'x-request-id': 'r1' },
    })
    const { response, recording } = recordResponse(original, { url: 'http://x.test/api/chat', method: 'POST' })
    expect(response.status).toBe(201)
    expect(response.statusText).toBe('Created')
    expect(response.headers.get('x-request-id')).toBe('r1')
    expect(await response.text()).toBe('data: {"type":"done","seq":0}\n\n')
    const { header } = await recording
    expect(header).toMatchObject({ status: 201, format: 'rivulet', url: 'http://x.test/api/chat', method: 'POST' })
    expect(header.headers).toEqual({ 'content-type': 'text/event-stream', 'x-request-id': 'r1' })
    expect(Number.isNaN(Date.parse(header.createdAt!))).toBe(false)
  })

  it('keeps what arrived and marks the recording truncated when the request is aborted', async () => {
    const source = controlledSource()
    const { response, recording } = recordResponse(new Response(source.body), { now: source.now })
    const consumed = readAll(response)
    source.controller.enqueue(encode('id: 0\ndata: {"type":"start","seq":0,"streamId":"s"}\n\n'))
    await new Promise((r) => setTimeout(r, 0))
    const abort = new DOMException('The operation was aborted', 'AbortError')
    source.controller.error(abort)
    await expect(consumed).rejects.toBe(abort)
    const result = await recording
    expect(result.header.truncated).toBe(true)
    expect(result.header.ending).toBeUndefined()
    expect(recordingBody(result)).toBe('id: 0\ndata: {"type":"start","seq":0,"streamId":"s"}\n\n')
  })

  it('records a dropped connection as one that replays with a network error', async () => {
    const source = controlledSource()
    const { response, recording } = recordResponse(new Response(source.body), { format: 'anthropic', now: source.now })
    const consumed = readAll(response)
    source.controller.enqueue(encode('event: ping\n'))
    await new Promise((r) => setTimeout(r, 0))
    source.controller.error(new TypeError('network error'))
    await expect(consumed).rejects.toThrow('network error')
    expect((await recording).header).toMatchObject({ format: 'anthropic', truncated: true, ending: 'network-error' })
  })

  it('passes on every piece that arrived before a dropped connection, even to a consumer that reads after the drop', async () => {
    const source = controlledSource()
    const { response, recording } = recordResponse(new Response(source.body), { now: source.now })
    for (const piece of ['data: 1\n\n', 'data: 2\n\n', 'data: 3\n\n']) {
      source.controller.enqueue(encode(piece))
      await new Promise((r) => setTimeout(r, 0)) // the recorder reads it off the network
    }
    source.controller.error(new TypeError('network error'))
    expect((await recording).chunks.map((c) => c.chunk).join('')).toBe('data: 1\n\ndata: 2\n\ndata: 3\n\n')
    // The consumer starts reading only now, after the recording saw the drop.
    const reader = response.body!.getReader()
    const read: string[] = []
    const failure = await (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) return undefined
          read.push(new TextDecoder().decode(value))
        }
      } catch (error) {
        return error
      }
    })()
    expect(read.join('')).toBe('data: 1\n\ndata: 2\n\ndata: 3\n\n')
    expect(failure).toBeInstanceOf(TypeError)
  })

  it('goes on recording to the end after the consumer cancels, as a tee would', async () => {
    const source = controlledSource()
    const { response, recording } = recordResponse(new Response(source.body), { now: source.now })
    const reader = response.body!.getReader()
    source.controller.enqueue(encode('data: {"choices":[{"finish_reason":"stop","delta":{}}]}\n\n'))
    await reader.read()
    await reader.cancel()
    source.controller.enqueue(encode('data: [DONE]\n\n'))
    source.controller.close()
    const result = await recording
    expect(recordingBody(result)).toBe('data: {"choices":[{"finish_reason":"stop","delta":{}}]}\n\ndata: [DONE]\n\n')
    expect(result.header.truncated).toBeUndefined()
  })

  it('records a response without a body as an empty recording', async () => {
    const { response, recording } = recordResponse(new Response(null, { status: 204 }))
    expect(response.status).toBe(204)
    expect(await recording).toMatchObject({ header: { status: 204 }, chunks: [] })
  })
})
