import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import type { Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { MessageList } from './message-list.tsx'

/*
 * Real layout, real ResizeObserver, real scroll events, in Chromium.
 *
 * User intent in these tests comes from real input where the browser can produce it
 * (`userEvent.wheel` and `userEvent.keyboard` go through Playwright, so the browser
 * itself scrolls) and otherwise from a scroll we did not make: setting `scrollTop`
 * far from the bottom (what a scrollbar drag or find-in-page does), or back to the end.
 * No test waits on the clock: they wait for frames or for a condition.
 */

const LINE = 20
let host: HTMLDivElement
let root: Root

beforeEach(() => {
  host = document.createElement('div')
  host.style.width = '360px'
  document.body.append(host)
  root = createRoot(host)
})

afterEach(() => {
  root.unmount()
  host.remove()
  vi.restoreAllMocks()
})

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => resolve()
    channel.port2.postMessage(null)
  })
const frames = async (count: number) => {
  for (let index = 0; index < count; index++) await nextFrame()
}

const list = () => host.querySelector<HTMLElement>('[data-rivulet="message-list"]')!
const viewport = () => host.querySelector<HTMLElement>('[data-rivulet="message-list-viewport"]')!
const jumpButton = () => host.querySelector<HTMLButtonElement>('[data-rivulet="jump-to-latest"]')
const distance = () => {
  const el = viewport()
  return el.scrollHeight - el.clientHeight - el.scrollTop
}

/** Renders the conversation synchronously: `lines` one-line paragraphs, then `extra`. */
function show(lines: number, extra: React.ReactNode = null) {
  flushSync(() =>
    root.render(
      <MessageList style={{ height: 300 }}>
        {Array.from({ length: lines }, (_, index) => (
          <p key={index} style={{ margin: 0, height: LINE }}>
            line {index}
          </p>
        ))}
        {extra}
      </MessageList>,
    ),
  )
}

/** Streams `count` more lines, one per frame, rendered inside the frame as a store would. */
async function stream(from: number, count: number, onFrame?: () => void) {
  for (let lines = from + 1; lines <= from + count; lines++) {
    await nextFrame()
    onFrame?.()
    show(lines)
  }
  await frames(2)
}

async function detachWithWheel() {
  await userEvent.wheel(viewport(), { delta: { y: -150 } })
  await vi.waitFor(() => expect(list()).toHaveAttribute('data-state', 'detached'))
}

describe('MessageList in Chromium', () => {
  it('stays pinned to the bottom in every frame while a long answer streams in', async () => {
    show(5)
    await frames(2)
    const content = host.querySelector('[data-rivulet="message-list-content"]')!
    // Observers are notified in creation order, after layout and before paint: this one
    // runs right after the list's own, so it sees what the next painted frame shows.
    const seen: number[] = []
    const probe = new ResizeObserver(() => seen.push(distance()))
    probe.observe(content)
    let answer = ''
    for (let token = 0; token < 400; token++) {
      answer += `word${token} `
      // Tokens land from the network in tasks between frames, several per frame.
      if (token % 4 === 0) await nextFrame()
      await nextTask()
      show(5, <p style={{ margin: 0, lineHeight: `${LINE}px` }}>{answer}</p>)
      expect(list()).toHaveAttribute('data-state', 'pinned')
    }
    await frames(2)
    probe.disconnect()
    expect(viewport().scrollHeight).toBeGreaterThan(1000)
    expect(seen.length).toBeGreaterThan(30)
    expect(seen.filter((gap) => gap > 1)).toEqual([])
    expect(distance()).toBeLessThanOrEqual(1)
    expect(jumpButton()).toBeNull()
  })

  it('starts at the bottom of a long conversation', async () => {
    show(100)
    await frames(1)
    expect(viewport().scrollTop).toBeGreaterThan(0)
    expect(distance()).toBeLessThanOrEqual(1)
  })

  it('scrolls once for many growths within one frame', async () => {
    show(30)
    await frames(2)
    const el = viewport()
    const scrollTo = vi.spyOn(el, 'scrollTo')
    for (let lines = 31; lines <= 40; lines++) show(lines)
    await frames(2)
    expect(scrollTo).toHaveBeenCalledTimes(1)
    expect(distance()).toBeLessThanOrEqual(1)
  })

  it('detaches on a wheel up, stays where the user put it, and offers Jump only once new content arrives', async () => {
    show(40)
    await frames(2)
    await detachWithWheel()
    await vi.waitFor(() => expect(distance()).toBeGreaterThan(50))
    await frames(2)
    expect(jumpButton()).toBeNull()

    const top = viewport().scrollTop
    await stream(40, 5)
    expect(viewport().scrollTop).toBe(top)
    await vi.waitFor(() => expect(jumpButton()).not.toBeNull())
    expect(jumpButton()).toHaveAccessibleName('Jump to latest')
    expect(list()).toHaveAttribute('data-new-content', '')
  })

  it('given `latest`, offers Jump when the newest item changes, not when content below the view only grows', async () => {
    // What a restored thread does below a reader who scrolled up: an off-screen message laid
    // out at its real height (content-visibility) grows the list below the view, and nothing is new.
    const showLatest = (lines: number, tall: number | undefined) =>
      flushSync(() =>
        root.render(
          <MessageList style={{ height: 300 }} latest={lines}>
            {Array.from({ length: lines }, (_, index) => (
              <p key={index} style={{ margin: 0, height: index === tall ? LINE * 10 : LINE }}>
                line {index}
              </p>
            ))}
          </MessageList>,
        ),
      )
    showLatest(40, undefined)
    await frames(2)
    await detachWithWheel()
    await vi.waitFor(() => expect(distance()).toBeGreaterThan(50))
    await frames(2)
    const before = distance()
    showLatest(40, 37)
    await frames(3)
    expect(distance()).toBeGreaterThan(before)
    expect(jumpButton()).toBeNull()
    showLatest(41, 37)
    await vi.waitFor(() => expect(jumpButton()).not.toBeNull())
    expect(list()).toHaveAttribute('data-state', 'detached')
  })

  it('detaches on PageUp from the keyboard', async () => {
    show(60)
    await frames(2)
    viewport().focus()
    await userEvent.keyboard('{PageUp}')
    await vi.waitFor(() => expect(list()).toHaveAttribute('data-state', 'detached'))
    await stream(60, 3)
    await vi.waitFor(() => expect(distance()).toBeGreaterThan(100))
  })

  it('detaches when something else scrolls it far up (scrollbar drag, find-in-page)', async () => {
    show(60)
    await frames(2)
    viewport().scrollTop = 100
    await vi.waitFor(() => expect(list()).toHaveAttribute('data-state', 'detached'))
    await stream(60, 3)
    expect(viewport().scrollTop).toBe(100)
  })

  it('clicking Jump to latest scrolls to the end, re-attaches and hides the button', async () => {
    show(40)
    await frames(2)
    await detachWithWheel()
    await stream(40, 5)
    await vi.waitFor(() => expect(jumpButton()).not.toBeNull())

    const scrollTo = vi.spyOn(viewport(), 'scrollTo')
    jumpButton()!.click()
    expect(scrollTo).toHaveBeenCalledWith(expect.objectContaining({ behavior: 'smooth' }))
    await vi.waitFor(() => expect(list()).toHaveAttribute('data-state', 'pinned'))
    expect(jumpButton()).toBeNull()
    // Streaming on while (and after) the smooth scroll glides: it ends at the bottom.
    await stream(45, 10)
    await vi.waitFor(() => expect(distance()).toBeLessThanOrEqual(1), { timeout: 5000 })
    await stream(55, 5, () => expect(list()).toHaveAttribute('data-state', 'pinned'))
    expect(distance()).toBeLessThanOrEqual(1)
  })

  it('Jump to latest works from the keyboard and keeps focus in the conversation', async () => {
    show(40)
    await frames(2)
    await detachWithWheel()
    await stream(40, 3)
    await vi.waitFor(() => expect(jumpButton()).not.toBeNull())
    jumpButton()!.focus()
    await userEvent.keyboard('{Enter}')
    await vi.waitFor(() => expect(jumpButton()).toBeNull())
    expect(document.activeElement).toBe(viewport())
  })

  it('detaches as soon as a touch drag pulls the content down', async () => {
    show(40)
    await frames(2)
    const el = viewport()
    const touch = (clientY: number) => [new Touch({ identifier: 1, target: el, clientX: 10, clientY })]
    el.dispatchEvent(new TouchEvent('touchstart', { touches: touch(100), bubbles: true }))
    el.dispatchEvent(new TouchEvent('touchmove', { touches: touch(90), bubbles: true }))
    await frames(2)
    // Pushing the content up (towards newer messages) is not letting go.
    expect(list()).toHaveAttribute('data-state', 'pinned')
    el.dispatchEvent(new TouchEvent('touchmove', { touches: touch(160), bubbles: true }))
    await vi.waitFor(() => expect(list()).toHaveAttribute('data-state', 'detached'))
    el.dispatchEvent(new TouchEvent('touchend', { touches: [], bubbles: true }))
  })

  it('jumps instantly instead of smoothly when the user prefers reduced motion', async () => {
    const matchMedia = window.matchMedia.bind(window)
    vi.spyOn(window, 'matchMedia').mockImplementation((query) =>
      query === '(prefers-reduced-motion: reduce)' ? ({ matches: true } as MediaQueryList) : matchMedia(query),
    )
    show(40)
    await frames(2)
    await detachWithWheel()
    await stream(40, 3)
    await vi.waitFor(() => expect(jumpButton()).not.toBeNull())
    const scrollTo = vi.spyOn(viewport(), 'scrollTo')
    jumpButton()!.click()
    expect(scrollTo).toHaveBeenCalledWith(expect.objectContaining({ behavior: 'instant' }))
    expect(distance()).toBeLessThanOrEqual(1)
  })

  it('re-attaches when the user scrolls back to the bottom by hand', async () => {
    show(40)
    await frames(2)
    await detachWithWheel()
    await stream(40, 3)
    await vi.waitFor(() => expect(jumpButton()).not.toBeNull())

    await userEvent.wheel(viewport(), { delta: { y: 5000 } })
    await vi.waitFor(() => expect(list()).toHaveAttribute('data-state', 'pinned'))
    expect(jumpButton()).toBeNull()
    await stream(43, 10)
    expect(distance()).toBeLessThanOrEqual(1)
  })

  it('re-attaches when scrolled to within the threshold of the bottom', async () => {
    show(40)
    await frames(2)
    viewport().scrollTop = 0
    await vi.waitFor(() => expect(list()).toHaveAttribute('data-state', 'detached'))
    const el = viewport()
    el.scrollTop = el.scrollHeight - el.clientHeight - 30
    await vi.waitFor(() => expect(list()).toHaveAttribute('data-state', 'pinned'))
    await stream(40, 3)
    expect(distance()).toBeLessThanOrEqual(1)
  })

  it('stays pinned when content shrinks', async () => {
    show(60)
    await frames(2)
    show(30)
    await frames(3)
    expect(list()).toHaveAttribute('data-state', 'pinned')
    await stream(30, 3)
    expect(distance()).toBeLessThanOrEqual(1)
  })

  it('ignores a wheel that scrolls a nested scroller instead of the list', async () => {
    const inner = (
      <div data-testid="inner" style={{ height: 100, overflowY: 'auto' }}>
        <div style={{ height: 1000 }}>tall tool result</div>
      </div>
    )
    show(40, inner)
    await frames(2)
    const nested = host.querySelector<HTMLElement>('[data-testid="inner"]')!
    nested.scrollTop = 500
    await frames(2)
    await userEvent.wheel(nested, { delta: { y: -100 } })
    await vi.waitFor(() => expect(nested.scrollTop).toBeLessThan(500))
    await frames(2)
    expect(list()).toHaveAttribute('data-state', 'pinned')
    expect(distance()).toBeLessThanOrEqual(1)
  })

  it('releases its ResizeObserver and every listener on unmount', async () => {
    const disconnect = vi.spyOn(ResizeObserver.prototype, 'disconnect')
    const added = vi.spyOn(EventTarget.prototype, 'addEventListener')
    const removed = vi.spyOn(EventTarget.prototype, 'removeEventListener')
    show(10)
    await frames(2)
    const el = viewport()
    const ours = (spy: typeof added) =>
      spy.mock.calls
        .map(([type, listener], index) => ({ target: spy.mock.contexts[index], type, listener }))
        .filter(({ target }) => target === el || target === window)
    const registered = ours(added)
    expect(registered.length).toBeGreaterThan(0)
    expect(disconnect).not.toHaveBeenCalled()

    root.unmount()
    expect(disconnect).toHaveBeenCalledOnce()
    expect(ours(removed)).toHaveLength(registered.length)
    expect(ours(removed)).toEqual(expect.arrayContaining(registered))
    root = createRoot(host)
  })
})
