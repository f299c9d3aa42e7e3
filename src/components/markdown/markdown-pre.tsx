import { createContext, useContext, type ComponentPropsWithoutRef } from 'react'
import type { ExtraProps } from 'react-markdown'
import type { Element, ElementContent } from 'hast'
import { CodeBlock } from '../code-block/code-block.tsx'

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
export const OpenFenceEnd = createContext<OpenFenceInfo | undefined>(undefined)

/** The fence still being written, as {@link OpenFenceEnd} gives it. */
export interface OpenFenceInfo {
  /** Its end offset in the repaired text. */
  end: number
  /** Its last code line is finished (a newline follows it in the unrepaired text): the code block colours it now. */
  lineFinished: boolean
}

/**
 * Renders a fenced code block with `CodeBlock`: the default `pre` of every markdown block.
 * It lives outside the lazily loaded parser so a block's component set is the same object
 * before and after the parser arrives.
 *
 * @example
 * <Markdown components={{ pre: Pre }}>{'```ts\nlet a\n```'}</Markdown>
 */
export function Pre({ node, ...props }: ComponentPropsWithoutRef<'pre'> & ExtraProps) {
  const openFence = useContext(OpenFenceEnd)
  const code = node?.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code')
  if (!code) return <pre {...props} />
  // mdast-util-to-hast adds a final newline to fenced code; the source text has none.
  const text = codeText(code.children).replace(/\n$/, '')
  const complete = openFence === undefined || node?.position?.end.offset !== openFence.end
  // Repair closed the fence right after the last line's newline, or over a closer being typed: as `readFenceBlock` does, the newline stays.
  const finished = !complete && openFence.lineFinished ? '\n' : ''
  return <CodeBlock code={text + finished} language={languageOf(code)} complete={complete} />
}
