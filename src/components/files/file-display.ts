import type { FilePart } from '../../core/state.ts'

/**
 * The bytes of a `data:` URL as a Blob typed `application/octet-stream`, so that opening the
 * download can never render it (an HTML file stays bytes). `undefined` for a malformed URL.
 *
 * @example
 * const blob = dataUrlToBlob('data:text/plain;base64,aGk=') // 2 bytes
 */
export function dataUrlToBlob(url: string): Blob | undefined {
  const comma = url.indexOf(',')
  if (!/^data:/i.test(url) || comma < 0) return undefined
  const meta = url.slice(5, comma)
  const body = url.slice(comma + 1)
  try {
    if (/;base64$/i.test(meta)) {
      const binary = atob(body.replace(/\s+/g, ''))
      const bytes = new Uint8Array(binary.length)
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
      return new Blob([bytes], { type: 'application/octet-stream' })
    }
    return new Blob([decodeURIComponent(body)], { type: 'application/octet-stream' })
  } catch {
    return undefined
  }
}

/**
 * The name to show and save a file under: its own, else the last path segment of an http(s)
 * URL, else a generic name with an extension guessed from the media type.
 *
 * @example
 * fileName({ type: 'file', mediaType: 'application/pdf', url: 'https://x.example/a/report.pdf' }) // 'report.pdf'
 */
export function fileName(part: FilePart): string {
  if (typeof part.name === 'string' && part.name.trim() !== '') return part.name
  if (!/^data:/i.test(part.url)) {
    try {
      const segment = decodeURIComponent(new URL(part.url, 'https://rivulet.invalid/').pathname.split('/').pop() ?? '')
      if (segment !== '') return segment
    } catch {
      // Fall through to a generic name.
    }
  }
  const subtype = part.mediaType.split(';')[0]!.trim().toLowerCase().split('/')[1]?.replace(/[^a-z0-9]/g, '') ?? ''
  return subtype === '' ? 'file' : `file.${subtype === 'jpeg' ? 'jpg' : subtype}`
}
