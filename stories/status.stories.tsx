import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { ErrorNotice } from '../src/components/status/error-notice.tsx'
import { StatusLine } from '../src/components/status/status-line.tsx'
import { StreamCursor } from '../src/components/status/stream-cursor.tsx'
import { TypingIndicator } from '../src/components/status/typing-indicator.tsx'
import type { ErrorPart } from '../src/core/state.ts'
import { useStreamedText } from './support/use-streamed-text.ts'

/** A paragraph that streams in with the caret after its last character. */
function StreamingParagraph({ text }: { text: string }) {
  const streamed = useStreamedText({ text, charsPerTick: 2, intervalMs: 50 })
  return (
    <p data-testid="paragraph" style={{ maxWidth: 520 }}>
      {streamed.text}
      {streamed.done ? null : <StreamCursor />}
    </p>
  )
}

const meta: Meta = {
  title: 'Components/Status',
  decorators: [(Story) => <div style={{ maxWidth: 640 }}>{Story()}</div>],
}
export default meta

type Story = StoryObj

export const Typing: Story = {
  render: () => <TypingIndicator />,
  play: async ({ canvasElement }) => {
    const status = within(canvasElement).getByRole('status', { name: 'Assistant is typing' })
    const dots = status.querySelectorAll('[data-rivulet="typing-dot"]')
    await expect(dots).toHaveLength(3)
    for (const dot of dots) {
      await expect(dot).toHaveAttribute('aria-hidden', 'true')
      await expect(dot).toBeVisible()
    }
  },
}

export const StatusLineActive: Story = {
  render: () => (
    <>
      <StatusLine part={{ type: 'status', message: 'Searched 3 sources' }} />
      <StatusLine part={{ type: 'status', message: 'Reading the USGS page…' }} active />
    </>
  ),
  play: async ({ canvasElement }) => {
    const [done, current] = within(canvasElement).getAllByRole('status')
    await expect(done).toHaveTextContent('Searched 3 sources')
    await expect(done).not.toHaveAttribute('data-active')
    await expect(current).toHaveTextContent('Reading the USGS page…')
    await expect(current).toHaveAttribute('data-active', '')
    await expect(current).toHaveAttribute('data-animate', '')
  },
}

export const Cursor: Story = {
  render: () => (
    <p>
      The Nile is usually measured as the longer river
      <StreamCursor />
    </p>
  ),
  play: async ({ canvasElement }) => {
    const paragraph = canvasElement.querySelector('p') as HTMLElement
    const cursor = paragraph.querySelector('[data-rivulet="cursor"]') as HTMLElement
    await expect(paragraph.lastChild).toBe(cursor)
    await expect(cursor).toHaveAttribute('aria-hidden', 'true')
    await expect(cursor).toBeVisible()
    // Inline after the last character, not wrapped onto a line of its own.
    const textBox = paragraph.getBoundingClientRect()
    await expect(cursor.getBoundingClientRect().bottom).toBeLessThanOrEqual(textBox.bottom)
    await expect(cursor.getBoundingClientRect().top).toBeGreaterThanOrEqual(textBox.top)
  },
}

export const CursorWhileStreaming: Story = {
  render: () => <StreamingParagraph text="Rivers carry sediment, nutrients and dissolved salts to the sea." />,
  play: async ({ canvasElement }) => {
    const paragraph = within(canvasElement).getByTestId('paragraph')
    await expect(paragraph.lastElementChild).toHaveAttribute('data-rivulet', 'cursor')
    await waitFor(() => expect(paragraph).toHaveTextContent(/to the sea\.$/), { timeout: 10_000 })
    await expect(paragraph.querySelector('[data-rivulet="cursor"]')).toBeNull()
  },
}

// ---------- ErrorNotice, one story per code ----------

const error = (overrides: Partial<ErrorPart>): ErrorPart => ({ type: 'error', code: 'upstream_error', message: '', resumable: false, ...overrides })

interface ErrorArgs {
  error: ErrorPart
  onRetry: () => void
  onContinue: () => void
}

type ErrorStory = StoryObj<ErrorArgs>

/** A notice for `part` whose play checks the human title, the server detail and Retry. */
function errorStory(part: ErrorPart, title: string): ErrorStory {
  return {
    args: { error: part, onRetry: fn(), onContinue: fn() },
    render: (args) => <ErrorNotice {...args} />,
    play: async ({ canvasElement, args }) => {
      const canvas = within(canvasElement)
      const notice = canvasElement.querySelector('[data-rivulet="error-notice"]') as HTMLElement
      await expect(notice).toHaveAttribute('data-code', part.code)
      await expect(canvasElement.querySelector('[data-rivulet="error-title"]')).toHaveTextContent(title)
      if (part.message.trim() !== '') await expect(canvas.getByText(part.message).tagName).toBe('SMALL')
      await userEvent.click(canvas.getByRole('button', { name: 'Retry' }))
      await expect(args.onRetry).toHaveBeenCalledOnce()
      // Continue is only for streams that can be resumed.
      if (!part.resumable) await expect(canvas.queryByRole('button', { name: 'Continue' })).toBeNull()
    },
  }
}

export const RateLimitedCountdown: ErrorStory = {
  args: { error: error({ code: 'rate_limited', message: '429 Too Many Requests', retryAfter: 3 }), onRetry: fn() },
  render: (args) => <ErrorNotice {...args} />,
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const notice = canvasElement.querySelector('[data-rivulet="error-notice"]') as HTMLElement
    const shownTitle = () => notice.querySelector('[data-rivulet="error-title"] [aria-hidden="true"]')?.textContent
    const retry = canvas.getByRole('button', { name: 'Retry' })
    await expect(notice).toHaveAttribute('data-waiting', '')
    await expect(retry).toBeDisabled()
    await expect(shownTitle()).toMatch(/^Rate limited — retrying is possible in [1-3] s$/)
    // It counts down live, second by second, then lets the user retry.
    await waitFor(() => expect(shownTitle()).toBe('Rate limited — retrying is possible in 1 s'), { timeout: 5_000 })
    await expect(retry).toBeDisabled()
    await waitFor(() => expect(retry).toBeEnabled(), { timeout: 5_000 })
    await expect(shownTitle()).toBe('Rate limited — you can retry now')
    await expect(notice).not.toHaveAttribute('data-waiting')
    await userEvent.click(retry)
    await expect(args.onRetry).toHaveBeenCalledOnce()
  },
}

export const RateLimitedWithoutWait = errorStory(error({ code: 'rate_limited', message: 'Slow down' }), 'Rate limited — try again in a moment')
export const ContextLength = errorStory(
  error({ code: 'context_length', message: 'prompt is too long: 210000 tokens > 200000 maximum' }),
  'The conversation is too long for the model',
)
export const ContentFilter = errorStory(error({ code: 'content_filter', message: 'Output blocked by policy' }), 'The response was stopped by the content filter')
export const UpstreamError = errorStory(error({ code: 'upstream_error', message: 'overloaded_error: Overloaded' }), 'The model provider had a problem')
export const Timeout = errorStory(error({ code: 'timeout', message: 'No content for 30 s' }), 'The response timed out')
export const Protocol = errorStory(error({ code: 'protocol', message: 'Unexpected token < in JSON at position 0' }), 'The server sent something Rivulet could not read')
export const Http = errorStory(error({ code: 'http', status: 503, message: 'Service Unavailable' }), 'Request failed (HTTP 503)')
export const NetworkNotResumable = errorStory(error({ code: 'network', message: 'Failed to fetch' }), 'Connection lost')

export const NetworkResumable: ErrorStory = {
  args: { error: error({ code: 'network', message: 'The connection dropped after 412 tokens', resumable: true }), onRetry: fn(), onContinue: fn() },
  render: (args) => <ErrorNotice {...args} />,
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(canvasElement.querySelector('[data-rivulet="error-notice"]')).toHaveAttribute('data-resumable', '')
    await expect(canvas.getByText('Connection lost')).toBeVisible()
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }))
    await expect(args.onContinue).toHaveBeenCalledOnce()
    await expect(args.onRetry).not.toHaveBeenCalled()
    await expect(canvas.getByRole('button', { name: 'Retry' })).toBeEnabled()
  },
}

export const AsBanner: ErrorStory = {
  args: { error: error({ code: 'http', status: 401, message: 'Unauthorized' }), onRetry: fn() },
  render: (args) => <ErrorNotice {...args} role="alert" />,
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('Request failed (HTTP 401)')
  },
}

const ALL_CODES: ErrorPart[] = [
  error({ code: 'rate_limited', message: '429 Too Many Requests', retryAfter: 30 }),
  error({ code: 'context_length', message: 'prompt is too long' }),
  error({ code: 'content_filter', message: 'Output blocked' }),
  error({ code: 'upstream_error', message: 'overloaded_error: Overloaded' }),
  error({ code: 'timeout', message: 'No content for 30 s' }),
  error({ code: 'network', message: 'Failed to fetch', resumable: true }),
  error({ code: 'protocol', message: 'Unexpected token <' }),
  error({ code: 'http', status: 404, message: 'Not Found' }),
]

export const AllErrorCodes: ErrorStory = {
  args: { onRetry: fn(), onContinue: fn() },
  render: (args) => (
    <div style={{ display: 'grid', gap: 12 }}>
      {ALL_CODES.map((part) => (
        <ErrorNotice key={part.code} error={part} onRetry={args.onRetry} onContinue={args.onContinue} />
      ))}
    </div>
  ),
  play: async ({ canvasElement }) => {
    const notices = [...canvasElement.querySelectorAll<HTMLElement>('[data-rivulet="error-notice"]')]
    await expect(notices.map((notice) => notice.dataset.code)).toEqual(ALL_CODES.map((part) => part.code))
    await expect(within(canvasElement).getAllByRole('button', { name: 'Retry' })).toHaveLength(8)
    await expect(within(canvasElement).getAllByRole('button', { name: 'Continue' })).toHaveLength(1)
  },
}

export const AllErrorCodesDark: ErrorStory = { ...AllErrorCodes, parameters: { theme: 'dark' } }
