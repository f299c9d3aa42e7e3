import { defaultInspectorLabels } from '../../src/components/labels/inspector-labels.ts'
import { defaultLabels, type RivuletLabels } from '../../src/components/labels/labels.ts'

const lower = 'ȧƀçđêƒĝĥîĵķļɱñôþǫŕšţûṽŵẋýž'
const upper = 'ȦƁÇĐÊƑĜĤÎĴĶĻṀÑÔÞǪŔŠŢÛṼŴẊÝŽ'

/** Every ASCII letter swapped for an accented look-alike: readable, and never English. */
export function pseudo(text: string): string {
  const swapped = text.replace(/[a-z]/gi, (c) => {
    const code = c.charCodeAt(0)
    return code >= 97 ? lower[code - 97]! : upper[code - 65]!
  })
  return `⟦${swapped}⟧`
}

function walk(value: unknown, key: string): unknown {
  if (key === 'locale') return value
  if (typeof value === 'string') return pseudo(value)
  if (typeof value === 'function') return (...args: unknown[]) => pseudo(String((value as (...a: unknown[]) => unknown)(...args)))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]))
  }
  return value
}

/**
 * The pseudo-locale: every label of {@link defaultLabels} (and the inspector's, which live in
 * its own module) with its letters accented and wrapped in ⟦…⟧. A component showing any ASCII
 * word under these labels has a string that does not come from the labels.
 */
export const pseudoLabels = walk({ ...defaultLabels, inspector: defaultInspectorLabels }, '') as RivuletLabels

/** Which `data-rivulet` parts hold conversation content (model or user text), not UI words. */
const contentParts = new Set([
  'user-text',
  'markdown',
  'markdown-group',
  'markdown-plain',
  'markdown-fallback',
  'blocked-link',
  'blocked-image-alt',
  'reasoning-text',
  'tool-call-name',
  'tool-call-args',
  'tool-call-result',
  'status',
  'code-content',
  'code-pre',
  'code-segment',
  'tool-call-error',
  'error-detail',
  'code-block',
  'code-line',
  'code-language',
  'empty-state',
  'message-editor-input',
  // The inspector's raw frames are the wire's bytes as they arrived.
  'inspector-frame-text',
  // The user's draft in the composer (its placeholder and name are still scanned).
  'composer-input',
  // File names are the user's (or the model's); an upload's error is the app's uploader's message.
  'attachment-name',
  'file-name',
  'attachment-error',
  // Sources are the model's: their titles, hosts and snippets.
  'source-title',
  'source-host',
])

/** Parts that hold the app's own components (a tool's `render`, a data renderer): everything inside is the app's. */
const appParts = new Set(['tool-ui', 'data-part'])

/** Attributes that repeat content: a file's name as its image's alt text or tooltip, a source's snippet. */
const contentAttributes: Record<string, readonly string[]> = {
  'attachment-name': ['title'],
  'file-image': ['alt'],
  'image-viewer-image': ['alt'],
  'image-viewer': ['aria-label'],
  'source-title': ['title'],
}

/** A file's size as `Intl` words it in the labels' locale ("2.3 MB", "26 bytes", "1 byte"): the locale's, not a label. */
const sizeParts = new Set(['file-size', 'attachment-detail'])
const intlSize = /^[\d.,\s\u00a0\u202f]+(?:bytes?|kB|MB|GB)$/

const uiAttributes = ['aria-label', 'title', 'placeholder', 'aria-description', 'aria-valuetext', 'alt']

/** How {@link findUntranslated} scans. */
export interface ScanOptions {
  /**
   * Only look inside Rivulet's own elements (those under a `data-rivulet` part): a story's
   * scaffolding (headings, demo buttons, the app's own wrapper) is the app's, not ours.
   */
  libraryOnly?: boolean
  /** Further `data-rivulet` parts whose text is content, not UI words (an app's own renderer). */
  contentParts?: readonly string[]
  /** Exact strings allowed to stay (proper nouns a story chose); each needs its reason where it is given. */
  allow?: readonly string[]
}

/**
 * The UI strings (text outside conversation content, and names/titles/placeholders anywhere)
 * under `root` that still contain an ASCII letter, with where they were found.
 */
export function findUntranslated(root: Element, options: ScanOptions = {}): string[] {
  const found: string[] = []
  const content = new Set([...contentParts, ...(options.contentParts ?? [])])
  const allowed = (value: string) => options.allow?.includes(value.trim()) === true
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT)
  for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      const element = node as Element
      const owner = element.closest('[data-rivulet]')
      if (options.libraryOnly && owner === null) continue
      const part = owner?.getAttribute('data-rivulet') ?? ''
      if (appParts.has(part)) continue
      for (const name of uiAttributes) {
        const value = element.getAttribute(name)
        if (element.getAttribute('data-rivulet') !== null && contentAttributes[part]?.includes(name)) continue
        if (value && /[A-Za-z]/.test(value) && !allowed(value)) found.push(`${name}="${value}" on <${element.tagName.toLowerCase()} data-rivulet="${element.getAttribute('data-rivulet') ?? ''}">`)
      }
      continue
    }
    const text = node.textContent ?? ''
    if (!/[A-Za-z]/.test(text) || allowed(text)) continue
    const owner = node.parentElement?.closest('[data-rivulet]')
    if (options.libraryOnly && !owner) continue
    // Hidden style sheets and scripts are not text anyone reads.
    if (node.parentElement?.closest('style, script, template') != null) continue
    const part = owner?.getAttribute('data-rivulet') ?? ''
    if (content.has(part) || appParts.has(part) || (sizeParts.has(part) && intlSize.test(text.trim()))) continue
    found.push(`"${text}" in data-rivulet="${part}"`)
  }
  return found
}
