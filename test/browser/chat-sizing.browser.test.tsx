import { flushSync } from 'react-dom'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import '../../src/styles.css'
import { Chat } from '../../src/index.ts'
import { createChatClient } from '../../src/core/chat-client.ts'
import { createMemoryTransport } from '../../src/core/transports/memory-transport.ts'
import { createScript } from '../../src/mocks/script.ts'
import { mountPerTest } from '../support/browser-root.ts'

/*
 * The README's quick start dropped into a page that gives it no height: the chat must stay
 * within the viewport (composer visible) and its message list must scroll and follow the
 * answer, instead of the page growing forever. Real layout in Chromium, the real theme.
 */

const page = mountPerTest('')
let bodyMargin = ''
beforeEach(() => {
  bodyMargin = document.body.style.margin
  document.body.style.margin = '0' // as in every app template (Vite, Next.js, Tailwind's preflight)
})
afterEach(() => {
  document.body.style.margin = bodyMargin
})

const paragraph = 'A long answer line that wraps over the width of the column and then some more words. '.repeat(6)
const longAnswer = Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1}. ${paragraph}`).join('\n\n')

function mountChat(style?: string) {
  const chat = createChatClient({
    transport: createMemoryTransport({ respond: () => createScript({ streamId: 's' }).text(longAnswer).done() }),
  })
  if (style !== undefined) page.host.style.cssText = style
  flushSync(() => page.root.render(<Chat chat={chat} />))
  return chat
}

const rectOf = (selector: string) => page.host.querySelector(selector)!.getBoundingClientRect()

it('keeps the quick start within the viewport in an unsized page: composer visible, list scrolls and follows', async () => {
  const chat = mountChat()
  for (const prompt of ['One', 'Two', 'Three']) await chat.send(prompt)
  await vi.waitFor(() => expect(chat.getSnapshot().messages).toHaveLength(6))

  const viewport = page.host.querySelector<HTMLElement>('[data-rivulet="message-list-viewport"]')!
  await vi.waitFor(() => {
    expect(rectOf('[data-rivulet="chat"]').height).toBeLessThanOrEqual(innerHeight)
    const composer = rectOf('[data-rivulet="composer"]')
    expect(composer.top).toBeGreaterThanOrEqual(0)
    expect(composer.bottom).toBeLessThanOrEqual(innerHeight)
    // The list, not the page, holds the overflow, and auto-scroll kept the last answer in view.
    expect(viewport.scrollHeight).toBeGreaterThan(viewport.clientHeight * 2)
    expect(viewport.scrollTop + viewport.clientHeight).toBeGreaterThanOrEqual(viewport.scrollHeight - 2)
  })
  expect(document.documentElement.scrollHeight).toBeLessThanOrEqual(innerHeight + 1)
})

it('fills a parent that has a height', async () => {
  const chat = mountChat('height: 420px; display: flow-root')
  await chat.send('One')
  await vi.waitFor(() => expect(rectOf('[data-rivulet="chat"]').height).toBe(420))
  expect(rectOf('[data-rivulet="composer"]').bottom).toBeLessThanOrEqual(rectOf('[data-rivulet="chat"]').bottom)
})

it('fills a flex parent that has a height', async () => {
  const chat = mountChat('height: 360px; display: flex; flex-direction: column')
  await chat.send('One')
  await vi.waitFor(() => expect(rectOf('[data-rivulet="chat"]').height).toBe(360))
})
