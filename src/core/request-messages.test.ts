import { describe, expect, it } from 'vitest'
import type { RivuletMessage } from '../protocol/message-format.ts'
import { toRequestMessage } from './request-messages.ts'
import type { ChatMessage } from './state.ts'
import { createHttpTransport } from './transports/http-transport.ts'

const assistant: ChatMessage = {
  id: 'a1',
  role: 'assistant',
  finishReason: 'tool-calls',
  usage: { inputTokens: 3, outputTokens: 4 },
  parts: [
    { type: 'step-start' },
    { type: 'reasoning', text: 'hm', done: true, startedAt: 1, endedAt: 2 },
    { type: 'text', text: 'Looking.' },
    { type: 'tool-call', id: 'c1', name: 'get_weather', state: 'output-available', argsText: '{"city":"Oslo"}', args: { city: 'Oslo' }, result: { tempC: 3 } },
    { type: 'tool-call', id: 'c2', name: 'rm', state: 'output-denied', argsText: '{}', args: {}, approval: { approved: false, reason: 'no' }, errorText: 'no' },
  ],
}

describe('toRequestMessage', () => {
  it('is the message with v, its text as content, and every part, surviving JSON', () => {
    const wire: RivuletMessage = toRequestMessage(assistant)
    expect(JSON.parse(JSON.stringify(wire))).toEqual({ v: 1, id: 'a1', role: 'assistant', content: 'Looking.', parts: assistant.parts, finishReason: 'tool-calls', usage: { inputTokens: 3, outputTokens: 4 } })
  })

  it('is what the HTTP transport posts by default, next to the extra body fields', async () => {
    let posted: unknown
    const transport = createHttpTransport({
      api: '/chat',
      body: { model: 'm' },
      fetch: async (_url, init) => {
        posted = JSON.parse(String(init?.body))
        return new Response('', { headers: { 'content-type': 'text/event-stream' } })
      },
    })
    const user: ChatMessage = { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Hi' }] }
    await transport.send({ messages: [user, assistant], signal: new AbortController().signal })
    expect(posted).toEqual({ model: 'm', messages: [toRequestMessage(user), JSON.parse(JSON.stringify(toRequestMessage(assistant)))] })
    expect(posted).toMatchObject({ messages: [{ v: 1, id: 'u1', role: 'user', content: 'Hi', parts: [{ type: 'text', text: 'Hi' }] }, {}] })
  })
})
