import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Chat } from '../chat/chat.tsx'
import { createChatClient } from '../../core/chat-client.ts'
import { syncScheduler } from '../../core/frame-scheduler.ts'
import type { FilePart } from '../../core/state.ts'
import { createMemoryTransport } from '../../core/transports/memory-transport.ts'
import type { SendRequest } from '../../core/transports/transport.ts'
import { Message } from '../message/message.tsx'
import { FilePartView } from './file-part-view.tsx'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const PNG = 'data:image/png;base64,iVBORw0KGgo='
const file = (mediaType: string, url: string, extra: Partial<FilePart> = {}): FilePart => ({ type: 'file', mediaType, url, ...extra })

describe('FilePartView', () => {
  it('shows raster data: images inline, named by the file', () => {
    for (const type of ['png', 'jpeg', 'gif', 'webp']) {
      const { container, unmount } = render(<FilePartView part={file(`image/${type}`, `data:image/${type};base64,AAAA`, { name: `a.${type}` })} />)
      const img = container.querySelector('img')!
      expect(img).toHaveAttribute('src', `data:image/${type};base64,AAAA`)
      expect(img).toHaveAttribute('alt', `a.${type}`)
      expect(img).toHaveAttribute('referrerpolicy', 'no-referrer')
      unmount()
    }
  })

  it('never renders SVG or HTML, whatever the part claims', () => {
    const hostile = [
      file('image/svg+xml', 'data:image/svg+xml,<svg onload="alert(1)"/>', { name: 'logo.svg' }),
      file('image/png', 'data:image/svg+xml;base64,PHN2Zz4=', { name: 'fake.png' }),
      file('text/html', 'data:text/html,<script>alert(1)</script>', { name: 'page.html' }),
      file('image/png', 'data:text/html;base64,PHNjcmlwdD4=', { name: 'x.png' }),
      file('application/pdf', 'javascript:alert(1)', { name: 'x.pdf' }),
      file('image/svg+xml', 'https://images.example.com/logo.svg', { name: 'remote.svg' }),
    ]
    for (const part of hostile) {
      const { container, unmount } = render(<FilePartView part={part} allowedImageOrigins={['https://images.example.com']} />)
      expect(container.querySelector('img, a, iframe, object, embed, svg:not([data-rivulet="file-icon"])'), part.url).toBeNull()
      expect(container.querySelector('[data-rivulet="file"]')).toHaveAttribute('data-kind', 'placeholder')
      expect(container).toHaveTextContent(`${part.name} cannot be shown`)
      unmount()
    }
  })

  it('loads remote images only from allowed origins; others are placeholders naming the host', () => {
    const part = file('image/jpeg', 'https://tracker.example/p.jpg?u=secret', { name: 'p.jpg' })
    const { container, rerender } = render(<FilePartView part={part} allowedImageOrigins={['https://images.example.com']} />)
    expect(container.querySelector('img')).toBeNull()
    expect(container).toHaveTextContent('Image blocked: tracker.example')
    rerender(<FilePartView part={{ ...part, url: 'https://images.example.com/p.jpg' }} allowedImageOrigins={['https://images.example.com']} />)
    expect(container.querySelector('img')).toHaveAttribute('src', 'https://images.example.com/p.jpg')
  })

  it('offers other files as download chips: remote ones as links, data: ones saved as bytes on click', async () => {
    const user = userEvent.setup()
    render(
      <>
        <FilePartView part={file('application/pdf', 'https://files.example.com/u/report.pdf', { size: 1_572_864 })} />
        <FilePartView part={file('text/csv', 'data:text/csv;base64,YSxi', { name: 'data.csv', size: 3 })} />
      </>,
    )
    const link = screen.getByRole('link', { name: 'Download report.pdf' })
    expect(link).toHaveAttribute('href', 'https://files.example.com/u/report.pdf')
    expect(link).toHaveAttribute('download', 'report.pdf')
    expect(link).toHaveAttribute('rel', 'noopener noreferrer')
    expect(link.parentElement).toHaveTextContent('1.5 MB')
    const created: Blob[] = []
    URL.createObjectURL = vi.fn((blob: Blob) => (created.push(blob), 'blob:test/1'))
    URL.revokeObjectURL = vi.fn()
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    await user.click(screen.getByRole('button', { name: 'Download data.csv' }))
    expect(click).toHaveBeenCalledOnce()
    expect(created[0]!.type).toBe('application/octet-stream')
    expect(await created[0]!.text()).toBe('a,b')
  })

  it('enlarges an image in a lazily loaded viewer and closes it again', async () => {
    const user = userEvent.setup()
    render(<FilePartView part={file('image/png', PNG, { name: 'chart.png' })} />)
    const open = screen.getByRole('button', { name: 'Enlarge chart.png' })
    await user.click(open)
    const dialog = await screen.findByRole('dialog', { name: 'chart.png' })
    expect(dialog.querySelector('img')).toHaveAttribute('src', PNG)
    await user.click(screen.getByRole('button', { name: 'Close' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  })

  it('renders on user and assistant messages in their place among the parts', () => {
    const { container } = render(
      <>
        <Message message={{ id: 'u', role: 'user', parts: [{ type: 'text', text: 'What is this?' }, file('image/png', PNG, { name: 'cat.png' })] }} />
        <Message message={{ id: 'a', role: 'assistant', parts: [{ type: 'text', text: 'Here is a chart:' }, file('image/webp', 'data:image/webp;base64,UklGR', { name: 'chart.webp' })] }} />
      </>,
    )
    expect([...container.querySelectorAll('[data-rivulet="message"] img')].map((img) => img.getAttribute('alt'))).toEqual(['cat.png', 'chart.webp'])
  })
})

describe('FilePartView, a generated image', () => {
  it('shows a partial preview as generating, not enlargeable, then the final image in the same place', () => {
    const { container, rerender } = render(<FilePartView part={file('image/png', PNG, { id: 'ig_1', state: 'generating', name: 'image.png' })} />)
    const root = container.querySelector('[data-rivulet="file"]')!
    expect(root).toHaveAttribute('data-state', 'generating')
    expect(root).toHaveAttribute('aria-busy', 'true')
    expect(screen.getByRole('status')).toHaveTextContent('Generating image…')
    expect(container.querySelector('img')).toHaveAttribute('src', PNG)
    expect(screen.queryByRole('button', { name: 'Enlarge image.png' })).toBeNull()

    const final = 'data:image/png;base64,RklOQUw='
    rerender(<FilePartView part={file('image/png', final, { id: 'ig_1', name: 'image.png' })} />)
    expect(container.querySelector('[data-rivulet="file"]')).not.toHaveAttribute('data-state')
    expect(screen.queryByRole('status')).toBeNull()
    expect(container.querySelector('img')).toHaveAttribute('src', final)
    expect(screen.getByRole('button', { name: 'Enlarge image.png' })).toBeVisible()
  })

  it('never shows an unsafe partial: an SVG preview is a placeholder like any SVG', () => {
    const { container } = render(<FilePartView part={file('image/svg+xml', 'data:image/svg+xml,<svg onload="alert(1)"/>', { id: 'ig_1', state: 'generating', name: 'x.svg' })} />)
    expect(container.querySelector('img')).toBeNull()
    expect(container.querySelector('[data-kind="placeholder"]')).not.toBeNull()
  })
})

describe('Chat with attachments', () => {
  it('sends a picked file with the prompt and shows it on the user message', async () => {
    const requests: SendRequest[] = []
    const transport = createMemoryTransport({
      respond: (request) => {
        requests.push(request)
        return [{ type: 'start', seq: 0, streamId: 's' }, { type: 'token', seq: 1, content: 'A cat.' }, { type: 'done', seq: 2 }]
      },
    })
    const chat = createChatClient({ transport, scheduler: syncScheduler })
    const user = userEvent.setup()
    const { container } = render(<Chat chat={chat} attachments />)
    const input = container.querySelector<HTMLInputElement>('[data-rivulet="composer-file-input"]')!
    await user.upload(input, new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'cat.png', { type: 'image/png' }))
    await waitFor(() => expect(container.querySelector('[data-rivulet="attachment"]')).toHaveAttribute('data-state', 'ready'))
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'What is this?{Enter}')
    await waitFor(() => expect(container).toHaveTextContent('A cat.'))
    const userMessage = container.querySelector('[data-rivulet="message"][data-role="user"]')!
    expect(userMessage.querySelector('img')).toHaveAttribute('src', 'data:image/png;base64,iVBORw==')
    expect(requests).toHaveLength(1)
    expect(requests[0]!.messages[0]!.parts).toEqual([
      { type: 'text', text: 'What is this?' },
      { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,iVBORw==', name: 'cat.png', size: 4 },
    ])
    await act(async () => chat.destroy())
  })
})
