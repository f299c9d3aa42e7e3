import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChatEvent } from '../events.ts'

// A decoder chunk that cannot be loaded (a deploy removed it, the network failed): the import
// of the module rejects, as a bundler's chunk import does.
afterEach(() => {
  vi.doUnmock('./anthropic.ts')
  vi.resetModules()
})

const anthropicFrame = 'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","content":[]}}\n\n'

describe('a foreign decoder whose chunk fails to load', () => {
  it('ends the stream with a protocol error naming the format, and the next stream tries again', async () => {
    vi.resetModules()
    vi.doMock('./anthropic.ts', () => {
      throw new Error('chunk gone')
    })
    const { createBodyDecoderWith } = await import('./body-decoder-core.ts')
    const { createLazyDecoder } = await import('./lazy-decoder.ts')
    for (let stream = 0; stream < 2; stream++) {
      const events: ChatEvent[] = []
      const body = createBodyDecoderWith(createLazyDecoder, (event) => events.push(event), { format: 'auto' })
      body.feed(anthropicFrame)
      expect(body.loading).toBeInstanceOf(Promise)
      await body.loading
      expect(body.terminated).toBe(true)
      expect(events).toHaveLength(1)
      expect(events[0]).toMatchObject({ type: 'error', code: 'protocol' })
      expect((events[0] as { message: string }).message).toMatch(/^could not load the anthropic decoder: \S/)
      expect(body.end()).toEqual({ kind: 'terminated' })
    }
    // The failed import is not cached: the next stream imports again.
    const { loadDecoder } = await import('./decoder-chunks.ts')
    const first = loadDecoder('anthropic')
    await first.catch(() => {})
    const second = loadDecoder('anthropic')
    await second.catch(() => {})
    expect(second).not.toBe(first)
  })
})
