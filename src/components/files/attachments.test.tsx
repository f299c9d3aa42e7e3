import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { FilePart } from '../../core/state.ts'
import { Composer } from '../composer/composer.tsx'
import type { UploadFile } from './attachment-store.ts'
import type { AttachmentOptions } from './use-attachments.ts'
import { loadAttachmentKit } from './load-attachment-kit.ts'

// The composer's attachment machinery is a chunk of its own; here it has loaded, as on a page
// where the composer has been up for a moment (attachment-kit-loading.test.tsx covers the wait).
beforeAll(() => loadAttachmentKit())

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const png = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'cat.png', { type: 'image/png' })
const pdf = () => new File(['%PDF-1.4'], 'report.pdf', { type: 'application/pdf' })
/** A file the browser reports as `size` bytes without holding them (what a 50 MB paste looks like before reading). */
const huge = (size: number) => {
  const file = new File(['x'], 'huge.mov', { type: 'video/quicktime' })
  Object.defineProperty(file, 'size', { value: size })
  return file
}

function setup(attachments: boolean | AttachmentOptions = true) {
  const onSend = vi.fn<(text: string, files?: FilePart[]) => void>()
  const user = userEvent.setup()
  const view = render(<Composer onSend={onSend} onStop={() => {}} attachments={attachments} />)
  const box = screen.getByRole('textbox', { name: 'Message' })
  const input = view.container.querySelector<HTMLInputElement>('[data-rivulet="composer-file-input"]')!
  const send = () => screen.getByRole('button', { name: 'Send' })
  const items = () => view.container.querySelectorAll('[data-rivulet="attachment"]')
  return { ...view, onSend, user, box, input, send, items }
}

describe('Composer attachments', () => {
  it('has no attach button unless asked', () => {
    render(<Composer onSend={() => {}} onStop={() => {}} />)
    expect(screen.queryByRole('button', { name: 'Attach files' })).toBeNull()
  })

  it('picks files with the Attach button, previews them, and sends them as data URLs with the text', async () => {
    const { user, input, box, onSend, send, items } = setup()
    const click = vi.spyOn(input, 'click')
    await user.click(screen.getByRole('button', { name: 'Attach files' }))
    expect(click).toHaveBeenCalledOnce()
    await user.upload(input, [png(), pdf()])
    expect(within(screen.getByRole('list', { name: 'Attachments' })).getAllByRole('listitem')).toHaveLength(2)
    await waitFor(() => expect([...items()].map((item) => item.getAttribute('data-state'))).toEqual(['ready', 'ready']))
    expect(screen.getByText('report.pdf')).toBeInTheDocument()
    await user.type(box, 'What are these?{Enter}')
    expect(onSend).toHaveBeenCalledExactlyOnceWith('What are these?', [
      { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,iVBORw==', name: 'cat.png', size: 4 },
      { type: 'file', mediaType: 'application/pdf', url: 'data:application/pdf;base64,JVBERi0xLjQ=', name: 'report.pdf', size: 8 },
    ])
    expect(items()).toHaveLength(0)
    expect(send()).toBeDisabled()
  })

  it('sends files without text, and removes a file before sending', async () => {
    const { user, input, onSend, items } = setup()
    await user.upload(input, [png(), pdf()])
    await user.click(screen.getByRole('button', { name: 'Remove cat.png' }))
    expect(items()).toHaveLength(1)
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveFocus()
    await waitFor(() => expect(items()[0]).toHaveAttribute('data-state', 'ready'))
    await user.click(screen.getByRole('button', { name: 'Send' }))
    expect(onSend).toHaveBeenCalledExactlyOnceWith('', [expect.objectContaining({ name: 'report.pdf' })])
  })

  it('takes pasted files, keeping the paste as text only when it also carries text', async () => {
    const { box, items } = setup()
    const imageOnly = fireEvent.paste(box, { clipboardData: { files: [png()], types: ['Files'] } })
    expect(imageOnly).toBe(false) // default prevented: no stray text
    expect(items()).toHaveLength(1)
    const withText = fireEvent.paste(box, { clipboardData: { files: [pdf()], types: ['Files', 'text/plain'] } })
    expect(withText).toBe(true)
    expect(items()).toHaveLength(2)
    // A plain text paste is left alone.
    expect(fireEvent.paste(box, { clipboardData: { files: [], types: ['text/plain'] } })).toBe(true)
    await waitFor(() => expect(items()[1]).toHaveAttribute('data-state', 'ready'))
  })

  it('takes dropped files and shows the drop hint while files are over it', () => {
    const { container, items } = setup()
    const form = container.querySelector('form')!
    const dataTransfer = { files: [png()], types: ['Files'], dropEffect: 'none' }
    fireEvent.dragEnter(form, { dataTransfer })
    expect(form).toHaveAttribute('data-dragging')
    expect(screen.getByText('Drop files to attach')).toBeInTheDocument()
    expect(fireEvent.dragOver(form, { dataTransfer })).toBe(false) // the browser must not open the file
    fireEvent.drop(form, { dataTransfer })
    expect(form).not.toHaveAttribute('data-dragging')
    expect(items()).toHaveLength(1)
    // Dragging text (not files) is none of the composer's business.
    fireEvent.dragEnter(form, { dataTransfer: { files: [], types: ['text/plain'] } })
    expect(form).not.toHaveAttribute('data-dragging')
  })

  it('refuses a 50 MB paste by its size before reading a byte, with a clear message', () => {
    const read = vi.spyOn(FileReader.prototype, 'readAsDataURL')
    const { box, items } = setup()
    fireEvent.paste(box, { clipboardData: { files: [huge(50 * 1024 * 1024)], types: ['Files'] } })
    expect(screen.getByRole('alert')).toHaveTextContent('huge.mov is larger than 10 MB')
    expect(items()).toHaveLength(0)
    expect(read).not.toHaveBeenCalled()
  })

  it('applies accept, maxFiles and maxFileSize, naming every refused file', async () => {
    const { user, input, items } = setup({ accept: 'image/*,.pdf', maxFiles: 2, maxFileSize: 1024 })
    expect(input).toHaveAttribute('accept', 'image/*,.pdf')
    const big = new File([new Uint8Array(2048)], 'big.png', { type: 'image/png' })
    const text = new File(['hi'], 'notes.txt', { type: 'text/plain' })
    // user-event honours `accept` itself; a drop does not, so the check must be the composer's.
    fireEvent.drop(input.form!, { dataTransfer: { files: [png(), text, big, pdf(), png()], types: ['Files'] } })
    const alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent('notes.txt: this file type is not allowed')
    expect(alert).toHaveTextContent('big.png is larger than 1 kB')
    expect(alert).toHaveTextContent('At most 2 attachments')
    expect(items()).toHaveLength(2)
    // Removing one clears the message.
    await user.click(screen.getAllByRole('button', { name: /^Remove / })[0]!)
    expect(screen.queryByRole('alert')).toBeNull()
  })
})

/** An uploader the test drives by hand: progress, success, failure. */
function manualUploader() {
  const calls: { file: File; signal: AbortSignal; progress: (f: number) => void; resolve: (url: string) => void; reject: (e: Error) => void }[] = []
  const upload: UploadFile = (file, { signal, onProgress }) =>
    new Promise((resolve, reject) => {
      calls.push({ file, signal, progress: onProgress, resolve, reject })
    })
  return { upload, calls }
}

describe('Composer with uploadFile', () => {
  it('shows progress, then sends the uploaded URL', async () => {
    const { upload, calls } = manualUploader()
    const { user, input, box, onSend, send, items } = setup({ uploadFile: upload })
    await user.upload(input, png())
    expect(items()[0]).toHaveAttribute('data-state', 'uploading')
    act(() => calls[0]!.progress(0.42))
    expect(screen.getByRole('progressbar', { name: 'Uploading… 42 %' })).toHaveAttribute('value', '0.42')
    await user.type(box, 'Look')
    expect(send()).toBeDisabled()
    await user.keyboard('{Enter}')
    expect(onSend).not.toHaveBeenCalled()
    await act(async () => calls[0]!.resolve('https://files.example.com/u/1'))
    expect(items()[0]).toHaveAttribute('data-state', 'ready')
    await user.keyboard('{Enter}')
    expect(onSend).toHaveBeenCalledExactlyOnceWith('Look', [{ type: 'file', mediaType: 'image/png', url: 'https://files.example.com/u/1', name: 'cat.png', size: 4 }])
  })

  it('a failed upload shows on its preview and nothing is sent until it is retried or removed', async () => {
    const { upload, calls } = manualUploader()
    const { user, input, box, onSend, send, items } = setup({ uploadFile: upload })
    await user.upload(input, [png(), pdf()])
    await act(async () => calls[0]!.reject(new Error('Storage is full (507)')))
    await act(async () => calls[1]!.resolve('https://files.example.com/u/2'))
    expect(items()[0]).toHaveAttribute('data-state', 'failed')
    expect(within(items()[0] as HTMLElement).getByRole('alert')).toHaveTextContent('Storage is full (507)')
    // Its name once, as the title: the status line under it does not repeat it.
    expect(within(items()[0] as HTMLElement).getByText('Upload failed')).toBeInTheDocument()
    expect(items()[0]!.textContent!.split('cat.png')).toHaveLength(2)
    await user.type(box, 'Both please{Enter}')
    await user.click(send())
    expect(onSend).not.toHaveBeenCalled()
    expect(send()).toBeDisabled()
    expect(box).toHaveValue('Both please')
    // Retry uploads it again; this time it works and the message goes with both files.
    await user.click(screen.getByRole('button', { name: 'Retry cat.png' }))
    expect(calls).toHaveLength(3)
    expect(screen.getByRole('button', { name: 'Remove cat.png' })).toHaveFocus()
    await act(async () => calls[2]!.resolve('https://files.example.com/u/3'))
    await user.click(send())
    expect(onSend).toHaveBeenCalledExactlyOnceWith('Both please', [expect.objectContaining({ url: 'https://files.example.com/u/3' }), expect.objectContaining({ url: 'https://files.example.com/u/2' })])
  })

  it('removing a file cancels its upload; a late answer changes nothing', async () => {
    const { upload, calls } = manualUploader()
    const { user, input, items } = setup({ uploadFile: upload })
    await user.upload(input, png())
    await user.click(screen.getByRole('button', { name: 'Remove cat.png' }))
    expect(calls[0]!.signal.aborted).toBe(true)
    await act(async () => calls[0]!.resolve('https://files.example.com/late'))
    expect(items()).toHaveLength(0)
  })

  it('unmounting cancels every upload', async () => {
    const { upload, calls } = manualUploader()
    const { user, input, unmount } = setup({ uploadFile: upload })
    await user.upload(input, [png(), pdf()])
    unmount()
    expect(calls.map((call) => call.signal.aborted)).toEqual([true, true])
  })

  it('an uploader that resolves without a URL is a failure, not an empty link', async () => {
    const { user, input, items } = setup({ uploadFile: async () => '' })
    await user.upload(input, png())
    await waitFor(() => expect(items()[0]).toHaveAttribute('data-state', 'failed'))
    expect(items()[0]).toHaveTextContent('The upload returned no URL')
  })
})
