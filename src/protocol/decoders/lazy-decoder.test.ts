import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../events.ts'
import { createSseParser, type SseEvent } from '../sse/parser.ts'
import { createBodyDecoderWith } from './body-decoder-core.ts'
import { decodeText } from './decode-stream.ts'
import { loadDecoder, loadedDecoder } from './decoder-chunks.ts'
import { decoderLoading } from './decoder-creator.ts'
import { createLazyDecoder } from './lazy-decoder.ts'

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../../fixtures', `${name}.sse`), 'utf8')
const ids = () => {
  let n = 0
  return () => `id-${++n}`
}

function sseEvents(text: string): SseEvent[] {
  const events: SseEvent[] = []
  const parser = createSseParser({ onEvent: (event) => events.push(event) })
  parser.feed(text)
  parser.end()
  return events
}

describe('createLazyDecoder', () => {
  it('decodes Rivulet synchronously, with nothing to load', () => {
    const events: ChatEvent[] = []
    const decoder = createLazyDecoder('rivulet', (event) => events.push(event), {})
    expect(decoderLoading(decoder)).toBeUndefined()
    decoder.push({ type: 'message', data: '{"type":"start","seq":0,"streamId":"s"}', lastEventId: '0' })
    expect(events).toEqual([{ type: 'start', seq: 0, streamId: 's' }])
  })

  it('holds a foreign stream while its chunk loads, then gives exactly what the built-in decoder gives', async () => {
    const text = fixture('anthropic-tool-use')
    const events: ChatEvent[] = []
    const decoder = createLazyDecoder('anthropic', (event) => events.push(event), { generateId: ids() })
    for (const sse of sseEvents(text)) decoder.push(sse)
    decoder.end()
    await decoderLoading(decoder)
    expect(events).toEqual(decodeText(text, 'anthropic', { generateId: ids() }))
    expect(decoder.terminated).toBe(true)
  })

  it('uses a loaded chunk at once: a later stream of the format never waits', async () => {
    await loadDecoder('openai-chat')
    expect(loadedDecoder('openai-chat')).toBeTypeOf('function')
    const events: ChatEvent[] = []
    const decoder = createLazyDecoder('openai-chat', (event) => events.push(event), {})
    expect(decoderLoading(decoder)).toBeUndefined()
    decoder.push({ type: 'message', data: '{"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}', lastEventId: '' })
    expect(events.map((e) => e.type)).toEqual(['start', 'token'])
  })

  it('shares one import between concurrent streams of a format', () => {
    expect(loadDecoder('ai-sdk')).toBe(loadDecoder('ai-sdk'))
  })
})

describe('a body decoder with lazy decoders', () => {
  it('detects the format, loads it once, and decodes every recorded provider as the built-in decoders do', async () => {
    for (const name of ['openai-chat-tool-calls-parallel', 'openai-responses-web-search-citations', 'ai-sdk-ui-stream-rich-parts', 'perplexity-chat-citations']) {
      const text = fixture(name)
      const events: ChatEvent[] = []
      const body = createBodyDecoderWith(createLazyDecoder, (event) => events.push(event), { format: 'auto', generateId: ids() })
      // Fed in reads of 100 characters, awaiting a pending load as the chat client does.
      let waits = 0
      for (let i = 0; i < text.length; i += 100) {
        body.feed(text.slice(i, i + 100))
        if (body.loading) {
          waits++
          await body.loading
        }
      }
      body.flush()
      if (body.loading) await body.loading
      const ending = body.end()
      if (ending.kind === 'ended-early') events.push(ending.event)
      expect(events, name).toEqual(decodeText(text, 'auto', { generateId: ids() }))
      expect(waits, name).toBeLessThanOrEqual(1)
    }
  })
})
