import type { Meta, StoryObj } from '@storybook/react-vite'
import { http } from 'msw'
import { expect, within } from 'storybook/test'
import { EventInspector } from './event-inspector.tsx'
import { fixtureNames, fixtureSource, loadFixture } from '../support/fixtures.ts'

/** Streams a recorded fixture body in small chunks, the way a real network would deliver it. */
function streamText(text: string, chunkSize = 97, delayMs = 4): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  let offset = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  return new ReadableStream({
    pull(controller) {
      return new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          controller.enqueue(bytes.slice(offset, offset + chunkSize))
          offset += chunkSize
          if (offset >= bytes.length) controller.close()
          resolve()
        }, delayMs)
      })
    },
    cancel() {
      clearTimeout(timer)
    },
  })
}

interface Args {
  fixture: string
}

const meta: Meta<Args> = {
  title: 'Protocol/Event inspector',
  args: { fixture: 'openai-chat-text' },
  argTypes: { fixture: { control: 'select', options: fixtureNames } },
  beforeEach({ msw, args }) {
    msw.use(
      http.post('/api/inspect', async () => {
        const body = await loadFixture(args.fixture)
        return new Response(streamText(body), { headers: { 'content-type': 'text/event-stream' } })
      }),
    )
  },
  render: () => <EventInspector url="/api/inspect" />,
}
export default meta

type Story = StoryObj<Args>

export const OpenAIChat: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByText(/^Done: \d+ events$/, {}, { timeout: 10_000 })).toBeInTheDocument()
    const items = canvas.getByRole('list', { name: 'Events' }).querySelectorAll('li')
    await expect(items.length).toBe(fixtureSource(args.fixture).summary.sse_events)
  },
}

export const AnthropicToolUse: Story = { ...OpenAIChat, args: { fixture: 'anthropic-tool-use' } }
