// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import { chatReducer } from '../../src/core/chat-reducer.ts'
import { initialChatState } from '../../src/core/state.ts'
import { beginTurn } from '../../src/core/turn.ts'
import { decodeText } from '../../src/protocol/decoders/decode-stream.ts'
import { createApp } from '../../examples/server/app.ts'
import { startLocalServer, type LocalServer } from './local-server.ts'

let server: LocalServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('example backend: rich parts', () => {
  it('streams a progress card updated in place, cited sources and metadata', async () => {
    server = await startLocalServer(createApp({ model: 'fake', fakeDelayMs: 0 }))
    const response = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ id: 'u1', role: 'user', content: 'Tell me about streams' }] }),
    })
    const events = decodeText(await response.text(), 'rivulet')
    expect(events.filter((e) => e.type === 'data')).toHaveLength(4)
    let state = beginTurn(initialChatState, { userMessage: { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Tell me about streams' }] }, assistantId: 'a1' })
    for (const event of events) state = chatReducer(state, event, 0)
    const message = state.messages.at(-1)!
    expect(message.metadata).toEqual({ model: 'rivulet-fake-model' })
    expect(message.parts.filter((p) => p.type === 'data')).toEqual([{ type: 'data', name: 'progress', id: 'progress-1', data: { step: 3, of: 3, label: 'Done' } }])
    expect(message.parts.filter((p) => p.type === 'source').map((p) => p.type === 'source' && p.title)).toEqual(['Streaming responses', 'Resuming a dropped stream'])
    const text = message.parts.find((p) => p.type === 'text')
    if (text?.type !== 'text') throw new Error('no text part')
    expect(text.citations?.map((c) => [c.sourceId, text.text.slice(c.start, c.end)])).toEqual([
      ['https://example.com/docs/streaming', 'This answer comes from the **built-in fake model** of the Rivulet example server, so it streams without any API key.'],
      ['https://example.com/docs/resume', '- records the stream so a dropped connection can **resume**.'],
    ])
  })
})
