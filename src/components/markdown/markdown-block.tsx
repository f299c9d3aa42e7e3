import { createContext, memo, useContext, useMemo, type ComponentPropsWithoutRef, type ReactNode } from 'react'
import Markdown, { type Components, type ExtraProps, type UrlTransform } from 'react-markdown'
import type { ElementContent, Element } from 'hast'
import { CodeBlock } from '../code-block/code-block.tsx'
import { useLabels } from '../labels/labels-context.tsx'
import { limitNesting } from './limit-nesting.ts'
import { rehypeSafeResources } from './rehype-safe-resources.ts'
import { remarkGfmPrebuilt } from './remark-gfm-prebuilt.ts'
import { remarkHtmlAsText } from './remark-html-as-text.ts'
import { repairMarkdownDetailed } from './repair-markdown.ts'
import { safeLinkHref } from './safe-url.ts'
import { TaskCheckbox } from './task-checkbox.tsx'

/** Props of {@link MarkdownBlock}. */
export interface MarkdownBlockProps {
  /** One top-level block of markdown, as split by `splitBlocks`. */
  text: string
  /** Close unfinished syntax (the last block of a message that is still streaming). */
  streaming: boolean
  /** Origins images may load from. Keep the same Set instance between renders. */
  allowedImageOrigins: ReadonlySet<string>
  /** `target` for external links, `undefined` for none. */
  linkTarget: string | undefined
  /** react-markdown component overrides. Keep the same object between renders, or every block re-renders. */
  components: Components | undefined
  /** Nesting cap, see `limitNesting`. */
  maxNesting: number
  /** Link reference definitions from the other blocks of the message, one per line. */
  definitions?: string
}

const remarkPlugins = [remarkGfmPrebuilt, remarkHtmlAsText]

/**
 * A single block longer than this is shown as plain text. Markdown parsing of one huge
 * paragraph grows faster than its length (a 1 MB line never finished; 200 KB took 10 s), so a
 * model — or an attacker — that writes one must not freeze the tab. Real answers split into
 * many blocks long before this.
 */
export const MAX_MARKDOWN_BLOCK_CHARS = 50_000

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

/** Renders a fenced code block with `CodeBlock`. */
function Pre({ node, ...props }: ComponentPropsWithoutRef<'pre'> & ExtraProps) {
  const openFenceEnd = useContext(OpenFenceEnd)
  const code = node?.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code')
  if (!code) return <pre {...props} />
  // mdast-util-to-hast adds a final newline to fenced code; the source text has none.
  const text = codeText(code.children).replace(/\n$/, '')
  const complete = openFenceEnd === undefined || node?.position?.end.offset !== openFenceEnd
  return <CodeBlock code={text} language={languageOf(code)} complete={complete} />
}

/**
 * One top-level block of a message, memoised: while a message streams, only its last
 * block receives new text, so only it re-renders. Parsing never throws out of here: if
 * hostile input still defeats the nesting cap, the block falls back to plain text.
 *
 * @example
 * <MarkdownBlock text={'**Hi**'} streaming={false} allowedImageOrigins={new Set()} linkTarget="_blank" components={undefined} maxNesting={32} />
 */
export const MarkdownBlock = memo(function MarkdownBlock({
  text,
  streaming,
  allowedImageOrigins,
  linkTarget,
  components,
  maxNesting,
  definitions = '',
}: MarkdownBlockProps): ReactNode {
  const imageBlocked = useLabels().markdown.imageBlocked
  const allComponents = useMemo<Components>(() => ({ pre: Pre, input: TaskCheckbox, ...components }), [components])
  const rendered = useMemo(() => {
    const limited = limitNesting(text, maxNesting)
    if (limited.length > MAX_MARKDOWN_BLOCK_CHARS) {
      return (
        <p data-rivulet="markdown-plain" style={{ whiteSpace: 'pre-wrap' }}>
          {text}
        </p>
      )
    }
    const repaired = repairMarkdownDetailed(limited)
    const source = streaming ? repaired.text : limited
    const openFenceEnd = streaming && repaired.openFence ? repaired.text.length : undefined
    // Definitions go after a blank line, where they cannot join the block, unless a fence would swallow them.
    const usesReferences = definitions !== '' && !repaired.openFence && text.includes(']') && !text.trimStart().startsWith('<')
    try {
      const tree = Markdown({
        children: usesReferences ? source + '\n\n' + definitions : source,
        remarkPlugins,
        rehypePlugins: [[rehypeSafeResources, { allowedImageOrigins, linkTarget, imageBlocked }]],
        components: allComponents,
        urlTransform,
      })
      return <OpenFenceEnd.Provider value={openFenceEnd}>{tree}</OpenFenceEnd.Provider>
    } catch {
      return <p data-rivulet="markdown-fallback">{text}</p>
    }
  }, [text, streaming, allowedImageOrigins, linkTarget, allComponents, maxNesting, definitions, imageBlocked])
  return rendered
})
