import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { Composer } from '../src/components/composer/composer.tsx'
import type { UploadFile } from '../src/components/files/attachment-store.ts'
import { CHART_PNG, RIVER_PNG, fileFromDataUrl } from './support/sample-files.ts'

/*
 * The composer's attachments: the Attach button, paste, drag-and-drop, previews with remove,
 * limits with their message, and uploads to the app's storage (progress, failure, nothing
 * sent until every file is ready).
 */
const meta: Meta<typeof Composer> = {
  title: 'Components/Composer/Attachments',
  component: Composer,
  args: { onSend: fn(), onStop: fn(), status: 'idle', placeholder: 'Ask about your files', attachments: true },
  // The placeholder is the app's own prop, not a Rivulet label (the pseudo-locale check, .storybook/pseudo-locale.tsx).
  parameters: { pseudoLocale: { allow: ['Ask about your files'] } },
  decorators: [(Story) => <div style={{ maxWidth: 640, paddingTop: 40 }}>{Story()}</div>],
}
export default meta

type Story = StoryObj<typeof Composer>

const photo = () => fileFromDataUrl(RIVER_PNG, 'rhine-at-basel.png')
const chart = () => fileFromDataUrl(CHART_PNG, 'discharge-2025.png')
const report = () => new File(['%PDF-1.4\n% a small report\n'], 'hydrology-report-2025.pdf', { type: 'application/pdf' })

const fileInput = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLInputElement>('[data-rivulet="composer-file-input"]')!
const previews = (canvasElement: HTMLElement) => [...canvasElement.querySelectorAll('[data-rivulet="attachment"]')]
const filesOf = (...files: File[]) => {
  const transfer = new DataTransfer()
  for (const file of files) transfer.items.add(file)
  return transfer
}

export const PickAndSend: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('button', { name: 'Attach files' })).toBeVisible()
    await userEvent.upload(fileInput(canvasElement), [photo(), report()])
    await waitFor(() => expect(previews(canvasElement).map((p) => p.getAttribute('data-state'))).toEqual(['ready', 'ready']), { timeout: 5_000 })
    await expect(canvas.getByRole('list', { name: 'Attachments' })).toBeVisible()
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Where was this taken?{Enter}')
    await expect(args.onSend).toHaveBeenCalledOnce()
    const [text, files] = (args.onSend as ReturnType<typeof fn>).mock.calls[0] as [string, { mediaType: string; url: string; name: string }[]]
    await expect(text).toBe('Where was this taken?')
    await expect(files.map((f) => [f.name, f.mediaType, f.url.split(',')[0]])).toEqual([
      ['rhine-at-basel.png', 'image/png', 'data:image/png;base64'],
      ['hydrology-report-2025.pdf', 'application/pdf', 'data:application/pdf;base64'],
    ])
    await expect(previews(canvasElement)).toHaveLength(0)
  },
}

/** Three files waiting: a photo and a chart (thumbnails, no request leaves the page) and a PDF. */
export const Previews: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.upload(fileInput(canvasElement), [photo(), chart(), report()])
    // The attachment machinery is a lazy chunk: the tray may still be empty here, and every() of nothing is true.
    await waitFor(() => expect(previews(canvasElement).map((p) => p.getAttribute('data-state'))).toEqual(['ready', 'ready', 'ready']), { timeout: 5_000 })
    const thumbnails = canvasElement.querySelectorAll<HTMLImageElement>('img[data-rivulet="attachment-thumbnail"]')
    await expect(thumbnails).toHaveLength(2)
    for (const image of thumbnails) await expect(image.src.startsWith('blob:')).toBe(true)
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Remove discharge-2025.png' }))
    await expect(previews(canvasElement)).toHaveLength(2)
  },
}

export const PreviewsDark: Story = { ...Previews, parameters: { theme: 'dark' } }

export const PreviewsPhone: Story = {
  ...Previews,
  decorators: [(Story) => <div style={{ width: 375, paddingTop: 40 }}>{Story()}</div>],
  play: async (context) => {
    await Previews.play!(context)
    const form = context.canvasElement.querySelector('form')!
    await expect(form.scrollWidth).toBeLessThanOrEqual(form.clientWidth + 1)
  },
}

export const Paste: Story = {
  play: async ({ canvasElement }) => {
    const box = within(canvasElement).getByRole('textbox', { name: 'Message' })
    box.focus()
    const pasted = new ClipboardEvent('paste', { clipboardData: filesOf(chart()), bubbles: true, cancelable: true })
    box.dispatchEvent(pasted)
    // A screenshot paste attaches the image and types nothing.
    await expect(pasted.defaultPrevented).toBe(true)
    await expect(box).toHaveValue('')
    await waitFor(() => expect(previews(canvasElement).map((p) => p.getAttribute('data-state'))).toEqual(['ready']))
  },
}

export const DragAndDrop: Story = {
  play: async ({ canvasElement }) => {
    const form = canvasElement.querySelector('form')!
    const transfer = filesOf(photo(), report())
    form.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }))
    await expect(await within(canvasElement).findByText('Drop files to attach')).toBeVisible()
    const over = new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true })
    form.dispatchEvent(over)
    await expect(over.defaultPrevented).toBe(true)
    form.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
    await waitFor(() => expect(previews(canvasElement)).toHaveLength(2))
    await expect(within(canvasElement).queryByText('Drop files to attach')).toBeNull()
  },
}

/** Files over the composer: the dashed outline and the hint, held for the screenshot. */
export const DragOver: Story = {
  play: async ({ canvasElement }) => {
    const form = canvasElement.querySelector('form')!
    form.dispatchEvent(new DragEvent('dragenter', { dataTransfer: filesOf(photo()), bubbles: true, cancelable: true }))
    await expect(await within(canvasElement).findByText('Drop files to attach')).toBeVisible()
    await expect(form).toHaveAttribute('data-dragging')
  },
}

/** Images only, two at most, 1 MB each: a 50 MB paste is refused by its size before a byte is read. */
export const Limits: Story = {
  args: { attachments: { accept: 'image/*', maxFiles: 2, maxFileSize: 1024 * 1024 } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const box = canvas.getByRole('textbox', { name: 'Message' })
    const huge = new File([new Uint8Array(50 * 1024 * 1024)], 'screen-recording.png', { type: 'image/png' })
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: filesOf(huge), bubbles: true, cancelable: true }))
    await expect(await canvas.findByRole('alert')).toHaveTextContent('screen-recording.png is larger than 1 MB')
    await expect(previews(canvasElement)).toHaveLength(0)
    const form = canvasElement.querySelector('form')!
    form.dispatchEvent(new DragEvent('drop', { dataTransfer: filesOf(photo(), report(), chart(), photo()), bubbles: true, cancelable: true }))
    const alert = await canvas.findByRole('alert')
    await expect(alert).toHaveTextContent('hydrology-report-2025.pdf: this file type is not allowed')
    await expect(alert).toHaveTextContent('At most 2 attachments')
    await waitFor(() => expect(previews(canvasElement)).toHaveLength(2))
  },
}

/** An uploader that reports progress and then waits: the preview's progress bar, Send held. */
const slowUpload: UploadFile = (_file, { signal, onProgress }) =>
  new Promise((_resolve, reject) => {
    let sent = 0
    const timer = setInterval(() => {
      sent = Math.min(0.64, sent + 0.16)
      onProgress(sent)
    }, 60)
    signal.addEventListener('abort', () => {
      clearInterval(timer)
      reject(signal.reason)
    })
  })

export const Uploading: Story = {
  args: { attachments: { uploadFile: slowUpload } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await userEvent.upload(fileInput(canvasElement), [photo()])
    await expect(await canvas.findByRole('progressbar', { name: 'Uploading… 64 %' }, { timeout: 5_000 })).toBeVisible()
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Is the river high?{Enter}')
    await expect(canvas.getByRole('button', { name: 'Send' })).toBeDisabled()
    await expect(args.onSend).not.toHaveBeenCalled()
  },
}

/** The storage refuses the file: the failure is on its preview, with Retry; nothing is sent. */
const failingUpload: UploadFile = async () => {
  throw new Error('The storage is full (HTTP 507)')
}

export const UploadFailure: Story = {
  args: { attachments: { uploadFile: failingUpload } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await userEvent.upload(fileInput(canvasElement), [photo()])
    await waitFor(() => expect(previews(canvasElement)[0]).toHaveAttribute('data-state', 'failed'))
    await expect(canvas.getByRole('alert')).toHaveTextContent('The storage is full (HTTP 507)')
    await expect(canvas.getByText('Upload failed')).toBeVisible()
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Where is this?{Enter}')
    await expect(args.onSend).not.toHaveBeenCalled()
    await expect(canvas.getByRole('button', { name: 'Send' })).toBeDisabled()
    await expect(canvas.getByRole('button', { name: 'Retry rhine-at-basel.png' })).toBeVisible()
  },
}

export const UploadFailureDark: Story = { ...UploadFailure, parameters: { theme: 'dark' } }
