/** The text ends inside the destination or title: the link is still being written. */
export const INCOMPLETE = -1
/** What follows `](` cannot be a link destination: the brackets are plain text. */
export const NOT_A_LINK = -2

const WHITESPACE = /\s/

/**
 * Index of the `)` that ends a link destination (and optional title) starting at `from`,
 * just after `](`; {@link INCOMPLETE} when the text ends first, {@link NOT_A_LINK} when it
 * cannot be one. Follows CommonMark: `<…>` destinations, balanced parentheses, escapes, and
 * `"…"`, `'…'` or `(…)` titles.
 *
 * @example
 * findDestinationEnd('[a](https://x.io) b', 4) // 16
 * findDestinationEnd('[a](https://x', 4) // INCOMPLETE
 */
export function findDestinationEnd(text: string, from: number): number {
  let i = from
  while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n') i++
  if (i >= text.length) return INCOMPLETE
  if (text[i] === '<') {
    const close = text.indexOf('>', i)
    if (close === -1) return text.indexOf('\n', i) === -1 ? INCOMPLETE : NOT_A_LINK
    i = close + 1
  } else {
    let depth = 0
    for (; i < text.length; i++) {
      const char = text[i] as string
      if (char === '\\') i++
      else if (char === '(') depth++
      else if (char === ')') {
        if (depth === 0) return i
        depth--
      } else if (WHITESPACE.test(char)) break
    }
  }
  while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n') i++
  if (i >= text.length) return INCOMPLETE
  const open = text[i] as string
  if (open === '"' || open === "'" || open === '(') {
    const close = open === '(' ? ')' : open
    let j = i + 1
    while (j < text.length && text[j] !== close) j += text[j] === '\\' ? 2 : 1
    if (j >= text.length) return INCOMPLETE
    i = j + 1
    while (text[i] === ' ' || text[i] === '\t') i++
    if (i >= text.length) return INCOMPLETE
  }
  return text[i] === ')' ? i : NOT_A_LINK
}
