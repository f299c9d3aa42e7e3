import { imageVerdict, safeLinkHref } from './safe-url.ts'

/**
 * The image types a browser decodes without running anything. SVG is an image type too, but it
 * is a document that can hold script and links, so it is never shown from a message.
 */
const RASTER_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp'])

/**
 * Types that are active documents when a browser opens them: never rendered, never linked.
 * Matched on the essence of the media type (`text/html; charset=utf-8` is `text/html`).
 */
const ACTIVE_TYPES = new Set([
  'image/svg+xml',
  'text/html',
  'application/xhtml+xml',
  'text/xml',
  'application/xml',
  'text/javascript',
  'application/javascript',
  'application/ecmascript',
  'text/ecmascript',
  'application/x-shockwave-flash',
])

/** How a file part may be shown. */
export type FileDisplay =
  /** Show it as an image: `src` is a raster `data:` URL or an allowed http(s) image. */
  | { kind: 'image'; src: string }
  /** Offer it as a download chip that links to `href` (http(s), or a `data:` URL of a passive type). */
  | { kind: 'download'; href: string }
  /**
   * Show a placeholder, never the file: `unsafe-type` (SVG, HTML and other active documents),
   * `blocked-origin` (a remote image whose origin is not allowed; `label` names the host),
   * `unsafe-url` (no URL, or a scheme other than http(s) and `data:`).
   */
  | { kind: 'placeholder'; reason: 'unsafe-type' | 'blocked-origin' | 'unsafe-url'; label: string }

/**
 * The one rule for showing a file part (user attachment or assistant file), the same for every
 * renderer: `data:` URLs render only as raster images (png, jpeg, gif, webp); SVG, HTML and
 * other active types are placeholders whatever the URL; remote images load only from
 * `allowedImageOrigins` (as markdown images); other remote files are download links. The media
 * type inside a `data:` URL counts as much as the declared one: a part that claims `image/png`
 * over `data:text/html,…` is refused.
 *
 * @example
 * fileDisplay({ mediaType: 'image/png', url: 'data:image/png;base64,iVBORw0K' }, new Set())
 * // { kind: 'image', src: 'data:image/png;base64,iVBORw0K' }
 * fileDisplay({ mediaType: 'image/svg+xml', url: 'data:image/svg+xml,<svg/>' }, new Set())
 * // { kind: 'placeholder', reason: 'unsafe-type', label: 'image/svg+xml' }
 */
export function fileDisplay(file: { mediaType: string; url: string }, allowedImageOrigins: ReadonlySet<string>): FileDisplay {
  const declared = mediaTypeEssence(file.mediaType)
  if (ACTIVE_TYPES.has(declared)) return { kind: 'placeholder', reason: 'unsafe-type', label: declared }
  const url = file.url.trim()
  if (/^data:/i.test(url)) {
    const embedded = dataUrlMediaType(url)
    if (ACTIVE_TYPES.has(embedded) || (embedded !== '' && embedded !== declared && RASTER_IMAGES.has(declared))) {
      return { kind: 'placeholder', reason: 'unsafe-type', label: embedded }
    }
    if (RASTER_IMAGES.has(declared)) return { kind: 'image', src: url }
    // `data:` text with no type is text/plain (RFC 2397): passive, like a PDF or a CSV.
    return { kind: 'download', href: url }
  }
  const href = url === '' ? undefined : safeLinkHref(url)
  if (href === undefined || !/^https?:/i.test(href)) return { kind: 'placeholder', reason: 'unsafe-url', label: url === '' ? 'no URL' : schemeOf(url) }
  if (!RASTER_IMAGES.has(declared)) return { kind: 'download', href }
  const verdict = imageVerdict(href, allowedImageOrigins)
  return verdict.allowed && verdict.src !== undefined ? { kind: 'image', src: verdict.src } : { kind: 'placeholder', reason: 'blocked-origin', label: verdict.label }
}

/**
 * Whether a media type is a raster image a message may display inline.
 *
 * @example
 * isRasterImageType('image/PNG') // true
 * isRasterImageType('image/svg+xml') // false
 */
export function isRasterImageType(mediaType: string): boolean {
  return RASTER_IMAGES.has(mediaTypeEssence(mediaType))
}

/** `Text/HTML; charset=utf-8` → `text/html`. */
function mediaTypeEssence(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase()
}

/** The media type a `data:` URL declares (`''` when it declares none). */
function dataUrlMediaType(url: string): string {
  const comma = url.indexOf(',')
  const header = url.slice('data:'.length, comma === -1 ? undefined : comma)
  return mediaTypeEssence(header)
}

function schemeOf(url: string): string {
  const match = /^([a-z][a-z\d+.-]*):/i.exec(url)
  return match ? `${match[1]!.toLowerCase()}:` : 'relative URL'
}
