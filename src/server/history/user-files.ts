import type { RivuletFilePart, RivuletMessage } from '../../protocol/message-format.ts'

/** Image types every provider reads inline (OpenAI and Anthropic alike). */
const PROVIDER_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp'])

/**
 * How one file of a user message reaches a model, whatever the provider: an `image`, a
 * `pdf`, `text` (a plain-text file, decoded), or a `note` — a line telling the model a file
 * was attached that it cannot read (an archive, an HTML page, an unsupported image).
 * `data` is the base64 of a `data:` URL, `url` an http(s) URL; exactly one is set for
 * images and PDFs.
 */
export type UserFile =
  | { kind: 'image'; mediaType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp'; dataUrl: string; data: string; url: undefined }
  | { kind: 'image'; mediaType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp'; dataUrl: undefined; data: undefined; url: string }
  | { kind: 'pdf'; name: string; dataUrl: string; data: string; url: undefined }
  | { kind: 'pdf'; name: string; dataUrl: undefined; data: undefined; url: string }
  | { kind: 'text'; name: string; text: string }
  | { kind: 'note'; text: string }

/** One piece of a user message in order: its text, or one of its files. */
export type UserPiece = { kind: 'prompt'; text: string } | UserFile

interface DataUrl {
  mediaType: string
  base64: string
  /** The bytes as text (UTF-8), for text files. */
  text(): string
}

function parseDataUrl(url: string): DataUrl | undefined {
  const match = /^data:([^,]*?)(;base64)?,(.*)$/is.exec(url.trim())
  if (!match) return undefined
  const mediaType = (match[1]!.split(';')[0]!.trim() || 'text/plain').toLowerCase()
  const body = match[3]!
  if (match[2]) {
    const base64 = body.replace(/\s+/g, '')
    return { mediaType, base64, text: () => new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))) }
  }
  let decoded: string
  try {
    decoded = decodeURIComponent(body)
  } catch {
    return undefined
  }
  const bytes = new TextEncoder().encode(decoded)
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return { mediaType, base64: btoa(binary), text: () => decoded }
}

const isHttp = (url: string) => /^https?:\/\//i.test(url.trim())
const baseType = (mediaType: string) => mediaType.split(';')[0]!.trim().toLowerCase()

/** The sentence for a file the model cannot read, so it knows one was attached. */
function note(part: RivuletFilePart): UserFile {
  const name = part.name ?? 'file'
  return { kind: 'note', text: `[Attached file: ${name} (${baseType(part.mediaType) || 'unknown type'}), not readable by the model]` }
}

/**
 * How a user's file part reaches the model (see {@link UserFile}): png/jpeg/gif/webp images
 * and PDFs from a `data:` URL or an http(s) URL, `text/*` files (from a `data:` URL) as their
 * text, anything else as a note. The `data:` URL's own declared type must agree with the
 * part's for images and PDFs, so a mislabelled file is never passed off as an image.
 *
 * @example
 * userFile({ type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,iVBOR' }) // { kind: 'image', data: 'iVBOR', … }
 */
export function userFile(part: RivuletFilePart): UserFile {
  const type = baseType(part.mediaType)
  const name = part.name ?? 'file'
  const url = part.url.trim()
  if (isHttp(url)) {
    if (PROVIDER_IMAGES.has(type)) return { kind: 'image', mediaType: type as 'image/png', dataUrl: undefined, data: undefined, url }
    if (type === 'application/pdf') return { kind: 'pdf', name, dataUrl: undefined, data: undefined, url }
    return { kind: 'note', text: `[Attached file: ${name} (${type || 'unknown type'}): ${url}]` }
  }
  const data = parseDataUrl(url)
  if (!data) return note(part)
  if (PROVIDER_IMAGES.has(type) && data.mediaType === type) {
    return { kind: 'image', mediaType: type as 'image/png', dataUrl: `data:${type};base64,${data.base64}`, data: data.base64, url: undefined }
  }
  if (type === 'application/pdf' && data.mediaType === type) {
    return { kind: 'pdf', name, dataUrl: `data:application/pdf;base64,${data.base64}`, data: data.base64, url: undefined }
  }
  if (type.startsWith('text/') && data.mediaType.startsWith('text/') && type !== 'text/html') {
    try {
      return { kind: 'text', name, text: data.text() }
    } catch {
      return note(part)
    }
  }
  return note(part)
}

/**
 * A user message as ordered pieces (text parts and files), or `undefined` when it has no
 * files, so converters keep sending plain string content for text-only prompts.
 *
 * @example
 * userPieces(message) // [{ kind: 'prompt', text: 'What is this?' }, { kind: 'image', … }]
 */
export function userPieces(message: RivuletMessage): UserPiece[] | undefined {
  if (!message.parts.some((part) => part.type === 'file')) return undefined
  const pieces: UserPiece[] = []
  for (const part of message.parts) {
    if (part.type === 'text' && part.text !== '') pieces.push({ kind: 'prompt', text: part.text })
    else if (part.type === 'file' && typeof part.url === 'string' && typeof part.mediaType === 'string') pieces.push(userFile(part))
  }
  return pieces
}

/** A text file as the model reads it: named, fenced off from the prompt. */
export function textFileBlock(name: string, text: string): string {
  return `<file name="${name.replace(/"/g, "'")}">\n${text}\n</file>`
}
