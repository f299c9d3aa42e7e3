import { flushSync } from 'react-dom'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import '../../src/styles.css'
import { Chat } from '../../src/components/chat/chat.tsx'
import type { UploadFile } from '../../src/components/files/attachment-store.ts'
import { Message } from '../../src/components/message/message.tsx'
import type { ChatMessage, FilePart } from '../../src/core/state.ts'
import { mountPerTest } from '../support/browser-root.ts'
import { ALLOWED_IMAGE_ORIGIN, ATTACKER } from './hostile-cases.ts'
import { unsafeDom, watchAttackerRequests } from './safety-checks.ts'

/*
 * Files in real Chromium, judged by the browser's own network log (resource timing): a failed
 * or cancelled upload sends no message, a 50 MB paste is refused before a byte is read, and
 * hostile file parts (SVG, HTML, script URLs, images off the allowlist) render as
 * placeholders that request nothing.
 */

const page = mountPerTest('width: 720px; height: 640px')

/** Every request the page made from now on, except the test runner's own module loads. */
function watchRequests() {
  const seen: string[] = []
  const isModule = (url: URL) => /\.(?:[cm]?[jt]sx?|css|map)$/.test(url.pathname) || /^\/(?:@|node_modules\/|src\/|__vitest)/.test(url.pathname)
  const take = (entries: PerformanceEntryList) => {
    for (const entry of entries) {
      const url = new URL(entry.name)
      if (url.protocol.startsWith('http') && !isModule(url)) seen.push(`${url.pathname}${url.search}`)
    }
  }
  const observer = new PerformanceObserver((list) => take(list.getEntries()))
  observer.observe({ type: 'resource' })
  return {
    requests: () => (take(observer.takeRecords()), [...seen]),
    stop: () => observer.disconnect(),
  }
}

let network: ReturnType<typeof watchRequests>
beforeEach(() => {
  network = watchRequests()
})
afterEach(() => network.stop())

const photo = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], 'photo.png', { type: 'image/png' })
const previews = () => [...page.host.querySelectorAll('[data-rivulet="attachment"]')]
const fileInput = () => page.host.querySelector<HTMLInputElement>('[data-rivulet="composer-file-input"]')!
const box = () => page.host.querySelector<HTMLTextAreaElement>('[data-rivulet="composer-input"]')!

/** A real upload: POST to a path the dev server does not serve, so it fails with its 404. */
const realUpload: UploadFile = async (file, { signal }) => {
  const response = await fetch(`/__files_test__/upload?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file, signal })
  if (!response.ok) throw new Error(`Upload failed (HTTP ${response.status})`)
  return String(new URL('/__files_test__/stored.png', location.href))
}

describe('uploads in Chromium', () => {
  it('a failed upload sends nothing: the network log holds the upload and no chat request', async () => {
    // Calls through to the real fetch: it only notes what was started, whatever the log's timing.
    const started = vi.spyOn(window, 'fetch')
    flushSync(() => page.root.render(<Chat api="/__files_test__/chat" attachments={{ uploadFile: realUpload }} />))
    await userEvent.upload(fileInput(), photo())
    await vi.waitFor(() => expect(previews()[0]?.getAttribute('data-state')).toBe('failed'), { timeout: 15_000 })
    expect(page.host.querySelector('[data-rivulet="attachment-error"]')?.textContent).toMatch(/Upload failed \(HTTP 40\d\)/)
    await userEvent.type(box(), 'What is in this photo?{Enter}')
    const send = page.host.querySelector<HTMLButtonElement>('[data-rivulet="composer-send"]')!
    expect(send.disabled).toBe(true)
    send.form!.requestSubmit()
    await vi.waitFor(() => expect(network.requests()).toContain('/__files_test__/upload?name=photo.png'), { timeout: 15_000 })
    // Let anything that was (wrongly) sent reach the log too.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(started.mock.calls.map(([url]) => String(url))).toEqual(['/__files_test__/upload?name=photo.png'])
    expect(network.requests()).toEqual(['/__files_test__/upload?name=photo.png'])
    expect(page.host.querySelector('[data-rivulet="message"]')).toBeNull()
    expect(box().value).toBe('What is in this photo?')

    // Control: the same log does see the chat request once the failed file is removed.
    await userEvent.click(page.host.querySelector<HTMLButtonElement>('[data-rivulet="attachment-remove"]')!)
    await userEvent.click(send)
    await vi.waitFor(() => expect(network.requests()).toContain('/__files_test__/chat'), { timeout: 15_000 })
    started.mockRestore()
  })

  it('a cancelled upload is aborted and nothing is sent', async () => {
    let signal: AbortSignal | undefined
    const hanging: UploadFile = (_file, options) => {
      signal = options.signal
      return new Promise((_resolve, reject) => options.signal.addEventListener('abort', () => reject(options.signal.reason)))
    }
    flushSync(() => page.root.render(<Chat api="/__files_test__/chat" attachments={{ uploadFile: hanging }} />))
    await userEvent.upload(fileInput(), photo())
    await vi.waitFor(() => expect(previews()[0]?.getAttribute('data-state')).toBe('uploading'))
    await userEvent.click(page.host.querySelector<HTMLButtonElement>('[data-rivulet="attachment-remove"]')!)
    expect(signal?.aborted).toBe(true)
    expect(previews()).toHaveLength(0)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(network.requests()).toEqual([])
  })

  it('a 50 MB paste is refused by its size before anything is read, and the composer keeps working', async () => {
    const read = vi.spyOn(FileReader.prototype, 'readAsDataURL')
    const sent: string[] = []
    flushSync(() => page.root.render(<Chat api="/__files_test__/chat" attachments options={{ fetch: async (url) => (sent.push(String(url)), new Response('', { status: 500 })) }} />))
    const transfer = new DataTransfer()
    transfer.items.add(new File([new Uint8Array(50 * 1024 * 1024)], 'screen-recording.mov', { type: 'video/quicktime' }))
    box().focus()
    box().dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }))
    await vi.waitFor(() => expect(page.host.querySelector('[data-rivulet="composer-notice"]')?.textContent).toBe('screen-recording.mov is larger than 10 MB'))
    expect(previews()).toHaveLength(0)
    expect(read).not.toHaveBeenCalled()
    // A small image pasted next is taken and read as usual.
    const small = new DataTransfer()
    small.items.add(photo())
    box().dispatchEvent(new ClipboardEvent('paste', { clipboardData: small, bubbles: true, cancelable: true }))
    await vi.waitFor(() => expect(previews()[0]?.getAttribute('data-state')).toBe('ready'))
    expect(read).toHaveBeenCalledOnce()
    read.mockRestore()
  })
})

const hostileFiles: FilePart[] = [
  { type: 'file', mediaType: 'image/svg+xml', url: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', name: 'a.svg' },
  { type: 'file', mediaType: 'image/png', url: 'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+', name: 'b.png' },
  { type: 'file', mediaType: 'text/html', url: 'data:text/html,<script>alert(1)</script>', name: 'c.html' },
  { type: 'file', mediaType: 'image/png', url: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', name: 'd.png' },
  { type: 'file', mediaType: 'application/pdf', url: 'javascript:alert(1)', name: 'e.pdf' },
  { type: 'file', mediaType: 'application/pdf', url: ' java\tscript:alert(1)', name: 'f.pdf' },
  { type: 'file', mediaType: 'image/png', url: `${ATTACKER}/exfil.png?secret=1`, name: 'g.png' },
  { type: 'file', mediaType: 'image/jpeg', url: '//evil.example/h.jpg', name: 'h.jpg' },
  { type: 'file', mediaType: 'image/gif', url: 'blob:https://evil.example/1', name: 'i.gif' },
  { type: 'file', mediaType: 'text/xml', url: `${ATTACKER}/j.xml`, name: 'j.xml' },
  { type: 'file', mediaType: 'image/webp', url: '', name: 'k.webp' },
  { type: 'file', mediaType: '', url: 'data:,', name: 'l' },
]

describe('hostile file parts in Chromium', () => {
  it('render as placeholders: no script-capable URL, no image off the allowlist, no request to the attacker', async () => {
    const alerts = vi.fn()
    vi.stubGlobal('alert', alerts)
    const attacker = watchAttackerRequests()
    const messages: ChatMessage[] = [
      { id: 'u', role: 'user', parts: [{ type: 'text', text: 'files' }, ...hostileFiles] },
      { id: 'a', role: 'assistant', parts: [...hostileFiles, { type: 'file', mediaType: 'image/png', url: `${ALLOWED_IMAGE_ORIGIN}/ok.png`, name: 'ok.png' }] },
    ]
    flushSync(() => page.root.render(<div data-rivulet="chat">{messages.map((m) => <Message key={m.id} message={m} allowedImageOrigins={[ALLOWED_IMAGE_ORIGIN]} />)}</div>))
    await new Promise((resolve) => setTimeout(resolve, 300))
    // Rivulet's own icons are the only <svg>: static, aria-hidden, no links or handlers.
    const clone = page.host.cloneNode(true) as HTMLElement
    for (const icon of clone.querySelectorAll('svg[data-rivulet="file-icon"][aria-hidden="true"]')) icon.remove()
    expect(unsafeDom(clone)).toBeUndefined()
    const kinds = [...page.host.querySelectorAll('[data-rivulet="file"]')].map((el) => el.getAttribute('data-kind'))
    // Every hostile part is a placeholder except the passive empty `data:,` (a download chip, saved as bytes).
    expect(kinds.slice(0, hostileFiles.length)).toEqual([...Array(hostileFiles.length - 1).fill('placeholder'), 'download'])
    expect(page.host.querySelectorAll('img')).toHaveLength(1)
    expect(attacker.requests()).toEqual([])
    expect(alerts).not.toHaveBeenCalled()
    attacker.stop()
    vi.unstubAllGlobals()
  })
})
