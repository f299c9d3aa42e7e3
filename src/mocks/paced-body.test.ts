import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPacedBody } from './paced-body.ts'
import type { PacedChunk } from './pace.ts'

const bytes = (text: string) => new TextEncoder().encode(text)
const plan: PacedChunk[] = [
  { delayMs: 100, chunk: bytes('a') },
  { delayMs: 0, chunk: bytes('b') },
  { delayMs: 50, chunk: bytes('c') },
]

afterEach(() => {
  vi.useRealTimers()
})

async function drain(stream: ReadableStream<Uint8Array>): Promise<{ text: string; error?: unknown }> {
  let text = ''
  try {
    for await (const chunk of stream) text += new TextDecoder().decode(chunk)
    return { text }
  } catch (error) {
    return { text, error }
  }
}

describe('createPacedBody', () => {
  it('writes each chunk after its delay, then closes', async () => {
    vi.useFakeTimers()
    const received: string[] = []
    const reader = createPacedBody(plan).getReader()
    const reading = (async () => {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        received.push(new TextDecoder().decode(value))
      }
    })()
    await vi.advanceTimersByTimeAsync(99)
    expect(received).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(received).toEqual(['a', 'b'])
    await vi.advanceTimersByTimeAsync(50)
    await reading
    expect(received).toEqual(['a', 'b', 'c'])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('a dropped connection still delivers every chunk sent before it', async () => {
    vi.useFakeTimers()
    const body = createPacedBody(plan, { ending: { type: 'error', error: new TypeError('network') } })
    const result = drain(body.pipeThrough(new TransformStream()))
    await vi.runAllTimersAsync()
    const { text, error } = await result
    expect(text).toBe('abc')
    expect(error).toBeInstanceOf(TypeError)
  })

  it('clears its timer and writes nothing more once the request aborts', async () => {
    vi.useFakeTimers()
    const controller = new AbortController()
    const onSettle = vi.fn()
    const reader = createPacedBody(plan, { signal: controller.signal, onSettle }).getReader()
    const first = reader.read()
    await vi.advanceTimersByTimeAsync(100)
    expect(new TextDecoder().decode((await first).value)).toBe('a')
    controller.abort()
    expect(vi.getTimerCount()).toBe(0)
    expect(onSettle).toHaveBeenCalledTimes(1)
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('clears its timer when the reader cancels', async () => {
    vi.useFakeTimers()
    const onSettle = vi.fn()
    const reader = createPacedBody(plan, { onSettle }).getReader()
    expect(vi.getTimerCount()).toBe(1)
    await reader.cancel()
    expect(vi.getTimerCount()).toBe(0)
    expect(onSettle).toHaveBeenCalledTimes(1)
  })

  it('keeps sending pings until aborted, and no timer survives the abort', async () => {
    vi.useFakeTimers()
    const controller = new AbortController()
    const body = createPacedBody([], { signal: controller.signal, ending: { type: 'keep-alive', intervalMs: 1000 } })
    const result = drain(body)
    await vi.advanceTimersByTimeAsync(3500)
    controller.abort()
    const { text, error } = await result
    expect(text).toBe(': ping\n\n'.repeat(3))
    expect(error).toMatchObject({ name: 'AbortError' })
    expect(vi.getTimerCount()).toBe(0)
  })

  it('does not start when the request was aborted already', async () => {
    const controller = new AbortController()
    controller.abort()
    const { text, error } = await drain(createPacedBody(plan, { signal: controller.signal }))
    expect(text).toBe('')
    expect(error).toBeDefined()
  })
})
