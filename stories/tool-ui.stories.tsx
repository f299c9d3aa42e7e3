import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { Chat } from '../src/components/chat/chat.tsx'
import { Message } from '../src/components/message/message.tsx'
import type { ChatMessage, ToolCallState } from '../src/core/state.ts'
import { stallAt } from '../src/mocks/faults.ts'
import { mockChatStream } from '../src/mocks/mock-chat-stream.ts'
import { createScript } from '../src/mocks/script.ts'
import { brokenForecast, confirmBooking, plotSeries, SERIES_ARGS } from './support/parts-demo.tsx'

/**
 * Generative UI: tools rendered by the app's own components (`tools={{ name: { render } }}`),
 * fed the partial arguments while they stream, answered from inside the component, and kept
 * inside an error boundary when they throw.
 */
const meta: Meta = {
  title: 'Components/Tool renderers',
  decorators: [(Story, { parameters }) => <div style={{ maxWidth: (parameters.maxWidth as number | undefined) ?? 720 }}>{Story()}</div>],
}
export default meta
type Story = StoryObj

const tools = { plot_series: plotSeries, confirm_booking: confirmBooking, forecast: brokenForecast }

const chartScript = () =>
  createScript({ streamId: 'chart' })
    .text('Here is how the Rhine runs through the year:\n\n')
    .toolCall({ id: 'call_chart', name: 'plot_series', args: SERIES_ARGS, result: { peak: 'Jun' }, chunk: 5 })
    .text('\n\nThe river peaks in early summer, when the Alpine snow melts.')
    .done()

/** `<Chat>` over an MSW stream (real fetch, real SSE) with the demo tools registered. */
function ChartChat({ width }: { width?: number }) {
  return (
    <div style={{ height: 560, display: 'flex', width }}>
      <Chat style={{ flex: 1, minWidth: 0 }} api="/api/tool-ui" tools={tools} emptyState="Ask for a chart of the Rhine." />
    </div>
  )
}

const chartOf = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('[data-demo="series-chart"]')
const settled = (canvasElement: HTMLElement) =>
  waitFor(() => expect(canvasElement.querySelector('[data-rivulet="chat"]')).toHaveAttribute('data-state', 'ready'), { timeout: 30_000 })

/** The chart draws bar by bar while its arguments stream, then settles with the tool's result. */
export const ChartWhileArgumentsStream: Story = {
  beforeEach({ msw }) {
    // The stream holds for 4 s after the second point's arguments (event 40), so the play sees the
    // chart mid-stream even when the lazily loaded chart lands late on a busy machine.
    const midArguments = stallAt({ event: 40, ms: 4_000 })
    msw.use(...mockChatStream({ url: '/api/tool-ui', script: chartScript, ttft: 200, tokensPerSecond: 40, jitter: 0.2, faults: [midArguments] }).handlers)
  },
  render: () => <ChartChat />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Chart the Rhine{Enter}')
    // Caught mid-stream: the tool's own component is up with some bars, not the generic card.
    await waitFor(
      () => {
        const part = canvasElement.querySelector('[data-rivulet="tool-ui"]')
        expect(part).toHaveAttribute('data-state', 'input-streaming')
        expect(Number(chartOf(canvasElement)?.dataset.points)).toBeGreaterThan(0)
      },
      { timeout: 20_000 },
    )
    await expect(canvasElement.querySelector('[data-rivulet="tool-call"]')).toBeNull()
    await settled(canvasElement)
    await expect(chartOf(canvasElement)).toHaveAttribute('data-points', '12')
    await expect(canvas.getByRole('img', { name: 'Rhine discharge at Basel: 12 months' })).toBeVisible()
    await expect(canvas.getByText(/peak in Jun/)).toBeVisible()
  },
}

export const ChartDark: Story = { ...ChartWhileArgumentsStream, parameters: { theme: 'dark' } }

export const ChartPhone: Story = {
  ...ChartWhileArgumentsStream,
  render: () => <ChartChat width={375} />,
  play: async (context) => {
    await ChartWhileArgumentsStream.play!(context)
    const viewport = context.canvasElement.querySelector('[data-rivulet="message-list-viewport"]')!
    await expect(viewport.scrollWidth).toBeLessThanOrEqual(viewport.clientWidth + 1)
  },
}

const bookingScript = (request: Request) =>
  request.clone().json().then((body: { messages: ChatMessage[] }) =>
    body.messages.some((m) => m.parts.some((p) => p.type === 'tool-call' && p.state === 'output-available'))
      ? createScript({ streamId: 'booked' }).text('Done — see you at 19:30.').done()
      : createScript({ streamId: 'ask' })
          .toolCall({ id: 'call_book', name: 'confirm_booking', args: { place: 'Rheinfelder Bierhalle', time: '19:30' } })
          .done({ finishReason: 'tool-calls' }),
  )

/** An interactive tool: the component answers its own call (`addToolResult`) and the turn goes on. */
export const InteractiveTool: Story = {
  beforeEach({ msw }) {
    msw.use(...mockChatStream({ url: '/api/tool-ui', script: bookingScript, ttft: 100, tokensPerSecond: 80 }).handlers)
  },
  render: () => <ChartChat />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Book dinner{Enter}')
    const book = await canvas.findByRole('button', { name: 'Book it' }, { timeout: 20_000 })
    await waitFor(() => expect(book).toBeEnabled(), { timeout: 20_000 })
    await userEvent.click(book)
    await waitFor(() => expect(canvas.getByText('Done — see you at 19:30.')).toBeVisible(), { timeout: 20_000 })
    await expect(canvas.getByText('Booked Rheinfelder Bierhalle at 19:30.')).toBeVisible()
  },
}

const chartPart = (state: ToolCallState, argsText: string) => ({
  type: 'tool-call' as const,
  id: `chart_${state}`,
  name: 'plot_series',
  state,
  argsText,
  args: JSON.parse(argsText) as unknown,
  ...(state === 'output-available' && { result: { peak: 'Jun' } }),
  ...(state === 'output-error' && { errorText: 'The plotting service timed out.' }),
})
const half = JSON.stringify({ ...SERIES_ARGS, points: SERIES_ARGS.points.slice(0, 5) })
const full = JSON.stringify(SERIES_ARGS)

/** One registered renderer in each state of its call, side by side. */
export const EveryState: Story = {
  parameters: { maxWidth: 1100 },
  render: () => (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))', gap: 12, alignItems: 'start' }}>
      {(['input-streaming', 'input-available', 'output-available', 'output-error'] as const).map((state) => (
        <section key={state} aria-label={state}>
          <Message
            message={{ id: state, role: 'assistant', parts: [{ type: 'text', text: `\`${state}\`` }, chartPart(state, state === 'input-streaming' ? half : full)] }}
            streaming={state === 'input-streaming'}
            tools={tools}
          />
        </section>
      ))}
    </div>
  ),
  play: async ({ canvasElement }) => {
    const parts = [...canvasElement.querySelectorAll<HTMLElement>('[data-rivulet="tool-ui"]')]
    await expect(parts.map((part) => part.dataset.state)).toEqual(['input-streaming', 'input-available', 'output-available', 'output-error'])
    await expect(chartOf(parts[0]!)).toHaveAttribute('data-points', '5')
    await expect(within(parts[0]!).getByText(/drawing… 5 points so far/)).toBeVisible()
    await expect(within(parts[2]!).getByText(/peak in Jun/)).toBeVisible()
  },
}

export const EveryStateDark: Story = { ...EveryState, parameters: { ...EveryState.parameters, theme: 'dark' } }

/** A renderer that throws stays inside its part: the notice says so, the answer around it renders. */
export const RendererFails: Story = {
  render: () => (
    <Message
      message={{
        id: 'broken',
        role: 'assistant',
        parts: [
          { type: 'text', text: 'Checking the forecast for Basel.' },
          { type: 'tool-call', id: 'call_broken', name: 'forecast', state: 'output-available', argsText: '{"city":"Basel"}', args: { city: 'Basel' }, result: {} },
          { type: 'text', text: 'Whatever the card says, bring an umbrella.' },
        ],
      }}
      tools={tools}
    />
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvasElement.querySelector('[data-rivulet="part-error"]')).toHaveTextContent('forecast could not be shown')
    await expect(canvas.getByText('Whatever the card says, bring an umbrella.')).toBeVisible()
  },
}

export const RendererFailsDark: Story = { ...RendererFails, parameters: { theme: 'dark' } }
