import type { FilePart } from '../state.ts'

/**
 * What `send` accepts: text, files, or both. Files may be ready parts (`{ mediaType, url }`,
 * e.g. already uploaded by the app) or browser `File`/`Blob` objects, which travel as `data:`
 * URLs.
 */
export interface SendMessageInput {
  text?: string
  files?: ReadonlyArray<FilePart | Omit<FilePart, 'type'> | Blob> | ArrayLike<Blob>
}

/** A `Blob` (or `File`) without relying on the global existing (Node 18 tests, old runtimes). */
function isBlob(value: unknown): value is Blob {
  return typeof Blob !== 'undefined' && value instanceof Blob
}

/** Base64 of bytes, in chunks: `String.fromCharCode(...all)` overflows the stack on large files. */
function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/**
 * Reads a file into a `data:` URL. Uses the browser's `FileReader` where there is one (it
 * encodes off the main thread), else the bytes. The media type is the file's own, or
 * `application/octet-stream` when it has none.
 *
 * @example
 * const url = await readAsDataUrl(file) // 'data:image/png;base64,iVBOR…'
 */
export async function readAsDataUrl(file: Blob, signal?: AbortSignal): Promise<string> {
  signal?.throwIfAborted()
  const type = file.type || 'application/octet-stream'
  if (typeof FileReader !== 'undefined') {
    const url = await new Promise<string>((resolve, reject) => {
      const reader = new FileReader()
      const onAbort = () => reader.abort()
      reader.onload = () => resolve(String(reader.result))
      reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'))
      reader.onabort = () => reject(signal?.reason ?? new DOMException('Aborted', 'AbortError'))
      reader.onloadend = () => signal?.removeEventListener('abort', onAbort)
      signal?.addEventListener('abort', onAbort, { once: true })
      reader.readAsDataURL(file)
    })
    // An empty file reads as `data:` with no type at all; keep the shape predictable.
    return url === 'data:' ? `data:${type};base64,` : url
  }
  const bytes = new Uint8Array(await file.arrayBuffer())
  signal?.throwIfAborted()
  return `data:${type};base64,${toBase64(bytes)}`
}

/**
 * A file part for a browser file once its URL is known (a `data:` URL or where it was
 * uploaded): media type, name and size taken from the file.
 *
 * @example
 * filePartOf(file, 'https://files.example.com/u/42') // { type: 'file', mediaType: 'image/png', url: '…', name: 'cat.png', size: 1234 }
 */
export function filePartOf(file: Blob, url: string): FilePart {
  const part: FilePart = { type: 'file', mediaType: file.type || 'application/octet-stream', url, size: file.size }
  const name = (file as Partial<File>).name
  if (typeof name === 'string' && name !== '') part.name = name
  return part
}

function readyPart(entry: FilePart | Omit<FilePart, 'type'>, index: number): FilePart {
  if (typeof entry !== 'object' || entry === null || typeof entry.mediaType !== 'string' || typeof entry.url !== 'string') {
    throw new TypeError(`send: files[${index}] is neither a File/Blob nor a { mediaType, url } part`)
  }
  const part: FilePart = { type: 'file', mediaType: entry.mediaType, url: entry.url }
  if (typeof entry.name === 'string') part.name = entry.name
  if (typeof entry.size === 'number' && Number.isFinite(entry.size)) part.size = entry.size
  return part
}

/**
 * Turns what `send` was given into file parts, reading browser files as `data:` URLs. Parts
 * given ready are copied with only their known fields (a part is stored and sent as JSON).
 * Synchronous when nothing needs reading, so a send without browser files starts its turn at
 * once. Throws a `TypeError` naming the entry that is neither a file nor a part.
 *
 * @example
 * await toFileParts([file, { mediaType: 'image/png', url: 'https://cdn.example.com/a.png' }])
 */
export function toFileParts(files: SendMessageInput['files']): FilePart[] | Promise<FilePart[]> {
  if (files === undefined) return []
  const list = Array.from(files as ArrayLike<FilePart | Omit<FilePart, 'type'> | Blob>)
  if (!list.some(isBlob)) return list.map((entry, index) => readyPart(entry as FilePart, index))
  return Promise.all(list.map(async (entry, index) => (isBlob(entry) ? filePartOf(entry, await readAsDataUrl(entry)) : readyPart(entry, index))))
}
