import { flushSync } from 'react-dom'
import { createRoot, type Root } from 'react-dom/client'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { Chat } from '../../src/components/chat/chat.tsx'
import { StreamingMarkdown } from '../../src/components/markdown/streaming-markdown.tsx'
import { createChatClient } from '../../src/core/chat-client.ts'
import { syncScheduler } from '../../src/core/frame-scheduler.ts'
import { createMemoryTransport } from '../../src/core/transports/memory-transport.ts'
import { encodeEvent } from '../../src/protocol/encode.ts'
import type { ChatEvent } from '../../src/protocol/events.ts'
import { ALLOWED_IMAGE_ORIGIN, ATTACKER, HOSTILE_MARKDOWN } from './hostile-cases.ts'
import { unsafeDom, watchAttackerRequests } from './safety-checks.ts'

/*
 * Hostile markdown in real Chromium: every case at every prefix, checked on the DOM after each
 * render and on the browser's network log at the end (no request to the attacker may even be
 * attempted). `alert` is a spy: a payload that ran would call it.
 */

let host: HTMLDivElement
let root: Root
const alerts = vi.fn()
let network: ReturnType<typeof watchAttackerRequests>

beforeAll(() => {
  vi.stubGlobal('alert', alerts)
  console.info(`hostile markdown: ${HOSTILE_MARKDOWN.length} cases, ${HOSTILE_MARKDOWN.reduce((n, [, s]) => n + s.length, 0)} prefixes each way`)
})
afterAll(() => {
  vi.unstubAllGlobals()
  if (commitsSeen.length) console.info(`<Chat> DOM checked after ${commitsSeen.reduce((n, [c]) => n + c, 0)} DOM-changing commits for ${commitsSeen.reduce((n, [, l]) => n + l, 0)} characters`)
})
beforeEach(() => {
  network = watchAttackerRequests()
  host = document.createElement('div')
  document.body.append(host)
  root = createRoot(host)
})
afterEach(() => {
  root.unmount()
  host.remove()
  network.stop()
})

const commitsSeen: [number, number][] = []

/** Lets the browser fetch whatever the DOM asked for, so a leak would reach the log. */
async function settleNetwork() {
  await new Promise((resolve) => setTimeout(resolve, 80))
}

describe('the network log sees attacker requests on this machine (control)', () => {
  it('records a refused image request to the attacker origin', async () => {
    const control = watchAttackerRequests()
    const image = new Image()
    const loaded = new Promise((resolve) => (image.onerror = image.onload = resolve))
    image.src = `${ATTACKER}/control.png`
    await loaded
    await vi.waitFor(() => expect(control.requests()).toContain(`${ATTACKER}/control.png`), { timeout: 2_000 })
    control.stop()
  })
})

describe('StreamingMarkdown in Chromium with hostile input', () => {
  it.each(HOSTILE_MARKDOWN)('renders %s safely at every prefix, streaming and finished', async (_what, source) => {
    for (let end = 1; end <= source.length; end++) {
      flushSync(() => root.render(<StreamingMarkdown streaming allowedImageOrigins={[ALLOWED_IMAGE_ORIGIN]}>{source.slice(0, end)}</StreamingMarkdown>))
      expect(unsafeDom(host), JSON.stringify(source.slice(0, end))).toBeUndefined()
    }
    flushSync(() => root.render(<StreamingMarkdown allowedImageOrigins={[ALLOWED_IMAGE_ORIGIN]}>{source}</StreamingMarkdown>))
    expect(unsafeDom(host), source).toBeUndefined()
    await settleNetwork()
    expect(network.requests()).toEqual([])
    expect(alerts).not.toHaveBeenCalled()
  })
})

describe('<Chat> in Chromium streaming hostile input one character per task', () => {
  it.each(HOSTILE_MARKDOWN)('renders %s safely after every commit', async (_what, source) => {
    const characters = [...source]
    const events: ChatEvent[] = [
      { type: 'start', seq: 0, streamId: 'hostile' },
      ...characters.map((content, index): ChatEvent => ({ type: 'token', seq: index + 1, content })),
      { type: 'done', seq: characters.length + 1 },
    ]
    let sent = 0
    const encoder = new TextEncoder()
    const body = () =>
      new ReadableStream<Uint8Array>({
        async pull(controller) {
          // A timer, not a message: the body's pipe reads ahead within a task, a timer turn it cannot.
          await new Promise((resolve) => setTimeout(resolve, 0))
          const event = events[sent++]
          if (event) controller.enqueue(encoder.encode(encodeEvent(event)))
          else controller.close()
        },
      })
    // A synchronous scheduler: every token reaches React, so every prefix is committed.
    const chat = createChatClient({ transport: createMemoryTransport({ respond: body }), scheduler: syncScheduler })
    const problems: string[] = []
    let commits = 0
    // The chat's own composer is a <form>: judge what the messages show.
    const messages = () => host.querySelector('[data-rivulet="message-list"]')!
    const observer = new MutationObserver(() => {
      commits++
      const problem = unsafeDom(messages())
      if (problem) problems.push(problem)
    })
    flushSync(() => root.render(<Chat chat={chat} allowedImageOrigins={[ALLOWED_IMAGE_ORIGIN]} />))
    observer.observe(host, { subtree: true, childList: true, attributes: true, characterData: true })
    await chat.send('Summarise this page')
    await vi.waitFor(() => expect(host.querySelector('[data-rivulet="chat"]')?.getAttribute('data-state')).toBe('ready'), { timeout: 10_000 })
    observer.disconnect()
    chat.destroy()
    expect(problems).toEqual([])
    commitsSeen.push([commits, characters.length])
    // Fewer than one per character: a character inside an unfinished URL changes nothing on screen.
    expect(commits).toBeGreaterThan(2)
    expect(unsafeDom(messages())).toBeUndefined()
    expect(messages().querySelector('[data-rivulet="message"][data-role="assistant"]')).not.toBeNull()
    await settleNetwork()
    expect(network.requests()).toEqual([])
    expect(alerts).not.toHaveBeenCalled()
  })
})
