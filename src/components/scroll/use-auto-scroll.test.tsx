import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MessageList } from './message-list.tsx'
import { useAutoScroll } from './use-auto-scroll.ts'
import type { UseAutoScrollResult } from './use-auto-scroll.ts'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

// jsdom has no layout and no ResizeObserver: these tests cover wiring and markup; the
// scrolling itself is proven in message-list.browser.test.tsx.
describe('useAutoScroll (jsdom)', () => {
  function Probe({ enabled, onResult }: { enabled?: boolean; onResult: (result: UseAutoScrollResult) => void }) {
    const result = useAutoScroll({ enabled })
    onResult(result)
    return (
      <div ref={result.scrollRef} data-testid="viewport">
        <div ref={result.contentRef} />
      </div>
    )
  }

  it('starts pinned with nothing new, and works without ResizeObserver', () => {
    expect(globalThis.ResizeObserver).toBeUndefined()
    let last: UseAutoScrollResult | undefined
    render(<Probe onResult={(result) => (last = result)} />)
    expect(last).toMatchObject({ isAtBottom: true, isDetached: false, hasNewContent: false })
  })

  it('registers listeners only when mounted and enabled, and removes each one on unmount', () => {
    // jsdom puts the window's EventTarget methods on the window itself.
    const calls: { op: 'add' | 'remove'; target: unknown; type: string; listener: unknown }[] = []
    type Method = 'addEventListener' | 'removeEventListener'
    type Listen = (this: EventTarget, type: string, listener: unknown, options?: unknown) => void
    const targets: EventTarget[] = [EventTarget.prototype, window]
    for (const target of targets) {
      for (const name of ['addEventListener', 'removeEventListener'] as Method[]) {
        const original = target[name] as Listen
        const spy = vi.spyOn(target, name) as unknown as { mockImplementation(fn: Listen): void }
        spy.mockImplementation(function (this: EventTarget, type, listener, options) {
          calls.push({ op: name === 'addEventListener' ? 'add' : 'remove', target: this, type, listener })
          original.call(this, type, listener, options)
        })
      }
    }
    const { rerender, unmount } = render(<Probe enabled={false} onResult={() => {}} />)
    const viewport = screen.getByTestId('viewport')
    const ours = (op: 'add' | 'remove') =>
      calls.filter((call) => call.op === op && (call.target === viewport || call.target === window))
    expect(ours('add')).toEqual([])

    rerender(<Probe enabled onResult={() => {}} />)
    const added = ours('add').map(({ target, type, listener }) => ({ target, type, listener }))
    expect(added.map(({ type }) => type)).toEqual(
      expect.arrayContaining(['scroll', 'wheel', 'keydown', 'touchmove', 'pointerdown', 'pointerup']),
    )

    unmount()
    const removed = ours('remove').map(({ target, type, listener }) => ({ target, type, listener }))
    expect(removed).toHaveLength(added.length)
    expect(removed).toEqual(expect.arrayContaining(added))
  })
})

describe('MessageList markup (jsdom)', () => {
  it('is a named, focusable, polite log that is busy while streaming', () => {
    render(
      <MessageList aria-busy className="chat" data-testid="root">
        <p>Hello</p>
      </MessageList>,
    )
    const log = screen.getByRole('log', { name: 'Conversation' })
    expect(log).toHaveAttribute('aria-live', 'polite')
    expect(log).toHaveAttribute('aria-relevant', 'additions')
    expect(log).toHaveAttribute('aria-busy', 'true')
    expect(log).toHaveAttribute('tabindex', '0')
    expect(log).toHaveAttribute('data-rivulet', 'message-list-viewport')
    expect(log.querySelector('[data-rivulet="message-list-content"]')).toHaveTextContent('Hello')
    const root = screen.getByTestId('root')
    expect(root).toHaveAttribute('data-rivulet', 'message-list')
    expect(root).toHaveAttribute('data-state', 'pinned')
    expect(root).toHaveClass('chat')
    expect(screen.queryByRole('button', { name: 'Jump to latest' })).toBeNull()
  })

  it('takes another accessible name and forwards its ref to the root', () => {
    let root: HTMLDivElement | null = null
    render(<MessageList aria-label="Support chat" ref={(element) => void (root = element)} />)
    expect(screen.getByRole('log', { name: 'Support chat' })).toBeInTheDocument()
    expect(root).toHaveAttribute('data-rivulet', 'message-list')
  })
})
