/**
 * A base no real page has: URLs are resolved against it exactly as a browser resolves them
 * against the page, and anything that ends up on another host was not relative.
 */
const SENTINEL = 'https://rivulet.invalid/'
const SENTINEL_HOST = 'rivulet.invalid'
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])
const IMAGE_PROTOCOLS = new Set(['http:', 'https:'])

/**
 * What the WHATWG URL parser ignores: leading and trailing C0 controls and spaces, and
 * tabs and newlines anywhere. Removing them first means `java\tscript:` and
 * ` javascript:` are seen as the scheme the browser would see.
 */
function normalize(url: string): string {
  // eslint-disable-next-line no-control-regex
  return url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '')
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url, SENTINEL)
  } catch {
    return undefined
  }
}

/**
 * The href to render for a markdown link, or `undefined` when the link must be plain text.
 * Allowed: `http:`, `https:`, `mailto:`, `#anchors` and relative paths. Every other scheme
 * (`javascript:`, `vbscript:`, `data:`, `file:`…, in any case or spelling the browser would
 * accept) is refused. A protocol-relative `//host/x` (or `/\host/x`) is external: it is
 * returned as the absolute `https:` URL it stands for.
 *
 * @example
 * safeLinkHref('https://example.com/a') // 'https://example.com/a'
 * safeLinkHref('//example.com/a') // 'https://example.com/a'
 * safeLinkHref('JaVaScRiPt:alert(1)') // undefined
 */
export function safeLinkHref(url: string): string | undefined {
  const cleaned = normalize(url)
  const parsed = parse(cleaned)
  if (!parsed || !LINK_PROTOCOLS.has(parsed.protocol)) return undefined
  if (parsed.protocol === 'mailto:') return cleaned
  if (parsed.host === SENTINEL_HOST && !/^[a-z][a-z\d+.-]*:/i.test(cleaned)) return cleaned
  return parsed.href
}

/**
 * The link to keep for a cited source, or `undefined` when it must go: only absolute `http:`
 * and `https:` URLs (a protocol-relative one counts as `https:`). Sources come from the model
 * and the web, so `javascript:`, `data:` and relative URLs are never links.
 *
 * @example
 * safeSourceUrl('https://example.com/a b') // 'https://example.com/a%20b'
 * safeSourceUrl('javascript:alert(1)') // undefined
 */
export function safeSourceUrl(url: string): string | undefined {
  const cleaned = normalize(url)
  const parsed = parse(cleaned)
  if (!parsed || !IMAGE_PROTOCOLS.has(parsed.protocol)) return undefined
  if (parsed.host === SENTINEL_HOST && !/^[a-z][a-z\d+.-]*:/i.test(cleaned)) return undefined
  return parsed.href
}

/** Whether an image may load, and the host to name when it may not. */
export interface ImageVerdict {
  allowed: boolean
  /** The absolute URL to load when allowed. */
  src: string | undefined
  /** The host (or, for other schemes, the scheme; for relative URLs `relative URL`) to show in the placeholder. */
  label: string
}

/**
 * Normalises allowlist entries (`https://cdn.example.com/anything`) to origins.
 *
 * @example
 * toOrigins(['https://cdn.example.com/x']) // Set { 'https://cdn.example.com' }
 */
export function toOrigins(allowed: readonly string[]): Set<string> {
  const origins = new Set<string>()
  for (const entry of allowed) {
    try {
      const { origin } = new URL(entry)
      if (origin !== 'null') origins.add(origin)
    } catch {
      // An entry that is not a URL allows nothing.
    }
  }
  return origins
}

/**
 * Decides whether an image URL may be requested: only absolute `http(s)` URLs (a
 * protocol-relative one counts as `https:`) whose origin is allowed. Relative URLs are
 * refused too: the page's own origin must be listed to be trusted, and on the server
 * there is no page to resolve against.
 *
 * @example
 * imageVerdict('https://evil.example/?q=secret', new Set()) // { allowed: false, src: undefined, label: 'evil.example' }
 */
export function imageVerdict(url: string, allowedOrigins: ReadonlySet<string>): ImageVerdict {
  const cleaned = normalize(url)
  const parsed = parse(cleaned)
  if (!parsed) return { allowed: false, src: undefined, label: 'invalid URL' }
  if (!IMAGE_PROTOCOLS.has(parsed.protocol)) return { allowed: false, src: undefined, label: parsed.protocol }
  if (parsed.host === SENTINEL_HOST && !/^[a-z][a-z\d+.-]*:/i.test(cleaned)) return { allowed: false, src: undefined, label: 'relative URL' }
  if (!allowedOrigins.has(parsed.origin)) return { allowed: false, src: undefined, label: parsed.host }
  return { allowed: true, src: parsed.href, label: parsed.host }
}
