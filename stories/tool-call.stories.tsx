import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { ToolCall } from '../src/components/tool-call/tool-call.ts'
import { ToolCallCard } from '../src/components/tool-call/tool-call-card.tsx'
import type { ToolCallState } from '../src/core/state.ts'
import { scenarios } from '../src/mocks/scenarios.ts'
import { toolCallPart } from './support/tool-call-parts.ts'
import { useScriptedChat } from './support/use-scripted-chat.ts'

const STATES: { state: ToolCallState; label: string }[] = [
  { state: 'input-streaming', label: 'Preparing arguments…' },
  { state: 'input-available', label: 'Running…' },
  { state: 'output-available', label: 'Done' },
  { state: 'output-error', label: 'Failed' },
]

const TOOL_CALL_SCRIPT = scenarios.toolCall

/** Plays the tool-call scenario through the reducer and shows its tool call as it evolves. */
function LiveToolCall() {
  const chat = useScriptedChat({ events: TOOL_CALL_SCRIPT, intervalMs: 150 })
  const part = chat.messages.at(-1)?.parts.find((p) => p.type === 'tool-call')
  return part ? <ToolCallCard part={part} /> : <p>Waiting for the model to call a tool…</p>
}

const meta: Meta<typeof ToolCallCard> = {
  title: 'Components/Tool call',
  component: ToolCallCard,
  args: { part: toolCallPart('input-available'), onOpenChange: fn() },
  // Single cards read best at message width; grids ask for more room with `parameters.maxWidth`.
  decorators: [(Story, { parameters }) => <div style={{ maxWidth: (parameters.maxWidth as number | undefined) ?? 560 }}>{Story()}</div>],
}
export default meta

type Story = StoryObj<typeof ToolCallCard>

const cardOf = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('[data-rivulet="tool-call"]')!
const argsOf = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('[data-rivulet="tool-call-args"]')

export const InputStreaming: Story = {
  args: { part: toolCallPart('input-streaming') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const header = canvas.getByRole('button', { name: 'get_weather' })
    await expect(cardOf(canvasElement)).toHaveAttribute('data-state', 'input-streaming')
    await expect(header).toHaveAccessibleDescription('Preparing arguments…')
    // Open while the arguments grow: they are the only sign of progress.
    await expect(header).toHaveAttribute('aria-expanded', 'true')
    await expect(argsOf(canvasElement)).toHaveAttribute('data-streaming', '')
    await expect(argsOf(canvasElement)?.textContent).toBe('{\n  "city": "Zürich",\n  "unit": "cel"\n}')
    await expect(canvasElement.querySelector('[data-rivulet="tool-call-result"]')).toBeNull()
  },
}

export const InputAvailable: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const header = canvas.getByRole('button', { name: 'get_weather' })
    await expect(cardOf(canvasElement)).toHaveAttribute('data-state', 'input-available')
    await expect(header).toHaveAccessibleDescription('Running…')
    await expect(header).toHaveAttribute('aria-expanded', 'true')
    await expect(argsOf(canvasElement)).not.toHaveAttribute('data-streaming')
    await expect(argsOf(canvasElement)).toHaveTextContent('"days": [')
  },
}

export const OutputAvailable: Story = {
  args: { part: toolCallPart('output-available') },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const header = canvas.getByRole('button', { name: 'get_weather' })
    const content = canvasElement.querySelector<HTMLElement>('[data-rivulet="tool-call-content"]')!
    await expect(header).toHaveAccessibleDescription('Done')
    // A successful call folds away; the answer that follows matters more.
    await expect(header).toHaveAttribute('aria-expanded', 'false')
    await expect(content).not.toBeVisible()
    await userEvent.click(header)
    await expect(header).toHaveAttribute('aria-expanded', 'true')
    await expect(args.onOpenChange).toHaveBeenLastCalledWith(true)
    await expect(content).toBeVisible()
    await expect(canvasElement.querySelector('[data-rivulet="tool-call-result"]')?.textContent).toBe(
      '{\n  "tempC": 21,\n  "sky": "clear",\n  "windKmh": 9\n}',
    )
    await userEvent.click(header)
    await expect(header).toHaveAttribute('aria-expanded', 'false')
    await expect(args.onOpenChange).toHaveBeenLastCalledWith(false)
  },
}

export const OutputError: Story = {
  args: { part: toolCallPart('output-error') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const header = canvas.getByRole('button', { name: 'get_weather' })
    await expect(cardOf(canvasElement)).toHaveAttribute('data-state', 'output-error')
    await expect(header).toHaveAccessibleDescription('Failed')
    // Open on failure: the reader needs the error to decide what to do.
    await expect(header).toHaveAttribute('aria-expanded', 'true')
    await expect(canvas.getByText('Weather API quota exceeded (429). Try again in an hour.')).toBeVisible()
    await expect(canvasElement.querySelector('[data-rivulet="tool-call-result"]')).toHaveAttribute('data-error', '')
    // Inside the message list the log announces failures; the card itself is no alert.
    await expect(canvas.queryByRole('alert')).toBeNull()
  },
}

export const AllStates: Story = {
  render: (args) => (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))', gap: 12, alignItems: 'start' }}>
      {STATES.map(({ state }) => (
        <ToolCallCard key={state} {...args} part={toolCallPart(state)} />
      ))}
    </div>
  ),
  parameters: { maxWidth: 1000 },
  play: async ({ canvasElement }) => {
    const cards = [...canvasElement.querySelectorAll<HTMLElement>('[data-rivulet="tool-call"]')]
    await expect(cards.map((card) => card.dataset.state)).toEqual(STATES.map(({ state }) => state))
    for (const [index, { label }] of STATES.entries()) {
      const header = within(cards[index] as HTMLElement).getByRole('button', { name: 'get_weather' })
      await expect(header).toHaveAccessibleDescription(label)
      await expect(header).toHaveAttribute('aria-expanded', index === 2 ? 'false' : 'true')
    }
  },
}

export const LiveLifecycle: Story = {
  render: () => <LiveToolCall />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const header = await canvas.findByRole('button', { name: 'get_weather' }, { timeout: 5_000 })
    await waitFor(() => expect(cardOf(canvasElement)).toHaveAttribute('data-state', 'input-streaming'), { timeout: 5_000 })
    await expect(header).toHaveAttribute('aria-expanded', 'true')
    // The arguments grow into the full object, then the call runs and succeeds.
    await waitFor(() => expect(argsOf(canvasElement)).toHaveTextContent('"unit": "celsius"'), { timeout: 10_000 })
    await waitFor(() => expect(cardOf(canvasElement)).toHaveAttribute('data-state', 'output-available'), { timeout: 10_000 })
    await expect(header).toHaveAccessibleDescription('Done')
    await expect(header).toHaveAttribute('aria-expanded', 'false')
  },
}

export const CompoundParts: Story = {
  // The header's text is the app's own children of ToolCall.Header.
  parameters: { pseudoLocale: { allow: ['🌤 Weather lookup for Zürich'] } },
  render: (args) => (
    <ToolCall.Root part={toolCallPart('output-available')} defaultOpen={false} onOpenChange={args.onOpenChange}>
      <ToolCall.Header>🌤 Weather lookup for Zürich</ToolCall.Header>
      <ToolCall.Content>
        <ToolCall.Result />
      </ToolCall.Content>
    </ToolCall.Root>
  ),
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const header = canvas.getByRole('button', { name: '🌤 Weather lookup for Zürich' })
    await expect(header).toHaveAccessibleDescription('Done')
    await expect(argsOf(canvasElement)).toBeNull()
    await userEvent.click(header)
    await expect(args.onOpenChange).toHaveBeenCalledOnce()
    await expect(args.onOpenChange).toHaveBeenCalledWith(true)
    await expect(canvasElement.querySelector('[data-rivulet="tool-call-result"]')).toBeVisible()
  },
}

export const Dark: Story = {
  ...AllStates,
  parameters: { ...AllStates.parameters, theme: 'dark' },
}
