import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { Chat } from '../src/components/chat/chat.tsx'
import { ToolCallCard } from '../src/components/tool-call/tool-call-card.tsx'
import { syncScheduler } from '../src/core/frame-scheduler.ts'
import { createMemoryTransport } from '../src/core/transports/memory-transport.ts'
import type { ChatTools } from '../src/core/agent/chat-tools.ts'
import type { ChatEvent, UnsequencedChatEvent } from '../src/protocol/events.ts'
import { toolCallPart } from './support/tool-call-parts.ts'

/** Agent turns: browser tools, approvals, waiting calls, generator progress and multi-step answers. */
const meta: Meta<typeof ToolCallCard> = {
  title: 'Components/Agent turns',
  component: ToolCallCard,
  args: { part: toolCallPart('approval-requested'), onApprovalResponse: fn() },
  decorators: [(Story) => <div style={{ maxWidth: 560 }}>{Story()}</div>],
}
export default meta
type Story = StoryObj<typeof ToolCallCard>

const stateOf = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('[data-rivulet="tool-call"]')!.dataset.state

export const ApprovalRequested: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('group', { name: 'Allow get_weather to run?' })).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'get_weather' })).toHaveAccessibleDescription('Needs your approval')
    await userEvent.click(canvas.getByRole('button', { name: 'Approve' }))
    await expect(args.onApprovalResponse).toHaveBeenCalledWith({ toolCallId: 'call_approval-requested', approved: true })
  },
}

export const Approved: Story = {
  args: { part: toolCallPart('approval-responded') },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Approved', { selector: 'p' })).toBeVisible()
    await expect(within(canvasElement).queryByRole('button', { name: 'Approve' })).toBeNull()
  },
}

export const Denied: Story = {
  args: { part: toolCallPart('output-denied') },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Denied: Not now')).toBeVisible()
    await expect(stateOf(canvasElement)).toBe('output-denied')
  },
}

export const WaitingForResult: Story = {
  args: { part: toolCallPart('input-available'), waiting: true },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'get_weather' })).toHaveAccessibleDescription('Waiting for result')
    await expect(canvasElement.querySelector('[data-rivulet="tool-call"]')).toHaveAttribute('data-waiting', '')
  },
}

export const GeneratorProgress: Story = {
  args: { part: toolCallPart('output-available', { result: { searched: 12, of: 40 }, preliminary: true }) },
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'get_weather' }))
    await expect(canvasElement.querySelector('[data-rivulet="tool-call-result"]')?.textContent).toContain('"searched": 12')
  },
}

export const ToolError: Story = {
  args: { part: toolCallPart('output-error', { errorText: 'GPS unavailable' }) },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('GPS unavailable')).toBeVisible()
  },
}

const seq = (events: UnsequencedChatEvent[]): ChatEvent[] => events.map((event, i) => ({ ...event, seq: i }) as ChatEvent)
const callStep = (id: string, name: string, args: string, text: string) =>
  seq([
    { type: 'start', streamId: id },
    { type: 'step_start' },
    { type: 'token', content: text },
    { type: 'tool_call_start', id, name },
    { type: 'tool_call_delta', id, argsDelta: args },
    { type: 'tool_call_end', id },
    { type: 'done', finishReason: 'tool-calls' },
  ])

/** A `<Chat>` over an in-memory backend that answers each request with the next script. */
function AgentChat({ steps, tools, prompt }: { steps: ChatEvent[][]; tools: ChatTools; prompt: string }) {
  const [transport] = useState(() => {
    let n = 0
    return createMemoryTransport({ respond: () => steps[Math.min(n++, steps.length - 1)]! })
  })
  return (
    <div style={{ height: 480, display: 'flex' }}>
      <Chat style={{ flex: 1, minWidth: 0 }} transport={transport} options={{ scheduler: syncScheduler, tools }} emptyState={<p>Ask: “{prompt}”</p>} />
    </div>
  )
}

const wait = (ms: number, signal: AbortSignal) => new Promise<void>((resolve) => (signal.aborted ? resolve() : setTimeout(resolve, ms)))

export const BrowserToolRunningThenDone: Story = {
  render: () => (
    <AgentChat
      prompt="Where am I?"
      steps={[callStep('call_loc', 'get_location', '{}', 'Checking your location. '), seq([{ type: 'start', streamId: 'end' }, { type: 'token', content: 'You are in Oslo.' }, { type: 'done', finishReason: 'stop' }])]}
      tools={{ get_location: { execute: async (_args, { signal }) => (await wait(600, signal), { city: 'Oslo' }) } }}
    />
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('textbox'), 'Where am I?{Enter}')
    const header = await canvas.findByRole('button', { name: 'get_location' })
    await expect(header).toHaveAccessibleDescription('Running…')
    await waitFor(() => expect(canvas.getByText('You are in Oslo.')).toBeVisible(), { timeout: 5_000 })
    await expect(header).toHaveAccessibleDescription('Done')
  },
}

export const ThreeStepTurn: Story = {
  render: () => (
    <AgentChat
      prompt="Plan my evening"
      steps={[
        callStep('call_w', 'get_weather', '{"city":"Oslo"}', 'First the weather. '),
        callStep('call_e', 'find_events', '{"indoor":true}', 'Snow: looking for indoor events. '),
        seq([{ type: 'start', streamId: 'end' }, { type: 'step_start' }, { type: 'token', content: 'A concert at 20:00 it is.' }, { type: 'done', finishReason: 'stop' }]),
      ]}
      tools={{ get_weather: { execute: () => ({ sky: 'snow' }) }, find_events: { execute: () => [{ name: 'Concert', at: '20:00' }] } }}
    />
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('textbox'), 'Plan my evening{Enter}')
    await waitFor(() => expect(canvas.getByText('A concert at 20:00 it is.')).toBeVisible(), { timeout: 5_000 })
    // Three steps, one assistant message.
    await expect(canvasElement.querySelectorAll('[data-rivulet="message"][data-role="assistant"]')).toHaveLength(1)
    await expect(canvasElement.querySelectorAll('[data-rivulet="tool-call"][data-state="output-available"]')).toHaveLength(2)
  },
}
