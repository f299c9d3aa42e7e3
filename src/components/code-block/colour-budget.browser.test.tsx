import { flushSync } from 'react-dom'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import '../../styles.css'
import { createChatClient } from '../../core/chat-client.ts'
import { createMemoryTransport } from '../../core/transports/memory-transport.ts'
import { encodeEvent } from '../../protocol/encode.ts'
import type { ChatEvent } from '../../protocol/events.ts'
import { mountPerTest } from '../../../test/support/browser-root.ts'
import { Chat } from '../chat/chat.tsx'
import { SCROLL_QUIET_MS } from './colour-budget.ts'
import { highlightLines, peekHighlight } from './highlighter.ts'

/*
 * The shared colour budget waits while the reader scrolls, and only then. In Chromium, an
 * answer streams into a chat whose list sticks to the bottom (it scrolls itself every frame);
 * a fence arrives whole in one chunk mid-answer (a fast model, a network chunk holding it
 * all), so it is a settled block coloured through the budget, and it must be coloured while
 * the text after it still streams, not only once the answer ends.
 *
 * The clock the budget reads runs a thousand times slower than the real one here, so that a
 * loaded machine's long frame (a real pause of more than `SCROLL_QUIET_MS`) cannot pass for
 * the scrolling having paused: what is asserted is which scrolls count, never how long
 * anything took.
 */

const page = mountPerTest('height: 400px; width: 640px; display: flow-root')
const FRAMES = { timeout: 60_000, interval: 20 }

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
const viewport = () => page.host.querySelector<HTMLElement>('[data-rivulet="message-list-viewport"]')!
const distance = () => viewport().scrollHeight - viewport().clientHeight - viewport().scrollTop
const fences = () => [...page.host.querySelectorAll<HTMLElement>('[data-rivulet="code-block"]')]
/** Lines of the block with token spans (inline colours) written into them. */
const colouredLines = (block: HTMLElement) => [...block.querySelectorAll('[data-rivulet="code-line"]')].filter((line) => line.querySelector('span[style*="color"]')).length
const codeLines = (block: HTMLElement) => block.querySelectorAll('[data-rivulet="code-line"]').length

/** Real time, slowed down a thousandfold from now on; `skip(ms)` moves it on at once. */
function slowClock() {
  const real = performance.now.bind(performance)
  const start = real()
  let skipped = 0
  vi.spyOn(performance, 'now').mockImplementation(() => start + skipped + (real() - start) / 1000)
  return {
    skip(ms: number) {
      skipped += ms
    },
  }
}
afterEach(() => {
  vi.restoreAllMocks()
})

/** A chat whose next answer streams from a body the test writes into, event by event. */
async function streamingChat() {
  let write: ((event: ChatEvent) => void) | undefined
  let seq = 0
  const chat = createChatClient({
    transport: createMemoryTransport({
      respond: () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            const encoder = new TextEncoder()
            write = (event) => controller.enqueue(encoder.encode(encodeEvent(event)))
          },
        }),
    }),
  })
  flushSync(() => page.root.render(<Chat chat={chat} />))
  void chat.send('Show me some code')
  await vi.waitFor(() => expect(write).toBeDefined(), FRAMES)
  const emit = (event: DistributiveOmit<ChatEvent, 'seq'>) => write!({ ...event, seq: seq++ } as ChatEvent)
  emit({ type: 'start', streamId: 's1' })
  return {
    /** Streams `text` a few characters per frame. */
    async type(text: string, perFrame = 12) {
      for (let i = 0; i < text.length; i += perFrame) {
        emit({ type: 'token', content: text.slice(i, i + perFrame) })
        await nextFrame()
      }
    },
    token(content: string) {
      emit({ type: 'token', content })
    },
    done() {
      emit({ type: 'done' })
    },
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

const prose = (n: number) => Array.from({ length: n }, (_, i) => `Paragraph ${i} of the answer, which goes on for a while so that the list overflows.\n\n`).join('')
const LINES = 30
const code = (name: string) => Array.from({ length: LINES }, (_, i) => `const ${name}${i} = compute(${i}) + "${name}" // line ${i}`).join('\n')
const fence = (name: string) => '```ts\n' + code(name) + '\n```\n\n'

// The highlighter and its TypeScript grammar load before the clock slows (other code: nothing cached).
async function warmHighlighter() {
  await highlightLines('const warm = 1\nlet up = "yes"', 'ts')
}

/** The answer opens with a fence, coloured through the budget before the list overflows. */
async function earlierFence(stream: Awaited<ReturnType<typeof streamingChat>>) {
  stream.token(fence('earlier'))
  await vi.waitFor(() => expect(colouredLines(fences()[0]!)).toBe(LINES), FRAMES)
}

describe('the colour budget while an answer streams', () => {
  it('colours a fence that arrived whole mid-answer while the text after it streams and the list sticks to the bottom', { timeout: 180_000 }, async () => {
    await warmHighlighter()
    const stream = await streamingChat()
    await earlierFence(stream)
    await stream.type(prose(12), 40)
    expect(distance()).toBeLessThanOrEqual(1)
    slowClock()
    stream.token(fence('closed'))
    const topBefore = viewport().scrollTop
    // More text streams, a word a frame; the list scrolls itself to the bottom every frame meanwhile.
    let frames = 0
    let block: HTMLElement | undefined
    while (!(block && colouredLines(block) === LINES) && frames < 600) {
      stream.token(`word ${frames} `)
      await nextFrame()
      block = fences()[1]
      frames++
    }
    expect(viewport().scrollTop).toBeGreaterThan(topBefore)
    expect(distance()).toBeLessThanOrEqual(1)
    // Every line of the fence is coloured, and the answer is still streaming.
    expect(codeLines(block!)).toBe(LINES)
    expect(colouredLines(block!)).toBe(LINES)
    expect(page.host.querySelector('[data-rivulet="message"][data-streaming]')).not.toBeNull()
    stream.done()
  })

  it('still waits while the reader scrolls with the wheel, and colours once the scrolling pauses', { timeout: 180_000 }, async () => {
    await warmHighlighter()
    const stream = await streamingChat()
    await earlierFence(stream)
    await stream.type(prose(12), 40)
    const clock = slowClock()
    // The reader wheels up a little (a real wheel event, scrolling the list): the fence that
    // arrives next is still within reach of the view.
    await userEvent.wheel(viewport(), { delta: { y: -80 } })
    await vi.waitFor(() => expect(page.host.querySelector('[data-rivulet="message-list"]')!.getAttribute('data-state')).toBe('detached'), FRAMES)
    await vi.waitFor(() => expect(distance()).toBeGreaterThan(40), FRAMES)
    stream.token(fence('wheeled'))
    // Its lines are tokenized, waiting for the budget.
    await vi.waitFor(() => expect(peekHighlight(code('wheeled'), 'ts')).toBeDefined(), FRAMES)
    const block = fences()[1]!
    expect(codeLines(block)).toBe(LINES)
    // However many frames pass, the scrolling has not paused.
    for (let frames = 0; frames < 60; frames++) await nextFrame()
    expect(colouredLines(block)).toBe(0)
    // It pauses: the fence is coloured, the answer still streaming.
    clock.skip(SCROLL_QUIET_MS)
    await vi.waitFor(() => expect(colouredLines(block)).toBe(LINES), FRAMES)
    expect(page.host.querySelector('[data-rivulet="message"][data-streaming]')).not.toBeNull()
    stream.done()
  })
})
