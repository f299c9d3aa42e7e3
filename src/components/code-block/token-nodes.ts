import type { HighlightedLine, TokenStyle } from './highlight-types.ts'

/**
 * Writes a coloured line's tokens into its line element as `<span style="…">` nodes, before
 * the element's existing children (its newline), and returns how many it wrote.
 *
 * Why not one React element per token: a 3,000-line fence is ~55,000 token spans, and as
 * React elements each is a fiber, a props object, a style object applied property by property
 * and a JavaScript wrapper for its node, all alive for as long as the block is. Tracing that
 * heap made the major GCs that were the fence's longest tasks while it streamed (60–180 ms
 * of CPU), and setting inline styles one property at a time was most of React's commit of a
 * frame's new lines. Parsed from markup, the spans have no fiber and no wrapper, and each
 * style attribute is one string. The markup is built here with everything escaped; where
 * the page forbids it (Trusted Types) or the text holds a NUL (the HTML parser drops it), the
 * spans are built node by node instead, with the same result.
 *
 * @example
 * const written = writeTokens(lineElement, [{ content: 'const', style: { color: '#CF222E' } }]) // 1
 */
export function writeTokens(line: HTMLElement, tokens: HighlightedLine): number {
  const runs = mergeRuns(tokens)
  if (runs.length === 0) return 0
  if (markupAllowed && !runs.some((run) => run.content.includes('\u0000'))) {
    try {
      line.insertAdjacentHTML('afterbegin', runs.map((run) => `<span style="${escapeAttribute(cssText(run.style))}">${escapeText(run.content)}</span>`).join(''))
      return runs.length
    } catch {
      // A Trusted Types policy refused the markup: node by node from now on.
      markupAllowed = false
    }
  }
  const document = line.ownerDocument
  const fragment = document.createDocumentFragment()
  for (const run of runs) {
    const span = document.createElement('span')
    span.setAttribute('style', cssText(run.style))
    span.textContent = run.content
    fragment.append(span)
  }
  line.insertBefore(fragment, line.firstChild)
  return runs.length
}

/** Removes what {@link writeTokens} wrote: the line's element children (its other children are text). */
export function clearTokens(line: HTMLElement): void {
  for (const child of [...line.children]) child.remove()
}

let markupAllowed = true

interface Run {
  content: string
  style: TokenStyle
}

// Neighbours with the same style (the same interned object) are one span: fewer nodes, same colours.
function mergeRuns(tokens: HighlightedLine): Run[] {
  const runs: Run[] = []
  for (const token of tokens) {
    const content = token.content
    if (content === '') continue
    const previous = runs[runs.length - 1]
    if (previous && previous.style === token.style) previous.content += content
    else runs.push({ content, style: token.style })
  }
  return runs
}

const cssTexts = new WeakMap<TokenStyle, string>()

/** A token style as the text of a `style` attribute (`fontStyle` → `font-style`; custom properties as they are). */
export function cssText(style: TokenStyle): string {
  let text = cssTexts.get(style)
  if (text === undefined) {
    text = Object.entries(style)
      .map(([name, value]) => `${name.startsWith('--') ? name : name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}:${value}`)
      .join(';')
    cssTexts.set(style, text)
  }
  return text
}

const escapeText = (text: string) => text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
const escapeAttribute = (text: string) => text.replace(/[&"<]/g, (c) => (c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&lt;'))
