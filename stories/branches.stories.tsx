import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { BranchPicker } from '../src/components/branches/branch-picker.tsx'
import { Chat } from '../src/components/chat/chat.tsx'
import { syncScheduler } from '../src/core/frame-scheduler.ts'
import { createMemoryTransport } from '../src/core/transports/memory-transport.ts'
import type { ChatEvent } from '../src/protocol/events.ts'

/** Alternatives of a message (regenerated answers, edited prompts) and the action bar that makes them. */
const meta: Meta<typeof BranchPicker> = {
  title: 'Components/Branches and actions',
  component: BranchPicker,
  args: { branches: { index: 1, count: 3 }, onSwitch: fn() },
}
export default meta
type Story = StoryObj<typeof BranchPicker>

const picker = (canvasElement: HTMLElement) => within(within(canvasElement).getByRole('group', { name: 'Alternatives' }))

export const Middle: Story = {
  play: async ({ canvasElement, args }) => {
    await expect(picker(canvasElement).getByText('2 / 3')).toBeVisible()
    await userEvent.click(picker(canvasElement).getByRole('button', { name: 'Next alternative' }))
    await expect(args.onSwitch).toHaveBeenCalledWith(2)
  },
}

export const First: Story = {
  args: { branches: { index: 0, count: 3 } },
  play: async ({ canvasElement }) => {
    await expect(picker(canvasElement).getByRole('button', { name: 'Previous alternative' })).toBeDisabled()
  },
}

export const Last: Story = {
  args: { branches: { index: 2, count: 3 } },
  play: async ({ canvasElement }) => {
    await expect(picker(canvasElement).getByRole('button', { name: 'Next alternative' })).toBeDisabled()
  },
}

/** While a turn streams the arrows wait. */
export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvasElement }) => {
    await expect(picker(canvasElement).getByRole('button', { name: 'Previous alternative' })).toBeDisabled()
    await expect(picker(canvasElement).getByRole('button', { name: 'Next alternative' })).toBeDisabled()
  },
}

const answers = ['The Nile, at about 6,650 km.', 'Most surveys say the Nile; some measure the Amazon longer.']
const reply = (text: string, n: number): ChatEvent[] => [
  { type: 'start', seq: 0, streamId: `answer-${n}` },
  { type: 'token', seq: 1, content: text },
  { type: 'done', seq: 2, finishReason: 'stop' },
]

/** A `<Chat>` over an in-memory backend whose answers take turns, so Regenerate makes a visible alternative. */
function BranchingChat() {
  const [transport] = useState(() => {
    let n = 0
    return createMemoryTransport({ respond: () => reply(answers[n % answers.length]!, n++) })
  })
  return (
    <div style={{ height: 420, maxWidth: 720, display: 'flex' }}>
      <Chat style={{ flex: 1, minWidth: 0 }} transport={transport} options={{ scheduler: syncScheduler }} onFeedback={fn()} />
    </div>
  )
}

/** The action bar shows on hover or keyboard focus (and renders then, but for the last message), so the plays reach it by keyboard. */
async function press(button: HTMLElement) {
  button.focus()
  await userEvent.keyboard('{Enter}')
}

async function askAndRegenerate(canvasElement: HTMLElement) {
  const canvas = within(canvasElement)
  await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Which river is the longest?{Enter}')
  await canvas.findByText(answers[0]!)
  await press(canvas.getByRole('button', { name: 'Regenerate' }))
  await canvas.findByText(answers[1]!)
  return canvas
}

/** The answer was regenerated: the picker shows "2 / 2" under it; the action bar shows on hover or focus. */
export const RegeneratedInChat: Story = {
  render: () => <BranchingChat />,
  play: async ({ canvasElement }) => {
    const canvas = await askAndRegenerate(canvasElement)
    await waitFor(() => expect(picker(canvasElement).getByText('2 / 2')).toBeVisible())
    await userEvent.click(picker(canvasElement).getByRole('button', { name: 'Previous alternative' }))
    await expect(await canvas.findByText(answers[0]!)).toBeVisible()
    // Keyboard focus inside the answer shows its action bar (as hovering does).
    canvas.getAllByRole('button', { name: 'Good response' }).at(-1)!.focus()
  },
}

export const RegeneratedInChatDark: Story = {
  ...RegeneratedInChat,
  render: () => <BranchingChat />,
  parameters: { theme: 'dark' },
}

/** Edit on the user's message opens the inline editor; saving it makes a new branch of the prompt. */
export const EditingAPrompt: Story = {
  render: () => <BranchingChat />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Which river is the longest?{Enter}')
    await canvas.findByText(answers[0]!)
    // An earlier message's bar renders once the message is engaged: keyboard focus on the prompt.
    canvas.getByRole('article', { name: 'You' }).focus()
    await press(await canvas.findByRole('button', { name: 'Edit' }))
    await expect(await canvas.findByRole('textbox', { name: 'Edit message' })).toHaveValue('Which river is the longest?')
  },
}
