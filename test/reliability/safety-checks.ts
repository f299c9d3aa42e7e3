import { ALLOWED_IMAGE_ORIGIN, ATTACKER } from './hostile-cases.ts'

const SCRIPT_SCHEME = /^[\s\u0000-\u001f]*(?:javascript|vbscript|data|file)\s*:/i
const URL_ATTRIBUTES = ['href', 'src', 'srcset', 'action', 'formaction', 'poster', 'data', 'background', 'xlink:href']
const RAW_ELEMENTS = 'script, iframe, frame, svg, math, object, embed, style, link, meta, base, form, input, video, audio, source, picture, template'

/**
 * What rendered hostile markdown must never contain, or `undefined` when it is clean: a URL
 * attribute with a script-capable scheme, an `<img>` or `srcset` off the allowed origin, any
 * element raw HTML could make, an event-handler attribute, a CSS `url()`, or a `<div>` that is
 * not one of Rivulet's own parts (markdown never makes one).
 *
 * @example
 * expect(unsafeDom(container)).toBeUndefined()
 */
export function unsafeDom(container: Element): string | undefined {
  for (const element of container.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase()
      if (name.startsWith('on')) return `event handler ${name} on <${element.localName}>`
      if (name === 'style' && /url\s*\(/i.test(attribute.value)) return `CSS url() on <${element.localName}>`
      if (URL_ATTRIBUTES.includes(name) && SCRIPT_SCHEME.test(attribute.value)) return `${name}="${attribute.value}" on <${element.localName}>`
      if (name === 'srcset') return `srcset on <${element.localName}>`
    }
  }
  for (const image of container.querySelectorAll('img')) {
    const src = image.getAttribute('src') ?? ''
    let origin = ''
    try {
      origin = new URL(src, location.href).origin
    } catch {
      return `img with unparsable src ${src}`
    }
    if (origin !== ALLOWED_IMAGE_ORIGIN) return `img from ${origin}`
  }
  const raw = container.querySelector(RAW_ELEMENTS)
  if (raw) return `raw <${raw.localName}>`
  for (const div of container.querySelectorAll('div')) {
    if (!div.hasAttribute('data-rivulet') && div.closest('[data-rivulet="code-block"], [data-rivulet="tool-call"]') === null) return 'a <div> from raw HTML'
  }
  return undefined
}

/**
 * The browser's own network log (resource timing), watched from now on, keeping only requests
 * to the attacker. Chromium records refused connections too; the control test proves it here.
 *
 * @example
 * const log = watchAttackerRequests()
 * // … render …
 * expect(log.requests()).toEqual([])
 */
export function watchAttackerRequests(): { requests(): string[]; stop(): void } {
  const attacker = new URL(ATTACKER)
  const seen: string[] = []
  const isAttacker = (name: string) => {
    try {
      const url = new URL(name)
      return url.host === attacker.host || url.hostname.endsWith('evil.example')
    } catch {
      return false
    }
  }
  // The observer is not limited by the resource timing buffer (250 entries by default).
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (isAttacker(entry.name)) seen.push(entry.name)
  })
  observer.observe({ type: 'resource' })
  return {
    requests: () => {
      for (const entry of observer.takeRecords()) if (isAttacker(entry.name)) seen.push(entry.name)
      return [...seen]
    },
    stop: () => observer.disconnect(),
  }
}
