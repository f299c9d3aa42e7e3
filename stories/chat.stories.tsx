import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { Chat } from '../src/components/chat/chat.tsx'
import { dropConnectionAt, httpError, stallAt } from '../src/mocks/faults.ts'
import { mockChatStream, type MockChatStreamOptions } from '../src/mocks/mock-chat-stream.ts'
import { scenarios } from '../src/mocks/scenarios.ts'
import { createScript } from '../src/mocks/script.ts'
import { STREAM_FORMATS, type StreamFormat } from '../src/protocol/decoders/stream-format.ts'

const scenarioNames = ['markdown', 'toolCall', 'reasoning', 'long', 'error'] as const
type ScenarioName = (typeof scenarioNames)[number]

interface Args {
  scenario: ScenarioName
  format: StreamFormat
  tokensPerSecond: number
  ttft: number
  prompt: string
  /** Any other mock option: `faults`, chunking… */
  mock?: Partial<MockChatStreamOptions>
}

const meta: Meta<Args> = {
  title: 'Chat/Chat',
  args: { scenario: 'markdown', format: 'rivulet', tokensPerSecond: 80, ttft: 300, prompt: 'Tell me about rivers' },
  argTypes: {
    scenario: { control: 'select', options: scenarioNames },
    format: { control: 'select', options: STREAM_FORMATS },
    tokensPerSecond: { control: { type: 'range', min: 5, max: 2000, step: 5 } },
    ttft: { control: { type: 'range', min: 0, max: 5000, step: 50 } },
    mock: { control: false },
  },
  beforeEach({ msw, args }) {
    const mock = mockChatStream({
      url: '/api/chat',
      script: () => scenarios[args.scenario],
      format: args.format,
      tokensPerSecond: args.tokensPerSecond,
      ttft: args.ttft,
      jitter: 0.3,
      ...args.mock,
    })
    msw.use(...mock.handlers)
  },
  render: () => (
    <div style={{ height: 600, maxWidth: 860, margin: '0 auto' }}>
      <Chat api="/api/chat" emptyState="Ask anything — the answer streams from a mock, no backend needed." />
    </div>
  ),
}
export default meta

type Story = StoryObj<Args>

async function ask(canvasElement: HTMLElement, prompt: string) {
  const canvas = within(canvasElement)
  await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), `${prompt}{Enter}`)
  return canvas
}

const settled = (canvasElement: HTMLElement) =>
  waitFor(() => expect(['ready', 'error']).toContain(canvasElement.querySelector('[data-rivulet="chat"]')!.getAttribute('data-state')), {
    timeout: 20_000,
  })

export const Streaming: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = await ask(canvasElement, args.prompt)
    const log = canvas.getByRole('log')
    await waitFor(() => expect(log).toHaveAttribute('aria-busy', 'true'))
    await settled(canvasElement)
    expect(log).toHaveAttribute('aria-busy', 'false')
    expect(within(log).getByRole('heading', { name: /rivers/i })).toBeInTheDocument()
    expect(within(log).getByRole('table')).toBeInTheDocument()
  },
}

export const Waiting: Story = {
  args: { ttft: 600_000 },
  play: async ({ canvasElement, args }) => {
    const canvas = await ask(canvasElement, args.prompt)
    expect(await canvas.findByRole('status', { name: 'Assistant is typing' })).toBeInTheDocument()
    expect(canvas.getByRole('button', { name: 'Stop' })).toBeInTheDocument()
  },
}

export const ToolCall: Story = {
  args: { scenario: 'toolCall', tokensPerSecond: 30 },
  play: async ({ canvasElement, args }) => {
    const canvas = await ask(canvasElement, 'What is the weather in Zürich?')
    expect(await canvas.findByText('get_weather', {}, { timeout: 10_000 })).toBeInTheDocument()
    await settled(canvasElement)
    const card = canvasElement.querySelector('[data-rivulet="tool-call"]')!
    expect(card.getAttribute('data-state')).toBe('output-available')
    expect(canvas.getByText(/21 °C/)).toBeInTheDocument()
    void args
  },
}

export const ToolRunning: Story = {
  args: { scenario: 'toolCall', tokensPerSecond: 30, mock: { faults: [stallAt({ event: 12, ms: 600_000 })] } },
  play: async ({ canvasElement }) => {
    const canvas = await ask(canvasElement, 'What is the weather in Zürich?')
    expect(await canvas.findByText('get_weather', {}, { timeout: 10_000 })).toBeInTheDocument()
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-rivulet="tool-call"]')!.getAttribute('data-state')).toMatch(/input-/),
    )
  },
}

export const ToolFailed: Story = {
  args: {
    mock: {
      script: () =>
        createScript({ streamId: 'tool-failed' })
          .toolCall({ id: 'call_1', name: 'search_flights', args: { from: 'ZRH', to: 'OSL' }, result: 'Upstream API timed out', isError: true })
          .text('The flight search failed, so I cannot give prices right now.')
          .done(),
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = await ask(canvasElement, 'Flights to Oslo?')
    await settled(canvasElement)
    expect(canvasElement.querySelector('[data-rivulet="tool-call"]')!.getAttribute('data-state')).toBe('output-error')
    expect(canvas.getByText(/Upstream API timed out/)).toBeInTheDocument()
  },
}

export const Reasoning: Story = {
  args: { scenario: 'reasoning' },
  play: async ({ canvasElement }) => {
    const canvas = await ask(canvasElement, 'Which is longer, the Nile or the Amazon?')
    await settled(canvasElement)
    expect(canvas.getByRole('button', { name: /Thought for/ })).toBeInTheDocument()
    expect(canvas.getByText('Nile', { selector: 'strong' })).toBeInTheDocument()
  },
}

export const ErrorMidStream: Story = {
  args: { scenario: 'error' },
  play: async ({ canvasElement }) => {
    const canvas = await ask(canvasElement, 'Go on')
    await settled(canvasElement)
    expect(canvas.getByText(/Here is the first part of the answer/)).toBeInTheDocument()
    expect(canvas.getByText(/overloaded/i)).toBeInTheDocument()
    expect(canvas.getByRole('button', { name: 'Retry' })).toBeEnabled()
  },
}

export const RateLimited: Story = {
  args: { mock: { faults: [httpError({ status: 429, retryAfter: 30 })] } },
  play: async ({ canvasElement }) => {
    const canvas = await ask(canvasElement, 'Hello?')
    expect((await canvas.findAllByText(/Rate limited — retrying is possible in \d+ s/))[0]).toBeVisible()
    expect(canvas.getByRole('button', { name: 'Retry' })).toBeDisabled()
  },
}

export const Stopped: Story = {
  args: { tokensPerSecond: 15 },
  play: async ({ canvasElement, args }) => {
    const canvas = await ask(canvasElement, args.prompt)
    await canvas.findByText(/Rivers/, {}, { timeout: 10_000 })
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }))
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Send' })).toBeInTheDocument())
    const text = canvasElement.querySelector('[data-rivulet="message"][data-role="assistant"]')!.textContent
    await new Promise((r) => setTimeout(r, 300))
    // Nothing arrives after Stop.
    expect(canvasElement.querySelector('[data-rivulet="message"][data-role="assistant"]')!.textContent).toBe(text)
  },
}

export const ResumedAfterDrop: Story = {
  args: { tokensPerSecond: 400, mock: { faults: [dropConnectionAt({ event: 20 })] } },
  play: async ({ canvasElement }) => {
    const canvas = await ask(canvasElement, 'Tell me about rivers')
    await settled(canvasElement)
    expect(canvasElement.querySelector('[data-rivulet="error-notice"]')).toBeNull()
    expect(canvas.getByRole('table')).toBeInTheDocument()
  },
}

export const LongAnswer: Story = {
  args: { scenario: 'long', tokensPerSecond: 20_000, ttft: 0 },
  play: async ({ canvasElement }) => {
    await ask(canvasElement, 'Write a lot')
    await settled(canvasElement)
    await waitFor(
      () => expect(canvasElement.querySelectorAll('[data-rivulet="code-block"]').length).toBeGreaterThan(20),
      { timeout: 20_000 },
    )
    await waitFor(() => expect(canvasElement.querySelector('[data-rivulet="code-block"][data-state="highlighted"]')).not.toBeNull(), {
      timeout: 20_000,
    })
  },
}

export const Dark: Story = {
  parameters: { theme: 'dark' },
  play: Streaming.play,
}

export const Phone: Story = {
  render: () => (
    <div style={{ height: 640, width: 375, margin: '0 auto' }}>
      <Chat api="/api/chat" />
    </div>
  ),
  play: async ({ canvasElement, args }) => {
    await ask(canvasElement, args.prompt)
    await settled(canvasElement)
    const viewport = canvasElement.querySelector('[data-rivulet="message-list-viewport"]')!
    // Nothing is wider than the phone: tables and code scroll inside themselves.
    expect(viewport.scrollWidth).toBeLessThanOrEqual(viewport.clientWidth + 1)
  },
}

export const AnthropicStream: Story = { args: { format: 'anthropic' }, play: Streaming.play }
export const OpenAIChatStream: Story = { args: { format: 'openai-chat' }, play: Streaming.play }
export const OpenAIResponsesStream: Story = { args: { format: 'openai-responses' }, play: Streaming.play }
export const AiSdkStream: Story = { args: { format: 'ai-sdk' }, play: Streaming.play }

/** `avatars`: each message with its avatar and its role's name (from `labels.roles`); off by default. */
export const WithAvatars: Story = {
  args: { scenario: 'toolCall', prompt: 'What is the weather in Zürich?' },
  render: () => (
    <div style={{ height: 600, maxWidth: 860, margin: '0 auto' }}>
      <Chat api="/api/chat" avatars />
    </div>
  ),
  play: async ({ canvasElement, args }) => {
    const canvas = await ask(canvasElement, args.prompt)
    await settled(canvasElement)
    const log = canvas.getByRole('log')
    const rows = log.querySelectorAll('[data-rivulet="message-row"]')
    expect([...rows].map((row) => row.getAttribute('data-role'))).toEqual(['user', 'assistant'])
    expect([...rows].map((row) => row.querySelector('[data-rivulet="message-author"]')!.textContent)).toEqual(['You', 'Assistant'])
    // The avatar is decorative; the name is what screen readers hear.
    expect(rows[0]!.querySelector('[data-rivulet="message-avatar"]')).toHaveAttribute('aria-hidden', 'true')
  },
}

export const WithAvatarsDark: Story = { ...WithAvatars, parameters: { theme: 'dark' } }

/** Your own avatars per role: any node, here an image for the assistant and initials for the user. */
export const CustomAvatars: Story = {
  args: { scenario: 'markdown' },
  // The names are the app's own (people and product), given through `labels.roles` on purpose.
  parameters: { pseudoLocale: { allow: ['Ada', 'Rivulet', 'AL'] } },
  render: () => (
    <div style={{ height: 600, maxWidth: 860, margin: '0 auto' }}>
      <Chat
        api="/api/chat"
        labels={{ roles: { user: 'Ada', assistant: 'Rivulet', system: 'System' } }}
        avatars={{
          user: 'AL',
          assistant: (
            <img
              alt=""
              src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' fill='%230f766e'/%3E%3Cpath d='M7 12.5c3-3 6 3 9 0s6-3 9 0M7 20.5c3-3 6 3 9 0s6-3 9 0' fill='none' stroke='white' stroke-width='2.6' stroke-linecap='round'/%3E%3C/svg%3E"
            />
          ),
        }}
      />
    </div>
  ),
  play: async ({ canvasElement, args }) => {
    const canvas = await ask(canvasElement, args.prompt)
    await settled(canvasElement)
    const log = canvas.getByRole('log')
    expect(log.querySelector('[data-rivulet="message-row"][data-role="user"] [data-rivulet="message-avatar"]')).toHaveTextContent('AL')
    expect(log.querySelector('[data-rivulet="message-row"][data-role="assistant"] [data-rivulet="message-author"]')).toHaveTextContent('Rivulet')
  },
}
