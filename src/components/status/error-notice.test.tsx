import { act, cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createRef } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ChatError, ErrorPart } from '../../core/state.ts'
import { ErrorNotice } from './error-notice.tsx'

const part = (overrides: Partial<ErrorPart> = {}): ErrorPart => ({
  type: 'error',
  code: 'upstream_error',
  message: 'overloaded_error: Overloaded',
  resumable: false,
  ...overrides,
})
const title = (container: HTMLElement) => container.querySelector('[data-rivulet="error-title"]') as HTMLElement
const shownTitle = (container: HTMLElement) => (title(container).querySelector('[aria-hidden="true"]') ?? title(container)).textContent
const tick = (ms: number) => act(() => vi.advanceTimersByTime(ms))

afterEach(cleanup)

describe('ErrorNotice messages', () => {
  it.each([
    [part({ code: 'context_length', message: 'prompt is too long: 210000 tokens > 200000 maximum' }), 'The conversation is too long for the model'],
    [part({ code: 'content_filter', message: 'Output blocked' }), 'The response was stopped by the content filter'],
    [part({ code: 'upstream_error' }), 'The model provider had a problem'],
    [part({ code: 'timeout', message: 'No content for 30 s' }), 'The response timed out'],
    [part({ code: 'network', message: 'Failed to fetch' }), 'Connection lost'],
    [part({ code: 'protocol', message: 'Unexpected token < in JSON' }), 'The server sent something Rivulet could not read'],
    [part({ code: 'http', status: 404, message: 'Not Found' }), 'Request failed (HTTP 404)'],
  ])('explains %o in words, then gives the server message in a smaller element', (error, expected) => {
    const { container } = render(<ErrorNotice error={error} />)
    const root = container.querySelector('[data-rivulet="error-notice"]')
    expect(root).toHaveAttribute('data-code', error.code)
    expect(title(container)).toHaveTextContent(expected)
    const detail = container.querySelector('[data-rivulet="error-detail"]')
    expect(detail?.tagName).toBe('SMALL')
    expect(detail).toHaveTextContent(error.message)
  })

  it('leaves out an empty server message', () => {
    const { container } = render(<ErrorNotice error={part({ message: '  ' })} />)
    expect(container.querySelector('[data-rivulet="error-detail"]')).toBeNull()
  })

  it('is not an alert by default and takes one when asked', () => {
    const { rerender } = render(<ErrorNotice error={part()} />)
    expect(screen.queryByRole('alert')).toBeNull()
    rerender(<ErrorNotice error={part()} role="alert" />)
    expect(screen.getByRole('alert')).toHaveTextContent('The model provider had a problem')
  })

  it('spreads props and forwards its ref to the root', () => {
    const ref = createRef<HTMLDivElement>()
    render(<ErrorNotice error={part()} ref={ref} className="notice" data-testid="notice" />)
    expect(ref.current).toBe(screen.getByTestId('notice'))
    expect(ref.current).toHaveClass('notice')
  })
})

describe('ErrorNotice actions', () => {
  it('calls onRetry from the Retry button', async () => {
    const user = userEvent.setup()
    const onRetry = vi.fn()
    render(<ErrorNotice error={part()} onRetry={onRetry} />)
    await user.click(screen.getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalledOnce()
  })

  it('has no Retry button without onRetry', () => {
    render(<ErrorNotice error={part()} />)
    expect(screen.queryByRole('button')).toBeNull()
  })

  it('offers Continue only for a resumable error with onContinue', async () => {
    const user = userEvent.setup()
    const onContinue = vi.fn()
    const { rerender } = render(<ErrorNotice error={part({ code: 'network' })} onRetry={() => {}} onContinue={onContinue} />)
    expect(screen.queryByRole('button', { name: 'Continue' })).toBeNull()

    rerender(<ErrorNotice error={part({ code: 'network', resumable: true })} onRetry={() => {}} />)
    expect(screen.queryByRole('button', { name: 'Continue' })).toBeNull()

    const chatError: ChatError = { code: 'network', message: 'Failed to fetch', resumable: true }
    rerender(<ErrorNotice error={chatError} onRetry={() => {}} onContinue={onContinue} />)
    await user.click(screen.getByRole('button', { name: 'Continue' }))
    expect(onContinue).toHaveBeenCalledOnce()
    expect(screen.getByRole('button', { name: 'Retry' })).toBeEnabled()
  })
})

describe('ErrorNotice rate-limit countdown', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  const limited = part({ code: 'rate_limited', message: 'Too many requests', retryAfter: 3 })

  it('ticks each second and enables Retry when it reaches 0', () => {
    const onRetry = vi.fn()
    const { container } = render(<ErrorNotice error={limited} onRetry={onRetry} />)
    const retry = screen.getByRole('button', { name: 'Retry' })
    expect(shownTitle(container)).toBe('Rate limited — retrying is possible in 3 s')
    expect(retry).toBeDisabled()
    expect(container.firstElementChild).toHaveAttribute('data-waiting', '')

    tick(999)
    expect(shownTitle(container)).toBe('Rate limited — retrying is possible in 3 s')
    tick(1)
    expect(shownTitle(container)).toBe('Rate limited — retrying is possible in 2 s')
    tick(1000)
    expect(shownTitle(container)).toBe('Rate limited — retrying is possible in 1 s')
    expect(retry).toBeDisabled()

    tick(1000)
    expect(shownTitle(container)).toBe('Rate limited — you can retry now')
    expect(retry).toBeEnabled()
    expect(container.firstElementChild).not.toHaveAttribute('data-waiting')
    expect(vi.getTimerCount()).toBe(0)
    retry.click()
    expect(onRetry).toHaveBeenCalledOnce()
  })

  it('uses a single interval and leaves no timer behind after unmount', () => {
    const { unmount } = render(<ErrorNotice error={limited} onRetry={() => {}} />)
    expect(vi.getTimerCount()).toBe(1)
    tick(1000)
    expect(vi.getTimerCount()).toBe(1)
    unmount()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('starts no timer for errors without a wait', () => {
    render(<ErrorNotice error={part({ code: 'rate_limited', message: 'slow down' })} onRetry={() => {}} />)
    expect(vi.getTimerCount()).toBe(0)
    expect(screen.getByRole('button', { name: 'Retry' })).toBeEnabled()
    expect(screen.getByText('Rate limited — try again in a moment')).toBeInTheDocument()
  })

  it('rounds a fractional wait up so Retry is never enabled early', () => {
    const { container } = render(<ErrorNotice error={{ ...limited, retryAfter: 1.2 }} onRetry={() => {}} />)
    expect(shownTitle(container)).toBe('Rate limited — retrying is possible in 2 s')
    tick(1000)
    expect(screen.getByRole('button', { name: 'Retry' })).toBeDisabled()
    tick(1000)
    expect(screen.getByRole('button', { name: 'Retry' })).toBeEnabled()
  })

  it('restarts the countdown for a new error', () => {
    const { container, rerender } = render(<ErrorNotice error={limited} onRetry={() => {}} />)
    tick(3000)
    expect(screen.getByRole('button', { name: 'Retry' })).toBeEnabled()
    rerender(<ErrorNotice error={{ ...limited, retryAfter: 5 }} onRetry={() => {}} />)
    expect(shownTitle(container)).toBe('Rate limited — retrying is possible in 5 s')
    expect(screen.getByRole('button', { name: 'Retry' })).toBeDisabled()
    expect(vi.getTimerCount()).toBe(1)
  })

  it('catches up after a throttled tab instead of counting missed ticks', () => {
    const { container } = render(<ErrorNotice error={{ ...limited, retryAfter: 10 }} onRetry={() => {}} />)
    // The clock moves 6 s while only one tick gets to run, as in a background tab.
    act(() => {
      vi.setSystemTime(Date.now() + 5_000)
      vi.advanceTimersByTime(1000)
    })
    expect(shownTitle(container)).toBe('Rate limited — retrying is possible in 4 s')
  })

  it('tells screen readers the wait once, not every second', () => {
    const { container } = render(<ErrorNotice error={limited} onRetry={() => {}} />)
    const spoken = () => title(container).querySelector(':not([aria-hidden])')?.textContent
    expect(spoken()).toBe('Rate limited — retrying is possible in 3 s')
    tick(2000)
    expect(spoken()).toBe('Rate limited — retrying is possible in 3 s')
    tick(1000)
    expect(spoken()).toBe('Rate limited — you can retry now')
  })
})
