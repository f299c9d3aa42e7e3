import type { FilePart } from '../../core/state.ts'
import { imageVerdict, safeLinkHref } from '../markdown/safe-url.ts'

/** Raster image types a browser draws without running anything: the only ones shown inline. */
const RASTER_IMAGES = new Set(['image/png', 'image/jpeg', 'image/jpg', 'image/gif', 'image/webp'])

/**
 * Types never offered at all, not even as a download: documents a browser would render with
 * scripts (HTML, SVG, XML) or run. A file part claiming one shows a placeholder.
 */
const ACTIVE_TYPES = /^(?:text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|[a-z]+\/[a-z.+-]*(?:javascript|ecmascript)|text\/jscript|application\/x-shockwave-flash|application\/wasm)$/

/** The media type without parameters, lower case: `Image/PNG; x=1` → `image/png`. */
export function baseMediaType(mediaType: string): string {
  return mediaType.split(';')[0]!.trim().toLowerCase()
}

/**
 * Whether a media type is a raster image Rivulet shows inline (png, jpeg, gif, webp).
 *
 * @example
 * isRasterImage('image/png') // true
 * isRasterImage('image/svg+xml') // false
 */
export function isRasterImage(mediaType: string): boolean {
  return RASTER_IMAGES.has(baseMediaType(mediaType))
}

/** The media type a `data:` URL declares (`text/plain` when it declares none, as browsers read it). */
function dataUrlType(url: string): string | undefined {
  const match = /^data:([^,]*),/i.exec(url.trimStart())
  if (!match) return undefined
  const type = match[1]!.split(';')[0]!.trim()
  return type === '' ? 'text/plain' : type.toLowerCase()
}

/**
 * How a file part may be shown:
 * - `image`: a raster image (png, jpeg, gif, webp) from a `data:` URL that itself declares a
 *   raster type, or from an http(s) URL on an allowed origin;
 * - `download`: any other file that is safe to offer: an http(s) or relative link, or a
 *   `data:` URL saved as bytes (`dataUrl`), never opened in the page;
 * - `placeholder`: an image from an origin that is not allowed (`blockedHost`), an active
 *   type (HTML, SVG, XML, scripts) or a URL with another scheme (`javascript:`, `blob:`…).
 *   Nothing is requested for a placeholder.
 *
 * @example
 * fileDisplay({ type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,iVBOR' }, new Set()) // { kind: 'image', src: 'data:image/png;base64,iVBOR' }
 * fileDisplay({ type: 'file', mediaType: 'image/svg+xml', url: 'data:image/svg+xml,<svg/>' }, new Set()) // { kind: 'placeholder', reason: 'unsafe' }
 */
export function fileDisplay(part: FilePart, allowedOrigins: ReadonlySet<string>): FileDisplay {
  const url = typeof part.url === 'string' ? part.url.trim() : ''
  const type = baseMediaType(typeof part.mediaType === 'string' ? part.mediaType : '')
  const declared = dataUrlType(url)
  if (ACTIVE_TYPES.test(type) || (declared !== undefined && ACTIVE_TYPES.test(declared))) return { kind: 'placeholder', reason: 'unsafe' }
  if (declared !== undefined) {
    if (RASTER_IMAGES.has(type) && RASTER_IMAGES.has(declared)) return { kind: 'image', src: url }
    return { kind: 'download', href: undefined, dataUrl: url }
  }
  if (RASTER_IMAGES.has(type)) {
    const verdict = imageVerdict(url, allowedOrigins)
    if (verdict.allowed && verdict.src !== undefined) return { kind: 'image', src: verdict.src }
    // An image off the allowlist is not even offered as a link: the reader would not expect a
    // click on a picture placeholder to contact an unknown host.
    return { kind: 'placeholder', reason: 'blocked', blockedHost: verdict.label }
  }
  const href = /^[a-z][a-z\d+.-]*:/i.test(url) && !/^https?:/i.test(url) ? undefined : safeLinkHref(url)
  if (href === undefined || href === '') return { kind: 'placeholder', reason: 'unsafe' }
  return { kind: 'download', href, dataUrl: undefined }
}

/** The verdict of {@link fileDisplay}. */
export type FileDisplay =
  | { kind: 'image'; src: string }
  | { kind: 'download'; href: string; dataUrl: undefined }
  | { kind: 'download'; href: undefined; dataUrl: string }
  | { kind: 'placeholder'; reason: 'unsafe' }
  | { kind: 'placeholder'; reason: 'blocked'; blockedHost: string }

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
  const subtype = baseMediaType(part.mediaType).split('/')[1]?.replace(/[^a-z0-9]/g, '') ?? ''
  return subtype === '' ? 'file' : `file.${subtype === 'jpeg' ? 'jpg' : subtype}`
}
