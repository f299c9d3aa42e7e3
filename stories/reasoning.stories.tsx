import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { Reasoning } from '../src/components/reasoning/reasoning.tsx'
import type { ReasoningPart } from '../src/core/state.ts'
import { scenarios } from '../src/mocks/scenarios.ts'
import { useScriptedChat } from './support/use-scripted-chat.ts'

const THOUGHT = `The user asks which river is longer.
The Nile is ~6,650 km, the Amazon ~6,400 km by the usual measure, though some surveys disagree.
I should give the usual answer and mention the dispute.`

const part = (overrides: Partial<ReasoningPart> = {}): ReasoningPart => ({ type: 'reasoning', text: THOUGHT, done: true, ...overrides })

const REASONING_SCRIPT = scenarios.reasoning

/** Plays the reasoning scenario: "Thinking…" while reasoning streams, closed by the answer. */
function LiveReasoning() {
  const chat = useScriptedChat({ events: REASONING_SCRIPT, intervalMs: 120 })
  const reasoning = chat.messages.at(-1)?.parts.find((p) => p.type === 'reasoning')
  return reasoning ? <Reasoning part={reasoning} defaultOpen /> : <p>Waiting for the model…</p>
}

const meta: Meta<typeof Reasoning> = {
  title: 'Components/Reasoning',
  component: Reasoning,
  args: { part: part({ startedAt: 0, endedAt: 4_200 }), onOpenChange: fn() },
  decorators: [(Story) => <div style={{ maxWidth: 640 }}>{Story()}</div>],
}
export default meta

type Story = StoryObj<typeof Reasoning>

const rootOf = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('[data-rivulet="reasoning"]')!
const textOf = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('[data-rivulet="reasoning-text"]')!

export const Thinking: Story = {
  args: { part: part({ done: false, text: 'The user asks which river is longer. The Nile is ~6,650 km' }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const header = canvas.getByRole('button', { name: 'Thinking…' })
    await expect(rootOf(canvasElement)).toHaveAttribute('data-state', 'thinking')
    await expect(rootOf(canvasElement)).toHaveAttribute('data-streaming', '')
    await expect(canvas.getByText('Thinking…')).toHaveAttribute('data-animate', '')
    // Collapsed by default: a draft, not the answer.
    await expect(header).toHaveAttribute('aria-expanded', 'false')
    await expect(textOf(canvasElement)).not.toBeVisible()
  },
}

export const ThoughtForSeconds: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const header = canvas.getByRole('button', { name: 'Thought for 4 seconds' })
    await expect(rootOf(canvasElement)).toHaveAttribute('data-state', 'done')
    await expect(rootOf(canvasElement)).not.toHaveAttribute('data-streaming')
    await expect(header).toHaveAttribute('aria-controls', textOf(canvasElement).id)
    await userEvent.click(header)
    await expect(args.onOpenChange).toHaveBeenCalledOnce()
    await expect(args.onOpenChange).toHaveBeenCalledWith(true)
    await expect(header).toHaveAttribute('aria-expanded', 'true')
    await expect(textOf(canvasElement)).toBeVisible()
    await expect(textOf(canvasElement).textContent).toBe(THOUGHT)
  },
}

export const Open: Story = {
  args: { defaultOpen: true, part: part({ startedAt: 0, endedAt: 83_000 }) },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const header = canvas.getByRole('button', { name: 'Thought for 1 minute 23 seconds' })
    await expect(header).toHaveAttribute('aria-expanded', 'true')
    await expect(rootOf(canvasElement)).toHaveAttribute('data-open', '')
    // Line breaks of the draft survive.
    await expect(getComputedStyle(textOf(canvasElement)).whiteSpace).toBe('pre-wrap')
    await expect(textOf(canvasElement).getBoundingClientRect().height).toBeGreaterThan(
      3 * parseFloat(getComputedStyle(textOf(canvasElement)).fontSize),
    )
    await userEvent.keyboard('{Tab}')
    await expect(header).toHaveFocus()
    // Enter folds it and opens it again (the story ends open, as its name says).
    await userEvent.keyboard('{Enter}')
    await expect(args.onOpenChange).toHaveBeenLastCalledWith(false)
    await expect(textOf(canvasElement)).not.toBeVisible()
    await userEvent.keyboard('{Enter}')
    await expect(args.onOpenChange).toHaveBeenLastCalledWith(true)
    await expect(args.onOpenChange).toHaveBeenCalledTimes(2)
    await expect(textOf(canvasElement)).toBeVisible()
  },
}

export const UnknownDuration: Story = {
  args: { part: part() },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Thought for a few seconds' })).toBeVisible()
  },
}

export const Live: Story = {
  render: () => <LiveReasoning />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByRole('button', { name: 'Thinking…' }, { timeout: 5_000 })).toHaveAttribute('aria-expanded', 'true')
    // The answer's first token closes the reasoning and the header reports how long it took.
    await waitFor(() => expect(rootOf(canvasElement)).toHaveAttribute('data-state', 'done'), { timeout: 10_000 })
    await expect(canvas.getByRole('button', { name: /^Thought for \d+ seconds?$/ })).toBeVisible()
    await expect(textOf(canvasElement)).toHaveTextContent('mention the dispute.')
  },
}

export const Dark: Story = {
  ...Open,
  parameters: { theme: 'dark' },
}
