// @vitest-environment node
/**
 * The example backend's fake agent, driven by the real chat client over HTTP: a browser tool,
 * a server tool, a tool that needs approval, three requests, one assistant message.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../../examples/server/app.ts'
import { createChatClient } from '../../src/core/chat-client.ts'
import { syncScheduler } from '../../src/core/frame-scheduler.ts'
import type { ToolCallPart } from '../../src/core/state.ts'
import { startLocalServer, type LocalServer } from './local-server.ts'

let server: LocalServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function until(check: () => boolean) {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5))
  expect(check()).toBe(true)
}

describe('example backend: the fake agent loop', () => {
  it.each([
    [true, 'Cache cleared.'],
    [false, 'I left the cache alone.'],
  ])('runs the browser tool, the server tool and the approval (approved: %s)', async (approved, ending) => {
    server = await startLocalServer(createApp({ model: 'fake', fakeDelayMs: 0 }))
    let posts = 0
    const chat = createChatClient({
      api: `${server.url}/api/chat`,
      scheduler: syncScheduler,
      fetch: (input, init) => (posts++, fetch(input, init)),
      tools: { get_location: { execute: async () => ({ city: 'Bergen' }) } },
    })
    await chat.send('Run the agent, please')
    const calls = () => chat.getSnapshot().messages.at(-1)!.parts.filter((p): p is ToolCallPart => p.type === 'tool-call')
    await until(() => calls().some((c) => c.name === 'clear_cache' && c.state === 'approval-requested'))
    expect(calls().map((c) => [c.name, c.state])).toEqual([
      ['get_location', 'output-available'],
      ['get_weather', 'output-available'],
      ['clear_cache', 'approval-requested'],
    ])
    expect(chat.getSnapshot().status).toBe('ready')
    chat.respondToApproval({ toolCallId: 'call_cache', approved })
    await until(() => chat.getSnapshot().status === 'ready' && posts === 3)
    const message = chat.getSnapshot().messages.at(-1)!
    expect(chat.getSnapshot().messages).toHaveLength(2)
    expect(message.parts.filter((p) => p.type === 'text').map((p) => (p as { text: string }).text).join('')).toContain('near Bergen')
    expect(message.parts.at(-1)).toMatchObject({ type: 'text', text: expect.stringContaining(ending) })
    expect(calls().find((c) => c.name === 'clear_cache')!.state).toBe(approved ? 'output-available' : 'output-denied')
    chat.destroy()
  })
})
