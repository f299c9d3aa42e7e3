import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { Message } from '../src/components/message/message.tsx'
import { MessageList } from '../src/components/scroll/message-list.tsx'
import type { ChatMessage } from '../src/core/state.ts'
import type { ChatEvent } from '../src/protocol/events.ts'
import { scenarios } from '../src/mocks/scenarios.ts'
import { useScriptedChat } from './support/use-scripted-chat.ts'

const HISTORY: ChatMessage[] = [
  { id: 'h1', role: 'user', parts: [{ type: 'text', text: 'Which river is the longest?' }] },
  {
    id: 'h2',
    role: 'assistant',
    parts: [{ type: 'text', text: 'The **Nile** is usually measured as the longest, at about 6,650 km; some surveys put the Amazon ahead.' }],
  },
  { id: 'h3', role: 'user', parts: [{ type: 'text', text: 'And which one carries the most water?' }] },
  { id: 'h4', role: 'assistant', parts: [{ type: 'text', text: 'The **Amazon**, by far: roughly a fifth of all river discharge on Earth.' }] },
]

const MARKDOWN_SCRIPT = scenarios.markdown
const LONG_SCRIPT = scenarios.long

interface ConversationProps {
  events: readonly ChatEvent[]
  eventsPerTick: number
  intervalMs: number
}

/** A fixed-height conversation whose last answer streams in through the reducer. */
function Conversation({ events, eventsPerTick, intervalMs }: ConversationProps) {
  const chat = useScriptedChat({ events, history: HISTORY, prompt: 'Tell me everything about rivers.', eventsPerTick, intervalMs })
  const streaming = chat.status === 'submitted' || chat.status === 'streaming'
  const last = chat.messages.length - 1
  return (
    <MessageList aria-busy={streaming} style={{ height: 420, maxWidth: 720, border: '1px solid var(--rivulet-border)', borderRadius: 10 }}>
      {chat.messages.map((message, index) => (
        <Message key={message.id} message={message} streaming={streaming && index === last} />
      ))}
    </MessageList>
  )
}

const meta: Meta<ConversationProps> = {
  title: 'Components/Message list',
  component: Conversation,
  args: { events: MARKDOWN_SCRIPT, eventsPerTick: 2, intervalMs: 40 },
  argTypes: { events: { control: false } },
}
export default meta

type Story = StoryObj<ConversationProps>

const listOf = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('[data-rivulet="message-list"]')!
const viewportOf = (canvasElement: HTMLElement) => within(canvasElement).getByRole('log', { name: 'Conversation' })
const distanceFromBottom = (el: HTMLElement) => el.scrollHeight - el.clientHeight - el.scrollTop

export const PinnedWhileStreaming: Story = {
  args: { eventsPerTick: 2, intervalMs: 50 },
  play: async ({ canvasElement }) => {
    const viewport = viewportOf(canvasElement)
    await expect(viewport).toHaveAttribute('aria-busy', 'true')
    // Mid-stream, the answer has outgrown the list and the view is following it.
    await waitFor(
      () => {
        expect(viewport).toHaveAttribute('aria-busy', 'true')
        expect(viewport.scrollHeight).toBeGreaterThan(viewport.clientHeight + 200)
        expect(distanceFromBottom(viewport)).toBeLessThanOrEqual(50)
      },
      { timeout: 10_000 },
    )
    await expect(listOf(canvasElement)).toHaveAttribute('data-state', 'pinned')
    await expect(within(canvasElement).queryByRole('button', { name: 'Jump to latest' })).toBeNull()
    // When it is done, the log is no longer busy and the end of the answer is in view.
    await waitFor(() => expect(viewport).toHaveAttribute('aria-busy', 'false'), { timeout: 10_000 })
    await waitFor(() => expect(distanceFromBottom(viewport)).toBeLessThanOrEqual(50))
    const lastLine = within(viewport).getByText(/some more questions\?/)
    await expect(lastLine.getBoundingClientRect().bottom).toBeLessThanOrEqual(viewport.getBoundingClientRect().bottom)
  },
}

export const DetachedWithJumpToLatest: Story = {
  args: { events: LONG_SCRIPT, eventsPerTick: 3, intervalMs: 40 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const viewport = viewportOf(canvasElement)
    await waitFor(() => expect(viewport.scrollHeight).toBeGreaterThan(viewport.clientHeight + 200), { timeout: 10_000 })
    // The reader scrolls up (a wheel turn, then the scroll it causes): the list lets go.
    viewport.dispatchEvent(new WheelEvent('wheel', { deltaY: -400, bubbles: true }))
    viewport.scrollTop = 0
    await waitFor(() => expect(listOf(canvasElement)).toHaveAttribute('data-state', 'detached'))
    // New content keeps arriving below; the view stays where the reader is and offers a way back.
    const jump = await canvas.findByRole('button', { name: 'Jump to latest' }, { timeout: 10_000 })
    await expect(viewport.scrollTop).toBeLessThan(50)
    await expect(viewport).toHaveAttribute('aria-busy', 'true')
    await userEvent.click(jump)
    await expect(listOf(canvasElement)).toHaveAttribute('data-state', 'pinned')
    await expect(canvas.queryByRole('button', { name: 'Jump to latest' })).toBeNull()
    await waitFor(() => expect(distanceFromBottom(viewport)).toBeLessThanOrEqual(50), { timeout: 5_000 })
  },
}

export const KeyboardScrollDetaches: Story = {
  args: { events: LONG_SCRIPT, eventsPerTick: 3, intervalMs: 40 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const viewport = viewportOf(canvasElement)
    await waitFor(() => expect(viewport.scrollHeight).toBeGreaterThan(viewport.clientHeight + 200), { timeout: 10_000 })
    // The log is focusable, so keyboard users can scroll it; PageUp lets go of the bottom.
    viewport.focus()
    await expect(viewport).toHaveFocus()
    await userEvent.keyboard('{PageUp}')
    await waitFor(() => expect(listOf(canvasElement)).toHaveAttribute('data-state', 'detached'))
    await canvas.findByRole('button', { name: 'Jump to latest' }, { timeout: 10_000 })
  },
}

export const Dark: Story = {
  parameters: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-theme]')).toHaveAttribute('data-theme', 'dark')
    const viewport = viewportOf(canvasElement)
    await waitFor(() => expect(viewport.scrollHeight).toBeGreaterThan(viewport.clientHeight), { timeout: 10_000 })
    await waitFor(() => expect(distanceFromBottom(viewport)).toBeLessThanOrEqual(50))
  },
}
