import { flushSync } from 'react-dom'
import { describe, expect, it, vi } from 'vitest'
import '../../styles.css'
import { createChatClient } from '../../core/chat-client.ts'
import { createMemoryTransport } from '../../core/transports/memory-transport.ts'
import { longThread, markerOf } from '../../../test/support/long-thread.ts'
import { mountPerTest } from '../../../test/support/browser-root.ts'
import { accessibilityTree, exposedText, settleSkipping } from '../../../test/support/ax-tree.ts'
import { Chat } from './chat.tsx'

/*
 * What a screen reader gets of a long restored thread, read from Chromium's accessibility tree
 * (the DevTools protocol's full tree of this test's frame) with the reader at the newest
 * message: every message's text, the oldest question included, not only the messages near the
 * viewport. The oldest message is given time to be skipped, if the stylesheet or the list lets
 * the browser skip it (`settleSkipping`), before the tree is read. Structure only: nothing here
 * depends on how long mounting took. With `content-visibility: auto` on off-screen messages the
 * tree lacked 195 of 200 messages (see long-answer-a11y.browser.test.tsx on which tree this is).
 */

const page = mountPerTest('height: 700px; width: 760px; display: flow-root')
const COUNT = 200
const MOUNT_TIMEOUT = { timeout: 120_000, interval: 50 }
const messagesInDom = () => page.host.querySelectorAll('[data-rivulet="message"]')

describe('a restored long thread in Chromium’s accessibility tree', () => {
  it('exposes the text of every message, the oldest question included, with the reader at the newest', { timeout: 180_000 }, async () => {
    const chat = createChatClient({
      initialMessages: longThread(COUNT),
      // Nothing is sent: the thread is only read.
      transport: createMemoryTransport({ respond: () => new ReadableStream<Uint8Array>() }),
    })
    flushSync(() => page.root.render(<Chat chat={chat} />))
    await vi.waitFor(() => expect(messagesInDom()).toHaveLength(COUNT), MOUNT_TIMEOUT)
    const list = page.host.querySelector('[data-rivulet="message-list"]')!
    await vi.waitFor(() => expect(list.getAttribute('data-state')).toBe('pinned'), MOUNT_TIMEOUT)
    const oldest = messagesInDom()[0]!
    expect(oldest.textContent).toContain(markerOf(0))
    await settleSkipping(oldest.querySelector('p') ?? oldest)
    const text = exposedText(await accessibilityTree())
    const missing = Array.from({ length: COUNT }, (_, i) => markerOf(i)).filter((marker) => !text.includes(marker))
    expect(missing).toEqual([])
  })
})
