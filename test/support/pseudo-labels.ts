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
 * The pseudo-locale: every label of {@link defaultLabels} with its letters accented and
 * wrapped in ⟦…⟧. A component showing any ASCII word under these labels has a string that
 * does not come from the labels.
 */
export const pseudoLabels = walk(defaultLabels, '') as RivuletLabels

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
])

const uiAttributes = ['aria-label', 'title', 'placeholder', 'aria-description', 'aria-valuetext', 'alt']

/**
 * The UI strings (text outside conversation content, and names/titles/placeholders anywhere)
 * under `root` that still contain an ASCII letter, with where they were found.
 */
export function findUntranslated(root: Element): string[] {
  const found: string[] = []
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT)
  for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      const element = node as Element
      for (const name of uiAttributes) {
        const value = element.getAttribute(name)
        if (value && /[A-Za-z]/.test(value)) found.push(`${name}="${value}" on <${element.tagName.toLowerCase()} data-rivulet="${element.getAttribute('data-rivulet') ?? ''}">`)
      }
      continue
    }
    const text = node.textContent ?? ''
    if (!/[A-Za-z]/.test(text)) continue
    const owner = node.parentElement?.closest('[data-rivulet]')
    const part = owner?.getAttribute('data-rivulet') ?? ''
    if (contentParts.has(part)) continue
    found.push(`"${text}" in data-rivulet="${part}"`)
  }
  return found
}
