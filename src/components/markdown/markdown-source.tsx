import { createContext, useContext, type ComponentPropsWithoutRef, type ReactNode } from 'react'
import Markdown, { type Components, type ExtraProps, type UrlTransform } from 'react-markdown'
import type { Element, ElementContent } from 'hast'
import { CodeBlock } from '../code-block/code-block.tsx'
import { rehypeSafeResources } from './rehype-safe-resources.ts'
import { remarkGfmPrebuilt } from './remark-gfm-prebuilt.ts'
import { remarkHtmlAsText } from './remark-html-as-text.ts'
import { remarkRestoreEscapes } from './escape-placeholders.ts'
import { safeLinkHref } from '../../protocol/safe-url.ts'

const remarkPlugins = [remarkGfmPrebuilt, remarkHtmlAsText, remarkRestoreEscapes]

/** Second line of defence after the rehype plugin: react-markdown calls this for every URL attribute it renders. */
const urlTransform: UrlTransform = (url, key) => (key === 'href' ? (safeLinkHref(url) ?? '') : url)

function codeText(nodes: readonly ElementContent[]): string {
  return nodes.map((node) => (node.type === 'text' ? node.value : node.type === 'element' ? codeText(node.children) : '')).join('')
}

function languageOf(code: Element): string | undefined {
  const className: unknown = code.properties.className
  const classes: string[] = Array.isArray(className) ? className.map(String) : String(className ?? '').split(' ')
  const language = classes.find((name) => name.startsWith('language-'))
  return language?.slice('language-'.length) || undefined
}

/**
 * Where, in the repaired text, the fence that repair had to close ends: that fence is still
 * being written. A context rather than a `pre` made per render: a new component type on
 * every token would remount the streaming code block, DOM and all.
 */
const OpenFenceEnd = createContext<number | undefined>(undefined)

/**
 * Renders a fenced code block with `CodeBlock`: the default `pre` of every markdown block.
 *
 * @example
 * <Markdown components={{ pre: Pre }}>{'```ts\nlet a\n```'}</Markdown>
 */
export function Pre({ node, ...props }: ComponentPropsWithoutRef<'pre'> & ExtraProps) {
  const openFenceEnd = useContext(OpenFenceEnd)
  const code = node?.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code')
  if (!code) return <pre {...props} />
  // mdast-util-to-hast adds a final newline to fenced code; the source text has none.
  const text = codeText(code.children).replace(/\n$/, '')
  const complete = openFenceEnd === undefined || node?.position?.end.offset !== openFenceEnd
  return <CodeBlock code={text} language={languageOf(code)} complete={complete} />
}

/** What {@link renderMarkdownSource} needs besides the text. */
export interface MarkdownSourceOptions {
  allowedImageOrigins: ReadonlySet<string>
  linkTarget: string | undefined
  /** Every component react-markdown should use, `pre` included. */
  components: Components
  /** In `source`, where a fence that is still being written ends (it was closed by repair). */
  openFenceEnd?: number | undefined
  /** The placeholder text of a blocked image, from the labels. */
  imageBlocked?: (host: string) => string
}

/**
 * Parses and renders markdown with react-markdown, GFM, HTML as text and the safety
 * plugins: the one path every block takes unless a faster equivalent applies (a lone
 * fence, a long table). Throws what the parser throws.
 *
 * @example
 * renderMarkdownSource('**hi**', { allowedImageOrigins: new Set(), linkTarget: undefined, components: { pre: Pre } })
 */
export function renderMarkdownSource(source: string, options: MarkdownSourceOptions): ReactNode {
  const { allowedImageOrigins, linkTarget, components, openFenceEnd, imageBlocked } = options
  const tree = Markdown({
    children: source,
    remarkPlugins,
    rehypePlugins: [[rehypeSafeResources, { allowedImageOrigins, linkTarget, imageBlocked }]],
    components,
    urlTransform,
  })
  // Always inside the provider: a tree shape that changed when a fence closes would remount its code block.
  return <OpenFenceEnd.Provider value={openFenceEnd}>{tree}</OpenFenceEnd.Provider>
}
