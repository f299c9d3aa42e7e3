import { flushSync } from 'react-dom'
import { describe, expect, it, vi } from 'vitest'
import '../../styles.css'
import { createChatClient } from '../../core/chat-client.ts'
import type { ChatMessage } from '../../core/state.ts'
import { createMemoryTransport } from '../../core/transports/memory-transport.ts'
import { encodeEvent } from '../../protocol/encode.ts'
import type { ChatEvent } from '../../protocol/events.ts'
import { longThread, markerOf } from '../../../test/support/long-thread.ts'
import { mountPerTest } from '../../../test/support/browser-root.ts'
import { Chat } from './chat.tsx'
import { FIRST_SCREEN_MESSAGES } from './history-budget.ts'

/*
 * A restored 1,000-message thread in real Chromium with the real theme. Everything asserted
 * is structure (what is in the DOM, where the view is), never how long anything took: the
 * mounting runs in idle slices whose number depends on the machine.
 */

const page = mountPerTest('height: 700px; width: 760px; display: flow-root')
const COUNT = 1_000
const MOUNT_TIMEOUT = { timeout: 120_000, interval: 50 }

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
const messagesInDom = () => page.host.querySelectorAll('[data-rivulet="message"]')
const viewport = () => page.host.querySelector<HTMLElement>('[data-rivulet="message-list-viewport"]')!
const distance = () => viewport().scrollHeight - viewport().clientHeight - viewport().scrollTop

/** A chat whose next answer streams from a body the test writes into, event by event. */
function restore(messages: ChatMessage[]) {
  let write: ((event: ChatEvent) => void) | undefined
  let close: (() => void) | undefined
  let seq = 0
  const chat = createChatClient({
    initialMessages: messages,
    transport: createMemoryTransport({
      respond: () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            const encoder = new TextEncoder()
            write = (event) => controller.enqueue(encoder.encode(encodeEvent(event)))
            close = () => controller.close()
          },
        }),
    }),
  })
  flushSync(() => page.root.render(<Chat chat={chat} />))
  const emit = (event: DistributiveOmit<ChatEvent, 'seq'>) => write!({ ...event, seq: seq++ } as ChatEvent)
  return { chat, emit, close: () => close!(), started: () => write !== undefined }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

const allMounted = (count = COUNT) => vi.waitFor(() => expect(messagesInDom()).toHaveLength(count), MOUNT_TIMEOUT)

describe('a restored 1,000-message thread', () => {
  it('mounts the newest screen first, then every older message, and stays at the bottom', { timeout: 180_000 }, async () => {
    restore(longThread(COUNT))
    const first = messagesInDom()
    // The first render holds a screenful of the newest messages only.
    expect(first.length).toBeGreaterThan(1)
    expect(first.length).toBeLessThanOrEqual(FIRST_SCREEN_MESSAGES)
    expect(first[first.length - 1]!.textContent).toContain(markerOf(COUNT - 1))
    expect(viewport().scrollHeight).toBeGreaterThan(viewport().clientHeight)
    // A screen reader is not read the history out while it is being added.
    expect(viewport().getAttribute('aria-live')).toBe('off')
    expect(viewport().getAttribute('role')).toBe('log')
    await nextFrame()
    expect(distance()).toBeLessThanOrEqual(1)

    await allMounted()
    // In order, oldest first, and the log announces additions again.
    const all = messagesInDom()
    expect(all[0]!.textContent).toContain(markerOf(0))
    expect(all[COUNT - 1]!.textContent).toContain(markerOf(COUNT - 1))
    expect(viewport().getAttribute('aria-live')).toBe('polite')
    await nextFrame()
    expect(distance()).toBeLessThanOrEqual(1)
    expect(page.host.querySelector('[data-rivulet="message-list"]')!.getAttribute('data-state')).toBe('pinned')
  })

  it('keeps every message findable: off-screen messages are contained, not skipped, and keep their text', { timeout: 180_000 }, async () => {
    restore(longThread(COUNT))
    await allMounted()
    const oldest = messagesInDom()[3] as HTMLElement
    // Skipping (content-visibility: auto) would leave them out of the accessibility tree (long-thread-a11y.browser.test.tsx).
    expect(oldest.style.contain).toBe('layout style paint')
    expect(getComputedStyle(oldest).contentVisibility).toBe('visible')
    expect(oldest.textContent).toContain(markerOf(3))
    // Chromium's find (what Ctrl+F uses) reaches text far off screen.
    window.getSelection()?.removeAllRanges()
    expect((window as unknown as { find(text: string): boolean }).find(markerOf(3))).toBe(true)
    expect(window.getSelection()?.toString()).toBe(markerOf(3))
  })

  it('follows a new answer streaming at its end, which alone is laid out every frame', { timeout: 180_000 }, async () => {
    const thread = restore(longThread(COUNT))
    await allMounted()
    void thread.chat.send('And the Rhine?')
    await vi.waitFor(() => expect(thread.started()).toBe(true), MOUNT_TIMEOUT)
    thread.emit({ type: 'start', streamId: 's1' })
    for (let i = 0; i < 60; i++) {
      thread.emit({ type: 'token', content: i % 6 === 5 ? `word ${i}.\n\n` : `word ${i} ` })
      await nextFrame()
      await nextFrame()
      expect(distance()).toBeLessThanOrEqual(1)
    }
    const streaming = page.host.querySelector<HTMLElement>('[data-rivulet="message"][data-streaming]')!
    expect(streaming.style.contain).toBe('')
    expect(messagesInDom()).toHaveLength(COUNT + 2)
    thread.emit({ type: 'done' })
    thread.close()
    await vi.waitFor(() => expect(page.host.querySelector('[data-rivulet="message"][data-streaming]')).toBeNull(), MOUNT_TIMEOUT)
    await nextFrame()
    expect(distance()).toBeLessThanOrEqual(1)
  })

  it('offers "Jump to latest" for a new answer below, not for older messages mounting above', { timeout: 180_000 }, async () => {
    const thread = restore(longThread(COUNT))
    await vi.waitFor(() => expect(messagesInDom().length).toBeGreaterThan(200), MOUNT_TIMEOUT)
    // The reader scrolls up with the wheel while the history is still arriving above. The wheel
    // event is what a reader's scroll starts with; a bare scrollTop write can land between a
    // history slice's resize and its scroll event, and then reads as the list's own pinning.
    viewport().dispatchEvent(new WheelEvent('wheel', { deltaY: -2_000, bubbles: true }))
    viewport().scrollTop = viewport().scrollTop - 2_000
    await vi.waitFor(() => expect(page.host.querySelector('[data-rivulet="message-list"]')!.getAttribute('data-state')).toBe('detached'), MOUNT_TIMEOUT)
    await nextFrame()
    await nextFrame()
    // The message in the middle of the view stays where the reader put it while thousands of
    // pixels of history mount above it (scroll anchoring; a few px of slack for late styling).
    const read = viewport().getBoundingClientRect()
    const reading = [...messagesInDom()].find((message) => message.getBoundingClientRect().bottom > read.top + read.height / 2)!
    const readingTop = reading.getBoundingClientRect().top
    await allMounted()
    await nextFrame()
    expect(Math.abs(reading.getBoundingClientRect().top - readingTop)).toBeLessThanOrEqual(40)
    expect(page.host.querySelector('[data-rivulet="jump-to-latest"]')).toBeNull()
    void thread.chat.send('And the Rhine?')
    await vi.waitFor(() => expect(thread.started()).toBe(true), MOUNT_TIMEOUT)
    thread.emit({ type: 'start', streamId: 's1' })
    thread.emit({ type: 'token', content: 'A new answer.\n\n'.repeat(20) })
    const jump = await vi.waitFor(() => {
      const button = page.host.querySelector<HTMLButtonElement>('[data-rivulet="jump-to-latest"]')
      expect(button).not.toBeNull()
      return button!
    }, MOUNT_TIMEOUT)
    jump.click()
    await vi.waitFor(() => expect(distance()).toBeLessThanOrEqual(1), MOUNT_TIMEOUT)
    thread.emit({ type: 'done' })
    thread.close()
  })

  it('starts over, newest first, when the chat switches to another long thread', { timeout: 180_000 }, async () => {
    // Shorter threads: what matters is that the second one starts over, not its length.
    const first = restore(longThread(300))
    await allMounted(300)
    const other = longThread(400).map((message) => ({ ...message, id: `other-${message.id}` }))
    flushSync(() => first.chat.setMessages(other))
    expect(messagesInDom().length).toBeLessThanOrEqual(FIRST_SCREEN_MESSAGES)
    expect(messagesInDom()[0]!.textContent).not.toContain(markerOf(0))
    await allMounted(400)
  })
})
