import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { FilePart } from '../../core/state.ts'

// Each test imports the composer into a fresh module graph, so the attachment chunk has not
// loaded yet when the first file arrives, as on a page the user pastes into right away.
afterEach(() => {
  cleanup()
  vi.doUnmock('./attachment-kit.ts')
  vi.resetModules()
})

const png = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'cat.png', { type: 'image/png' })

async function freshComposer() {
  vi.resetModules()
  const { Composer } = await import('../composer/composer.tsx')
  const { loadedAttachmentKit } = await import('./load-attachment-kit.ts')
  const onSend = vi.fn<(text: string, files?: FilePart[]) => void>()
  const view = render(<Composer onSend={onSend} onStop={() => {}} attachments />)
  const box = screen.getByRole('textbox', { name: 'Message' })
  const items = () => view.container.querySelectorAll('[data-rivulet="attachment"]')
  return { ...view, onSend, box, items, loadedAttachmentKit }
}

describe('the composer before its attachment chunk has loaded', () => {
  it('holds a file pasted at once and shows it when the chunk arrives; nothing is sent meanwhile', async () => {
    const { box, items, onSend, loadedAttachmentKit } = await freshComposer()
    expect(loadedAttachmentKit()).toBeUndefined()
    fireEvent.paste(box, { clipboardData: { files: [png()], types: ['Files'] } })
    fireEvent.change(box, { target: { value: 'And this?' } })
    fireEvent.keyDown(box, { key: 'Enter' })
    expect(onSend).not.toHaveBeenCalled()
    await waitFor(() => expect(items()[0]).toHaveAttribute('data-state', 'ready'))
    fireEvent.keyDown(box, { key: 'Enter' })
    expect(onSend).toHaveBeenCalledExactlyOnceWith('And this?', [expect.objectContaining({ type: 'file', name: 'cat.png', mediaType: 'image/png' })])
  })

  it('checks held files against the limits when the chunk arrives: the allowed one is previewed, the too-large one refused by name', async () => {
    const { box, items, onSend, loadedAttachmentKit } = await freshComposer()
    expect(loadedAttachmentKit()).toBeUndefined()
    const huge = new File([], 'huge.png', { type: 'image/png' })
    Object.defineProperty(huge, 'size', { value: 50 * 1024 * 1024 })
    fireEvent.paste(box, { clipboardData: { files: [huge, png()], types: ['Files'] } })
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('huge.png is larger than'))
    await waitFor(() => expect(items()[0]).toHaveAttribute('data-state', 'ready'))
    expect(items()).toHaveLength(1)
    fireEvent.keyDown(box, { key: 'Enter' })
    expect(onSend).toHaveBeenCalledExactlyOnceWith('', [expect.objectContaining({ name: 'cat.png' })])
  })

  it('reports the held files as failed when the chunk cannot load, and keeps the text', async () => {
    vi.doMock('./attachment-kit.ts', () => {
      throw new Error('chunk gone')
    })
    const { box, items, onSend } = await freshComposer()
    fireEvent.paste(box, { clipboardData: { files: [png()], types: ['Files'] } })
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('cat.png could not be uploaded'))
    expect(items()).toHaveLength(0)
    fireEvent.change(box, { target: { value: 'Text only then' } })
    fireEvent.keyDown(box, { key: 'Enter' })
    expect(onSend).toHaveBeenCalledExactlyOnceWith('Text only then')
  })
})
