import { Fragment, type ReactNode } from 'react'
import { HEADING, THEMATIC_BREAK } from './block-lines.ts'
import { tableRow } from './table-cells.ts'

/*
 * What an answer shows before the markdown parser (or the pipeline around it) has loaded: a
 * restored thread on a reloaded page renders before those lazy chunks land. Showing the
 * source text as it is flashed `**`, `#`, `|` and backticks at the reader; instead each block
 * becomes the element it will become (heading, list, quote, table, code, paragraph), so the
 * layout barely moves when the real render replaces it, and the syntax characters stay in
 * the DOM but hidden (`display: none`): the text is readable, selectable and in the
 * accessibility tree, the markers are not, and `textContent` is still the source. Nothing
 * here is parsed the way the real parser does it; it only has to look right for a moment.
 * No link is made clickable and no image is requested: that waits for the real, safe render.
 */

/** A syntax marker, hidden from sight and from assistive technology. */
const hide = (text: string, key?: number): ReactNode => (
  <span key={key} data-rivulet="markdown-syntax" style={{ display: 'none' }}>
    {text}
  </span>
)

/** Escapes, code spans, strong/strikethrough, emphasis, and links/images, in that order of precedence. */
const INLINE = /\\([!-/:-@[-`{-~])|(`+)(?!`)([\s\S]*?[^`])\2(?!`)|(\*\*|__|~~)(?=\S)([\s\S]*?\S)\4|(?<![\w*])([*_])(?=[^\s*_])([\s\S]*?[^\s\\*_])\6(?![\w*])|(!?\[)([^\]\n]*)(\]\([^)\s]*(?:\s+"[^"\n]*")?\))/g

/**
 * Inline markdown as text with its markers hidden: code spans keep their `<code>` look;
 * emphasis, strikethrough and links show as plain words until the real render.
 */
function inline(text: string): ReactNode[] {
  const nodes: ReactNode[] = []
  let last = 0
  let key = 0
  for (const match of text.matchAll(INLINE)) {
    const at = match.index
    if (at > last) nodes.push(text.slice(last, at))
    const [whole, escaped, ticks, code, pair, paired, star, starred, open, label, close] = match
    if (escaped !== undefined) nodes.push(hide('\\', key++), escaped)
    else if (ticks !== undefined) nodes.push(hide(ticks, key++), <code key={key++}>{code}</code>, hide(ticks, key++))
    else if (pair !== undefined) nodes.push(hide(pair, key++), <Fragment key={key++}>{inline(paired as string)}</Fragment>, hide(pair, key++))
    else if (star !== undefined) nodes.push(hide(star, key++), <Fragment key={key++}>{inline(starred as string)}</Fragment>, hide(star, key++))
    else if (open !== undefined) nodes.push(hide(open, key++), <Fragment key={key++}>{inline(label as string)}</Fragment>, hide(close as string, key++))
    else nodes.push(whole)
    last = at + whole.length
  }
  if (last < text.length) nodes.push(text.slice(last))
  return nodes
}

const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)/
const LIST_ITEM = /^[ \t]*(?:([-+*])|\d{1,9}[.)])[ \t]+/
const QUOTE = /^ {0,3}> ?/
const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/

/** The cells of a table row, each with its leading pipe hidden. */
function cells(row: string, Cell: 'th' | 'td', key: number): ReactNode {
  const { cells: parts, leading, trailing } = tableRow(row)
  const last = parts.length - 1
  return (
    <tr key={key}>
      {parts.map((cell, index) => (
        <Cell key={index}>
          {index > 0 || leading ? hide('|') : null}
          {inline(cell.trim())}
          {index === last && trailing ? hide('|') : null}
        </Cell>
      ))}
    </tr>
  )
}

/** Lines with the marker each one starts with (matched by `marker`) hidden. */
function stripped(lines: readonly string[], marker: RegExp): ReactNode[] {
  return lines.flatMap((line, index) => {
    const found = marker.exec(line)?.[0] ?? ''
    return [index > 0 ? '\n' : null, found === '' ? null : hide(found, 2 * index), <Fragment key={2 * index + 1}>{inline(line.slice(found.length))}</Fragment>]
  })
}

/**
 * One top-level block of markdown as a stand-in for its rendered form (see the module
 * comment): the same element type, its markers hidden. Every block element carries
 * `data-rivulet="markdown-pending"`.
 *
 * @example
 * <MarkdownStandInBlock text={'## Title with **bold**'} /> // <h2>, "Title with bold" shown
 */
export function MarkdownStandInBlock({ text }: { text: string }): ReactNode {
  // The blank lines that end a block are its separator, not its text (the parser drops them too).
  const source = text.trim()
  const lines = source.split('\n')
  const first = lines[0] as string
  const fence = FENCE.exec(first)
  if (fence) {
    const closed = lines.length > 1 && (lines[lines.length - 1] as string).trim().startsWith(fence[1] as string)
    const code = lines.slice(1, closed ? -1 : undefined).join('\n')
    return (
      <div data-rivulet="code-block" data-state="pending">
        <div data-rivulet="code-header" aria-hidden="true">
          {fence[2] ? <span data-rivulet="code-language">{fence[2]}</span> : null}
          {/* Holds the Copy button's place, so the header is as tall as the real one. */}
          <span data-rivulet="copy-button" style={{ display: 'inline-block', visibility: 'hidden' }}>
            Copy
          </span>
        </div>
        <pre data-rivulet="code-pre" data-pending="">
          {hide(first + '\n')}
          <code data-rivulet="markdown-pending">{code}</code>
          {closed ? hide('\n' + (lines[lines.length - 1] as string)) : null}
        </pre>
      </div>
    )
  }
  const heading = HEADING.exec(first)
  if (heading) {
    const Heading = `h${(heading[1] as string).length}` as 'h1'
    const title = <Heading data-rivulet="markdown-pending">
        {hide(heading[0])}
        {inline(first.slice(heading[0].length))}
      </Heading>
    // A heading ends at its line: what follows in the block is a block of its own.
    return lines.length === 1 ? title : <>{title}<MarkdownStandInBlock text={lines.slice(1).join('\n')} /></>
  }
  if (lines.length > 1 && first.includes('|') && DELIMITER_ROW.test(lines[1] as string)) {
    return (
      <table data-rivulet="markdown-pending">
        <thead>{cells(first, 'th', 0)}</thead>
        <tbody data-rivulet="markdown-syntax" style={{ display: 'none' }}>
          <tr>
            <td>{lines[1]}</td>
          </tr>
        </tbody>
        <tbody>{lines.slice(2).map((row, index) => cells(row, 'td', index))}</tbody>
      </table>
    )
  }
  const item = LIST_ITEM.exec(first)
  if (item && !THEMATIC_BREAK.test(first)) {
    // Each marker line starts an item (nested ones too, flattened); other lines continue it.
    const items: string[][] = []
    for (const line of lines) {
      if (LIST_ITEM.test(line) || items.length === 0) items.push([line])
      else items[items.length - 1]?.push(line.trimStart())
    }
    const List = item[1] === undefined ? 'ol' : 'ul'
    return (
      <List data-rivulet="markdown-pending">
        {items.map((itemLines, index) => (
          <li key={index}>{stripped(itemLines, LIST_ITEM)}</li>
        ))}
      </List>
    )
  }
  if (QUOTE.test(first)) {
    return (
      <blockquote data-rivulet="markdown-pending">
        <p>{stripped(lines, QUOTE)}</p>
      </blockquote>
    )
  }
  if (THEMATIC_BREAK.test(source)) return <hr data-rivulet="markdown-pending" />
  return <p data-rivulet="markdown-pending">{inline(source)}</p>
}

/**
 * Splits a whole answer into blocks for {@link MarkdownStandInBlock}: at blank lines, except
 * inside a code fence.
 *
 * @example
 * standInBlocks('# A\n\n```\nx\n\ny\n```') // ['# A', '```\nx\n\ny\n```']
 */
export function standInBlocks(text: string): string[] {
  const blocks: string[] = []
  let current: string[] = []
  let fence: string | undefined
  for (const line of text.split('\n')) {
    const marker = FENCE.exec(line)?.[1]
    if (fence === undefined && line.trim() === '') {
      if (current.length > 0) blocks.push(current.join('\n'))
      current = []
      continue
    }
    current.push(line)
    if (fence === undefined) fence = marker
    else if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined
  }
  if (current.length > 0) blocks.push(current.join('\n'))
  return blocks
}
