import { afterEach, describe, expect, it, vi } from 'vitest'
import { createChatClient } from '../chat-client.ts'
import { syncScheduler } from '../frame-scheduler.ts'
import { createMemoryTransport } from '../transports/memory-transport.ts'
import { readAsDataUrl, toFileParts } from './file-parts.ts'

afterEach(() => vi.unstubAllGlobals())

const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47])

describe('reading files', () => {
  it('reads the same data URL with FileReader and without it (Node, workers)', async () => {
    const file = new File([bytes], 'a.png', { type: 'image/png' })
    const withReader = await readAsDataUrl(file)
    vi.stubGlobal('FileReader', undefined)
    expect(await readAsDataUrl(file)).toBe(withReader)
    expect(withReader).toBe('data:image/png;base64,iVBORw==')
  })

  it('gives untyped and empty files a predictable URL', async () => {
    expect(await readAsDataUrl(new Blob([]))).toBe('data:application/octet-stream;base64,')
    vi.stubGlobal('FileReader', undefined)
    expect(await readAsDataUrl(new Blob(['hi']))).toBe('data:application/octet-stream;base64,aGk=')
  })

  it('encodes files larger than one chunk without overflowing the stack', async () => {
    vi.stubGlobal('FileReader', undefined)
    const big = new Uint8Array(300_000).map((_, i) => i % 251)
    const url = await readAsDataUrl(new Blob([big], { type: 'application/octet-stream' }))
    expect(Buffer.from(url.split(',')[1]!, 'base64').equals(Buffer.from(big))).toBe(true)
  })

  it('stops when aborted', async () => {
    const controller = new AbortController()
    controller.abort(new Error('removed'))
    await expect(readAsDataUrl(new Blob(['x']), controller.signal)).rejects.toThrow('removed')
  })

  it('keeps only the known fields of ready parts, and is synchronous for them', () => {
    const parts = toFileParts([{ mediaType: 'image/png', url: 'https://cdn.example/a.png', name: 'a.png', size: 3, extra: 'dropped' } as never])
    expect(parts).toEqual([{ type: 'file', mediaType: 'image/png', url: 'https://cdn.example/a.png', name: 'a.png', size: 3 }])
  })
})

describe('send with files', () => {
  const client = () => {
    const respond = vi.fn(() => new Promise<never>(() => {}))
    const chat = createChatClient({ transport: createMemoryTransport({ respond }), scheduler: syncScheduler })
    return { chat, respond }
  }

  it('starts the turn at once when the files are ready parts', () => {
    const { chat } = client()
    void chat.send({ text: 'Look', files: [{ mediaType: 'image/png', url: 'https://cdn.example/a.png' }] })
    expect(chat.getSnapshot().messages[0]!.parts).toEqual([{ type: 'text', text: 'Look' }, { type: 'file', mediaType: 'image/png', url: 'https://cdn.example/a.png' }])
    expect(chat.getSnapshot().status).toBe('submitted')
    chat.destroy()
  })

  it('rejects a malformed entry with a TypeError naming it, and sends nothing', async () => {
    const { chat, respond } = client()
    await expect(chat.send({ text: 'x', files: [{ url: 'https://cdn.example/a.png' } as never] })).rejects.toThrow('send: files[0] is neither a File/Blob nor a { mediaType, url } part')
    expect(chat.getSnapshot().messages).toEqual([])
    expect(respond).not.toHaveBeenCalled()
    chat.destroy()
  })

  it('sends nothing when destroyed while files were being read', async () => {
    const { chat, respond } = client()
    const sending = chat.send({ files: [new File([bytes], 'a.png', { type: 'image/png' })] })
    chat.destroy()
    await sending
    expect(respond).not.toHaveBeenCalled()
  })
})
