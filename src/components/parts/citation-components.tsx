import { createElement, useContext, type ComponentPropsWithoutRef, type ReactNode } from 'react'
import type { Components, ExtraProps } from 'react-markdown'
import { CitationMarker, CitationScopeContext, type CitationScope } from './citation-link.tsx'
import { CITATION_CLOSE, CITATION_OPEN, citationNumber } from './citations.ts'

/** A placeholder `⁽n⁾` (see `citationPlaceholder`). */
const PLACEHOLDER = new RegExp(`${CITATION_OPEN}(\\d{1,6})${CITATION_CLOSE}`, 'g')
/** The same placeholder in a URL the parser percent-encoded (an autolinked URL it ended). */
const ENCODED_PLACEHOLDER = /%E2%81%BD\d{1,6}%E2%81%BE/gi

/** The source a placeholder number points at, if the message has it. */
function known(scope: CitationScope | undefined, n: number): boolean {
  return scope !== undefined && n > 0 && scope.sources[n - 1] !== undefined
}

/**
 * `text` with its placeholders as citation markers: the text itself when it has none (the
 * common case, one `indexOf`), else its pieces. A placeholder for a source the message does
 * not have stays as written.
 */
function splitText(text: string, scope: CitationScope | undefined, key: string): ReactNode {
  if (scope === undefined || !text.includes(CITATION_OPEN)) return text
  const pieces: ReactNode[] = []
  let from = 0
  for (const match of text.matchAll(PLACEHOLDER)) {
    const n = Number(match[1])
    if (!known(scope, n)) continue
    if (match.index > from) pieces.push(text.slice(from, match.index))
    pieces.push(<CitationMarker key={`${key}-${match.index}`} n={n} scope={scope} />)
    from = match.index + match[0].length
  }
  if (from === 0) return text
  if (from < text.length) pieces.push(text.slice(from))
  return pieces
}

/** Children with their text's placeholders turned into markers (elements are left to their own components). */
function withMarkers(children: ReactNode, scope: CitationScope | undefined): ReactNode {
  if (scope === undefined) return children
  if (typeof children === 'string') return splitText(children, scope, 'm')
  if (!Array.isArray(children)) return children
  return children.map((child: ReactNode, index) => (typeof child === 'string' ? splitText(child, scope, `m${index}`) : child))
}

/** Element names whose text can hold a marker; each renders as itself with its placeholders replaced. */
const PHRASING = ['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'th', 'em', 'strong', 'del'] as const

function phrasing(tag: (typeof PHRASING)[number]) {
  // The props are the element's own, as react-markdown made them for this very tag.
  function Phrasing({ node: _node, children, ...props }: ComponentPropsWithoutRef<'p'> & ExtraProps) {
    const scope = useContext(CitationScopeContext)
    return createElement(tag, props, withMarkers(children, scope))
  }
  Phrasing.displayName = `Cited(${tag})`
  return Phrasing
}

/** The numbers of the placeholders in a link's text, and that text without them. */
function takeMarkers(children: ReactNode, scope: CitationScope | undefined): { rest: ReactNode; numbers: number[] } {
  const numbers: number[] = []
  const strip = (text: string) =>
    text.replace(PLACEHOLDER, (whole, digits: string) => {
      const n = Number(digits)
      if (!known(scope, n)) return whole
      numbers.push(n)
      return ''
    })
  const rest = typeof children === 'string' ? strip(children) : Array.isArray(children) ? children.map((child: ReactNode) => (typeof child === 'string' ? strip(child) : child)) : children
  return { rest, numbers }
}

/**
 * The markdown `a` of assistant text. A marker link (`#rivulet-cite-n`) becomes a citation
 * marker; a link whose text holds placeholders (a GFM autolink runs on into a marker written
 * right after a URL) renders without them, its markers after it, so no marker ends up inside
 * a link or its address. Every other link renders as it came (already made safe).
 */
function MarkdownLink({ node: _node, href, children, ...props }: ComponentPropsWithoutRef<'a'> & ExtraProps) {
  const scope = useContext(CitationScopeContext)
  const n = citationNumber(href)
  if (n !== undefined && scope !== undefined && known(scope, n)) return <CitationMarker n={n} scope={scope} />
  const { rest, numbers } = takeMarkers(children, scope)
  const link = (
    <a href={numbers.length === 0 ? href : href?.replace(ENCODED_PLACEHOLDER, '').replace(PLACEHOLDER, '')} {...props}>
      {rest}
    </a>
  )
  if (numbers.length === 0 || scope === undefined) return link
  return (
    <>
      {link}
      {numbers.map((number, index) => (
        <CitationMarker key={index} n={number} scope={scope} />
      ))}
    </>
  )
}

/**
 * Markdown components of assistant text: citation placeholders (`⁽n⁾`) in text become
 * citation markers pointing at the message's Sources list (see `CitationScopeContext`), as
 * do marker links. A constant, so blocks stay memoised; `pre` and `code` are left alone (the
 * markdown renderer's fast path for a lone fence needs the default ones).
 */
export const citationComponents: Components = {
  a: MarkdownLink,
  ...Object.fromEntries(PHRASING.map((tag) => [tag, phrasing(tag)])),
}
