import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { Chat } from '../src/components/chat/chat.tsx'
import { Message } from '../src/components/message/message.tsx'
import { mockChatStream } from '../src/mocks/mock-chat-stream.ts'
import { createScript } from '../src/mocks/script.ts'
import type { ChatMessage } from '../src/core/state.ts'
import { CHART_PNG, RIVER_PNG, fileFromDataUrl } from './support/sample-files.ts'

/*
 * File parts on messages: the user's attachments above their prompt, and files the assistant
 * made. Raster images show (data: URLs, or allowed origins), other files are download chips,
 * and anything unsafe — SVG, HTML, an image from an origin not allowed — is a placeholder that
 * requests nothing.
 */
const ALLOWED = 'https://images.rivulet.test'

const thread: ChatMessage[] = [
  {
    id: 'u1',
    role: 'user',
    parts: [
      { type: 'text', text: 'Here is the river this morning and last year’s report. Is it higher than usual?' },
      { type: 'file', mediaType: 'image/png', url: RIVER_PNG, name: 'rhine-at-basel.png', size: 1458 },
      { type: 'file', mediaType: 'application/pdf', url: 'data:application/pdf;base64,JVBERi0xLjQK', name: 'hydrology-report-2025.pdf', size: 2_411_724 },
    ],
  },
  {
    id: 'a1',
    role: 'assistant',
    parts: [
      { type: 'text', text: 'It is about **18 % above** the June average. I plotted the monthly discharge:' },
      { type: 'file', mediaType: 'image/png', url: CHART_PNG, name: 'discharge-2025.png', size: 614 },
      { type: 'text', text: 'The raw figures, and two files I could not show you safely:' },
      { type: 'file', mediaType: 'text/csv', url: 'https://files.rivulet.test/exports/discharge-2025.csv', name: 'discharge-2025.csv', size: 18_432 },
      { type: 'file', mediaType: 'image/png', url: 'https://tracker.example/pixel.png?session=secret', name: 'pixel.png' },
      { type: 'file', mediaType: 'image/svg+xml', url: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', name: 'map.svg' },
    ],
  },
]

function FileThread({ width }: { width?: number }) {
  return (
    <div data-rivulet="chat" style={{ width, margin: '0 auto' }}>
      <div data-rivulet="message-list" style={{ display: 'flex', flexDirection: 'column', gap: 16, padding: 16 }}>
        {thread.map((message) => (
          <Message key={message.id} message={message} allowedImageOrigins={[ALLOWED]} />
        ))}
      </div>
    </div>
  )
}

const meta: Meta<typeof FileThread> = {
  title: 'Components/Message/File parts',
  component: FileThread,
}
export default meta

type Story = StoryObj<typeof FileThread>

export const OnMessages: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('button', { name: 'Enlarge rhine-at-basel.png' })).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Enlarge discharge-2025.png' })).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Download hydrology-report-2025.pdf' }).parentElement).toHaveTextContent('2.3 MB')
    await expect(canvas.getByRole('link', { name: 'Download discharge-2025.csv' })).toHaveAttribute('href', 'https://files.rivulet.test/exports/discharge-2025.csv')
    await expect(canvas.getByText('Image blocked: tracker.example')).toBeVisible()
    await expect(canvas.getByText('map.svg cannot be shown')).toBeVisible()
    // Only the two raster data: images are <img> elements; nothing points at the tracker.
    const sources = [...canvasElement.querySelectorAll('img')].map((img) => img.src.slice(0, 22))
    await expect(sources).toEqual(['data:image/png;base64,', 'data:image/png;base64,'])
  },
}

export const OnMessagesDark: Story = { ...OnMessages, parameters: { theme: 'dark' } }

export const OnMessagesPhone: Story = {
  render: () => <FileThread width={375} />,
  play: async (context) => {
    await OnMessages.play!(context)
    const list = context.canvasElement.querySelector('[data-rivulet="message-list"]')!
    await expect(list.scrollWidth).toBeLessThanOrEqual(list.clientWidth + 1)
  },
}

/** A click enlarges an image in a modal viewer (loaded on first use); Close or Escape returns. */
export const ImageViewer: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement.ownerDocument.body)
    const thumbnail = canvas.getByRole('button', { name: 'Enlarge discharge-2025.png' })
    await userEvent.click(thumbnail)
    const dialog = await canvas.findByRole('dialog', { name: 'discharge-2025.png' })
    await expect(dialog).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Close' })).toBeVisible()
  },
}

export const ImageViewerClosed: Story = {
  play: async (context) => {
    await ImageViewer.play!(context)
    const canvas = within(context.canvasElement.ownerDocument.body)
    await userEvent.keyboard('{Escape}')
    await expect(canvas.queryByRole('dialog')).toBeNull()
    await expect(canvas.getByRole('button', { name: 'Enlarge discharge-2025.png' })).toHaveFocus()
  },
}

/** The whole loop over MSW: attach a photo, ask, the image travels in the request body and shows on the prompt. */
export const SendWithChat: Story = {
  beforeEach({ msw }) {
    const script = (request: Request) =>
      request.clone().json().then((body: { messages: ChatMessage[] }) => {
        const files = body.messages.at(-1)?.parts.filter((part) => part.type === 'file') ?? []
        const names = files.map((part) => (part.type === 'file' ? `${part.name} (${part.mediaType})` : '')).join(', ')
        return createScript({ streamId: 'files' }).text(`I received ${files.length} file${files.length === 1 ? '' : 's'}: ${names}. It looks like a river at normal height.`).done()
      })
    msw.use(...mockChatStream({ url: '/api/files', script, ttft: 100, tokensPerSecond: 120 }).handlers)
  },
  render: () => (
    <div style={{ height: 560, display: 'flex' }}>
      <Chat style={{ flex: 1, minWidth: 0 }} api="/api/files" attachments emptyState="Attach a photo and ask about it." />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.upload(canvasElement.querySelector<HTMLInputElement>('[data-rivulet="composer-file-input"]')!, fileFromDataUrl(RIVER_PNG, 'rhine-at-basel.png'))
    await waitFor(() => expect(canvasElement.querySelector('[data-rivulet="attachment"]')).toHaveAttribute('data-state', 'ready'))
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Is the river high today?{Enter}')
    await expect(await canvas.findByText(/I received 1 file: rhine-at-basel.png \(image\/png\)/, {}, { timeout: 20_000 })).toBeVisible()
    await waitFor(() => expect(canvasElement.querySelector('[data-rivulet="chat"]')).toHaveAttribute('data-state', 'ready'), { timeout: 20_000 })
    const prompt = canvasElement.querySelector('[data-rivulet="message"][data-role="user"]')!
    await expect(prompt.querySelector('img')).toHaveAttribute('alt', 'rhine-at-basel.png')
    await expect(canvasElement.querySelector('[data-rivulet="attachment"]')).toBeNull()
  },
}

/** An image the assistant is still generating (a partial preview, dimmed, not enlargeable) beside the finished one. */
export const GeneratedImage: Story = {
  render: () => (
    <div data-rivulet="message-list" style={{ display: 'flex', flexDirection: 'column', gap: 16, padding: 16 }}>
      <Message
        message={{ id: 'gen', role: 'assistant', parts: [{ type: 'text', text: 'Drawing the river…' }, { type: 'file', mediaType: 'image/png', url: RIVER_PNG, id: 'ig_1', state: 'generating', name: 'river.png' }] }}
      />
      <Message message={{ id: 'done', role: 'assistant', parts: [{ type: 'text', text: 'Here it is:' }, { type: 'file', mediaType: 'image/png', url: RIVER_PNG, id: 'ig_2', name: 'river.png' }] }} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('status')).toHaveTextContent('Generating image…')
    await expect(canvasElement.querySelector('[data-state="generating"]')).toHaveAttribute('aria-busy', 'true')
    await expect(canvas.getAllByRole('button', { name: 'Enlarge river.png' })).toHaveLength(1)
  },
}
