import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import { Composer } from '../src/components/composer/composer.tsx'

const meta: Meta<typeof Composer> = {
  title: 'Components/Composer',
  component: Composer,
  args: { onSend: fn(), onStop: fn(), status: 'idle', placeholder: 'Ask anything' },
  // The placeholder here is the app's own prop, not a Rivulet label (the pseudo-locale check, .storybook/pseudo-locale.tsx).
  parameters: { pseudoLocale: { allow: ['Ask anything'] } },
  argTypes: { status: { control: 'select', options: ['idle', 'submitted', 'streaming', 'reconnecting', 'ready', 'error'] } },
  decorators: [(Story) => <div style={{ maxWidth: 640 }}>{Story()}</div>],
}
export default meta

type Story = StoryObj<typeof Composer>

const SHIFT_ENTER = '{Shift>}{Enter}{/Shift}'

export const Idle: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const input = canvas.getByRole('textbox', { name: 'Message' })
    const send = canvas.getByRole('button', { name: 'Send' })
    await expect(input).toHaveAttribute('placeholder', 'Ask anything')
    // Nothing to send yet, and whitespace is not a message.
    await expect(send).toBeDisabled()
    await userEvent.type(input, '   ')
    await expect(send).toBeDisabled()
    await userEvent.type(input, 'How long is the Nile?  ')
    await expect(send).toBeEnabled()
    await userEvent.click(send)
    await expect(args.onSend).toHaveBeenCalledOnce()
    await expect(args.onSend).toHaveBeenCalledWith('How long is the Nile?')
    await expect(input).toHaveValue('')
    await expect(input).toHaveFocus()
    await expect(send).toBeDisabled()
  },
}

export const TypingMultiLine: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const input = canvas.getByRole('textbox', { name: 'Message' })
    const oneLine = input.getBoundingClientRect().height
    await userEvent.type(input, `Compare these rivers:${SHIFT_ENTER}- the Nile${SHIFT_ENTER}- the Amazon`)
    // Shift+Enter adds lines; the box grows with them instead of scrolling.
    await expect(args.onSend).not.toHaveBeenCalled()
    await expect(input).toHaveValue('Compare these rivers:\n- the Nile\n- the Amazon')
    await expect(input.getBoundingClientRect().height).toBeGreaterThan(oneLine * 2)
    await expect(input.scrollHeight).toBeLessThanOrEqual(input.clientHeight + 1)
  },
}

export const EnterSendsMultiLine: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const input = canvas.getByRole('textbox', { name: 'Message' })
    const oneLine = input.getBoundingClientRect().height
    await userEvent.type(input, `Compare these rivers:${SHIFT_ENTER}- the Nile${SHIFT_ENTER}- the Amazon`)
    await expect(input.getBoundingClientRect().height).toBeGreaterThan(oneLine * 2)
    // Enter sends the whole text, and the box shrinks back to one line.
    await userEvent.keyboard('{Enter}')
    await expect(args.onSend).toHaveBeenCalledOnce()
    await expect(args.onSend).toHaveBeenCalledWith('Compare these rivers:\n- the Nile\n- the Amazon')
    await expect(input.getBoundingClientRect().height).toBe(oneLine)
  },
}

export const GrowsUpToMaxRows: Story = {
  args: { maxRows: 4, defaultValue: Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n') },
  play: async ({ canvasElement }) => {
    const input = within(canvasElement).getByRole('textbox', { name: 'Message' })
    const lineHeight = parseFloat(getComputedStyle(input).lineHeight)
    // Four rows tall at most; the rest scrolls inside.
    await expect(input.clientHeight).toBeLessThanOrEqual(lineHeight * 4 + 40)
    await expect(input.scrollHeight).toBeGreaterThan(input.clientHeight)
  },
}

export const Streaming: Story = {
  args: { status: 'streaming' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const input = canvas.getByRole('textbox', { name: 'Message' })
    await expect(canvasElement.querySelector('[data-rivulet="composer"]')).toHaveAttribute('data-state', 'streaming')
    await expect(canvas.queryByRole('button', { name: 'Send' })).toBeNull()
    // The next question can be drafted, but Enter does not send it mid-turn.
    await userEvent.type(input, 'And the Yangtze?{Enter}')
    await expect(args.onSend).not.toHaveBeenCalled()
    await expect(input).toHaveValue('And the Yangtze?')
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }))
    await expect(args.onStop).toHaveBeenCalledOnce()
  },
}

export const Disabled: Story = {
  args: { disabled: true, defaultValue: 'Waiting for sign-in' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const input = canvas.getByRole('textbox', { name: 'Message' })
    await expect(canvasElement.querySelector('[data-rivulet="composer"]')).toHaveAttribute('data-disabled', '')
    await expect(input).toBeDisabled()
    await expect(canvas.getByRole('button', { name: 'Send' })).toBeDisabled()
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }))
    await expect(args.onSend).not.toHaveBeenCalled()
  },
}

export const Translated: Story = {
  args: { labels: { message: 'Nachricht', send: 'Senden', stop: 'Stopp' }, placeholder: 'Frag etwas' },
  // Shows a German translation of its own through the `labels` prop: no English, and no pseudo-locale either.
  parameters: { pseudoLocale: false },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('textbox', { name: 'Nachricht' })).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Senden' })).toBeVisible()
  },
}

export const Dark: Story = {
  args: { status: 'streaming', defaultValue: 'Draft of the next question' },
  parameters: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvasElement.querySelector('[data-theme]')).toHaveAttribute('data-theme', 'dark')
    await expect(canvas.getByRole('button', { name: 'Stop' })).toBeVisible()
    await expect(canvas.getByRole('textbox', { name: 'Message' })).toHaveValue('Draft of the next question')
  },
}
