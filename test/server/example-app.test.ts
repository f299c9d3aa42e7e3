// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import { decodeText } from '../../src/protocol/decoders/decode-stream.ts'
import { createApp } from '../../examples/server/app.ts'
import { startLocalServer, type LocalServer } from './local-server.ts'

let server: LocalServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('example backend', () => {
  it('streams the fake model over HTTP: a tool call, then markdown with a code block, then done', async () => {
    server = await startLocalServer(createApp({ model: 'fake', fakeDelayMs: 0 }))
    const response = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ id: 'u1', role: 'user', content: 'Hi there' }] }),
    })
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const events = decodeText(await response.text(), 'rivulet')
    const types = new Set(events.map((e) => e.type))
    for (const type of ['start', 'status', 'tool_call_start', 'tool_call_delta', 'tool_call_end', 'tool_result', 'token'] as const) expect(types).toContain(type)
    const text = events.flatMap((e) => (e.type === 'token' ? [e.content] : [])).join('')
    // The prompt travelled through the Node adapter's streamed request body.
    expect(text).toContain('About “Hi there”')
    expect(text).toMatch(/```ts\n[\s\S]+\n```/)
    expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'stop' })
  })

  it('rejects a chat request without a JSON body and serves a page at /', async () => {
    server = await startLocalServer(createApp({ model: 'fake', publicDir: '/nonexistent-rivulet-dir' }))
    expect((await fetch(`${server.url}/api/chat`, { method: 'POST', body: 'nope' })).status).toBe(400)
    const page = await fetch(`${server.url}/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('POST /api/chat')
    expect((await fetch(`${server.url}/../../etc/passwd`)).status).toBe(404)
  })
})
