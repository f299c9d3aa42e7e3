import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChatEvent } from '../../protocol/events.ts'

afterEach(() => {
  vi.doUnmock('../../protocol/decoders/openai-chat.ts')
  vi.resetModules()
})

const encoder = new TextEncoder()
const chunk = (content: string, finish: string | null = null) =>
  `data: {"choices":[{"index":0,"delta":{"content":${JSON.stringify(content)}},"finish_reason":${JSON.stringify(finish)}}]}\n\n`

/** A body that hands out one frame per read and records how many reads were asked for. */
function body(frames: string[]) {
  let reads = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const frame = frames[reads++]
      if (frame === undefined) controller.close()
      else controller.enqueue(encoder.encode(frame))
    },
  }, { highWaterMark: 0 }) // pulled only when read, so `reads` counts the reader's reads
  return { stream, reads: () => reads }
}

describe('readBody with decoders loaded on demand', () => {
  it('decodes an auto-detected OpenAI body completely, the decoder loaded before the next read', async () => {
    const { readBody } = await import('./read-body.ts')
    const events: ChatEvent[] = []
    const formats: string[] = []
    const source = body([chunk('Hel'), chunk('lo'), chunk('', 'stop'), 'data: [DONE]\n\n'])
    const outcome = await readBody(source.stream, { format: 'auto', headers: new Headers(), onEvent: (e) => events.push(e), onFormat: (f) => formats.push(f) })
    expect(outcome).toEqual({ type: 'terminated' })
    expect(formats).toEqual(['openai-chat'])
    expect(events.filter((e) => e.type === 'token').map((e) => (e as { content: string }).content).join('')).toBe('Hello')
    expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'stop' })
  })

  it('turns a failed chunk load into a protocol error instead of waiting forever', async () => {
    vi.doMock('../../protocol/decoders/openai-chat.ts', () => {
      throw new Error('chunk gone')
    })
    const { readBody } = await import('./read-body.ts')
    const events: ChatEvent[] = []
    const source = body([chunk('Hel'), chunk('lo')])
    const outcome = await readBody(source.stream, { format: 'openai-chat', headers: new Headers(), onEvent: (e) => events.push(e) })
    expect(outcome).toEqual({ type: 'terminated' })
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ type: 'error', code: 'protocol', message: expect.stringMatching(/^could not load the openai-chat decoder/) })
    // It stopped reading at the failure.
    expect(source.reads()).toBe(1)
  })

  it('stops waiting for a chunk that never arrives when the reader is aborted', async () => {
    vi.doMock('../../protocol/decoders/openai-chat.ts', () => new Promise(() => {}))
    const { readBody } = await import('./read-body.ts')
    const controller = new AbortController()
    const source = body([chunk('Hel')])
    const reading = readBody(source.stream, { format: 'openai-chat', headers: new Headers(), onEvent: () => {}, signal: controller.signal })
    await vi.waitFor(() => expect(source.reads()).toBe(1))
    controller.abort(new DOMException('stopped', 'AbortError'))
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' })
  })
})

describe('readBody after the stream is done', () => {
  const rivuletFrames = ['data: {"type":"start","streamId":"s","seq":0}\n\n', 'data: {"type":"token","content":"Hi","seq":1}\n\n', 'data: {"type":"done","finishReason":"stop","seq":2}\n\n']

  /** A body of `frames` that then ends (`end: true`) or stays open, recording reads and cancels. */
  function openBody(frames: string[], end: boolean) {
    let reads = 0
    let cancelled = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const frame = frames[reads++]
        if (frame !== undefined) controller.enqueue(encoder.encode(frame))
        else if (end) controller.close()
        else return new Promise<void>(() => {}) // open, silent
      },
      cancel() {
        cancelled++
      },
    }, { highWaterMark: 0 })
    return { stream, reads: () => reads, cancelled: () => cancelled }
  }

  it('reads the end of a body that closes after done, so the request completes instead of being cancelled', async () => {
    const { readBody } = await import('./read-body.ts')
    const source = openBody([...rivuletFrames, ': bye\n\n'], true)
    const outcome = await readBody(source.stream, { format: 'rivulet', headers: new Headers(), onEvent: () => {} })
    expect(outcome).toEqual({ type: 'terminated' })
    await vi.waitFor(() => expect(source.reads()).toBe(5)) // the three frames, the comment, the end
    expect(source.cancelled()).toBe(0)
  })

  it('cancels a body still open half a second after done, without the turn waiting for it', async () => {
    vi.useFakeTimers()
    try {
      const { readBody } = await import('./read-body.ts')
      const source = openBody(rivuletFrames, false)
      const outcome = await readBody(source.stream, { format: 'rivulet', headers: new Headers(), onEvent: () => {} })
      expect(outcome).toEqual({ type: 'terminated' })
      await vi.advanceTimersByTimeAsync(499)
      expect(source.cancelled()).toBe(0)
      await vi.advanceTimersByTimeAsync(1)
      expect(source.cancelled()).toBe(1)
    } finally {
      vi.useRealTimers()
    }
  })

  it('cancels at once after an error event: nothing after it is read', async () => {
    const { readBody } = await import('./read-body.ts')
    const source = openBody(['data: {"type":"start","streamId":"s","seq":0}\n\n', 'data: {"type":"error","code":"overloaded","message":"busy","seq":1}\n\n', 'data: {"type":"token","content":"late","seq":2}\n\n'], true)
    const outcome = await readBody(source.stream, { format: 'rivulet', headers: new Headers(), onEvent: () => {} })
    expect(outcome).toEqual({ type: 'terminated' })
    await vi.waitFor(() => expect(source.cancelled()).toBe(1))
    expect(source.reads()).toBe(2)
  })
})
