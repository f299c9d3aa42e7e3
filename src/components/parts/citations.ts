import type { TextCitation } from '../../core/state.ts'

/** The fragment prefix of the markdown links that stand for citation markers. */
export const CITATION_HREF_PREFIX = '#rivulet-cite-'

/** Opens a citation placeholder: `⁽n⁾` (superscript parentheses around ASCII digits). */
export const CITATION_OPEN = '\u207d'
/** Closes a citation placeholder. */
export const CITATION_CLOSE = '\u207e'

/**
 * The placeholder standing for citation marker `n` in text given to the markdown parser:
 * `⁽n⁾`. The parser reads it as plain text (a marker link costs a paragraph twice its parse
 * on every token); the markdown components turn it into the marker afterwards. Both
 * characters are Unicode punctuation, as the link's brackets were, so emphasis next to a
 * marker (`_Nature_⁽1⁾`) still closes; shown raw (a block still waiting for the parser), it
 * still reads as a citation.
 *
 * @example
 * citationPlaceholder(3) // '⁽3⁾'
 */
export function citationPlaceholder(n: number): string {
  return `${CITATION_OPEN}${n}${CITATION_CLOSE}`
}

const markerLinks = (ns: readonly number[]) => ns.map((n) => `[${n}](${CITATION_HREF_PREFIX}${n})`).join('')
const placeholders = (ns: readonly number[]) => ns.map(citationPlaceholder).join('')

export { collectSources } from './citation-scope.ts'

/** Lines that open or close a fenced code block (up to three spaces of indent, ``` or ~~~). */
const FENCE = /^ {0,3}(`{3,}|~{3,})/
/** Any fence line anywhere: without one, no marker can land in code (the common case, checked once). */
const ANY_FENCE = /^ {0,3}(?:`{3,}|~{3,})/m

/** Whether `offset` falls inside a fenced code block of `text`, or on a fence line (a marker there would show as code or break the fence). */
function insideFence(text: string, offset: number): boolean {
  let open: string | undefined
  let lineStart = 0
  for (;;) {
    const newline = text.indexOf('\n', lineStart)
    const lineEnd = newline === -1 ? text.length : newline
    const match = FENCE.exec(text.slice(lineStart, lineEnd))
    // The offset's own line: inside a fence, or on one.
    if (offset <= lineEnd) return open !== undefined || match !== null
    if (match) {
      const fence = match[1]!
      if (open === undefined) open = fence
      else if (fence[0] === open[0] && fence.length >= open.length) open = undefined
    }
    if (newline === -1) return open !== undefined
    lineStart = newline + 1
  }
}

/**
 * The text with a markdown link `[n](#rivulet-cite-n)` at the end of each cited passage, `n`
 * being the source's number (`numbers`); the message renders those links as citation markers.
 * A marker lands before the whitespace at its offset (so it stays in its paragraph), one per
 * source and place; citations of unknown sources, or inside a code fence, get none.
 *
 * @example
 * insertCitationMarkers('Water boils at 100 °C.\n', [{ sourceId: 's1', start: 0, end: 23 }], new Map([['s1', 1]]))
 * // 'Water boils at 100 °C.[1](#rivulet-cite-1)\n'
 */
export function insertCitationMarkers(text: string, citations: readonly TextCitation[] | undefined, numbers: ReadonlyMap<string, number>): string {
  return markText(text, citations, numbers, markerLinks).text
}

/**
 * {@link insertCitationMarkers} with placeholders (`⁽n⁾`, see {@link citationPlaceholder}) for
 * markers instead of links: what `Message` gives the markdown renderer.
 *
 * @example
 * insertCitationPlaceholders('Water boils.', [{ sourceId: 's1', start: 0, end: 12 }], new Map([['s1', 1]])) // 'Water boils.⁽1⁾'
 */
export function insertCitationPlaceholders(text: string, citations: readonly TextCitation[] | undefined, numbers: ReadonlyMap<string, number>): string {
  return markText(text, citations, numbers, placeholders).text
}

/** Marked text, and the offset (into the unmarked text) of its last marker, -1 for none. */
interface Marked {
  text: string
  lastMark: number
}

function markText(text: string, citations: readonly TextCitation[] | undefined, numbers: ReadonlyMap<string, number>, format: (ns: readonly number[]) => string): Marked {
  if (citations === undefined || citations.length === 0) return { text, lastMark: -1 }
  const marks = new Map<number, number[]>()
  for (const citation of citations) {
    const n = numbers.get(citation.sourceId)
    if (n === undefined) continue
    let at = Math.min(Math.max(0, citation.end), text.length)
    while (at > 0 && /\s/.test(text[at - 1]!)) at--
    const list = marks.get(at) ?? []
    if (!list.includes(n)) list.push(n)
    marks.set(at, list)
  }
  if (marks.size === 0) return { text, lastMark: -1 }
  const offsets = [...marks.keys()].sort((a, b) => a - b)
  let out = ''
  let from = 0
  const fenced = ANY_FENCE.test(text)
  for (const at of offsets) {
    out += text.slice(from, at)
    if (!fenced || !insideFence(text, at)) out += format(marks.get(at)!)
    from = at
  }
  return { text: out + text.slice(from), lastMark: offsets.at(-1)! }
}

/** A line so far that more characters could still turn into a fence line (`` ` ``, ` ~~`, empty…). */
const MAY_BECOME_FENCE = /^ {0,3}(?:`{0,2}|~{0,2})$/

/**
 * Whether appending to `text` can change where its markers go or whether they show. A marker
 * depends only on the text before it and on its own line (a fence line shows none): appended
 * text changes nothing unless a citation points past the end (clamped, so it would move) or
 * the last marker sits on the unfinished last line while that line could still become a fence.
 */
function settled(text: string, citations: readonly TextCitation[], lastMark: number): boolean {
  for (const citation of citations) if (citation.end > text.length) return false
  const lineStart = text.lastIndexOf('\n') + 1
  return lastMark < lineStart || !MAY_BECOME_FENCE.test(text.slice(lineStart))
}

/** Marks the text of one streaming text part, see {@link createCitationMarker}. */
export interface CitationMarker {
  /** {@link insertCitationPlaceholders}, reusing the previous result when `text` only grew. */
  mark(text: string, citations: readonly TextCitation[] | undefined, numbers: ReadonlyMap<string, number>): string
}

/**
 * An incremental {@link insertCitationPlaceholders} for one text part. While a message streams,
 * its text only grows and its citations and sources stay the same arrays between citation
 * events, so the marked text of a token is the previous marked text plus the token: the cost
 * per token is its own length (a string concatenation and a prefix comparison, both in bulk),
 * not a rebuild of the whole cited text with every marker. Anything else (a new citation or
 * source, an edit, a marker whose line could still turn into a fence) marks the text again.
 *
 * @example
 * const marker = createCitationMarker()
 * marker.mark('Water boils.', citations, numbers) // marks
 * marker.mark('Water boils. At sea level', citations, numbers) // appends ' At sea level'
 */
export function createCitationMarker(): CitationMarker {
  let previous: { source: string; citations: readonly TextCitation[] | undefined; numbers: ReadonlyMap<string, number>; marked: Marked } | undefined
  return {
    mark(text, citations, numbers) {
      const last = previous
      if (
        last !== undefined &&
        last.citations === citations &&
        last.numbers === numbers &&
        text.length >= last.source.length &&
        // `slice` + `===` compares memory in bulk (see the block splitter).
        text.slice(0, last.source.length) === last.source &&
        (citations === undefined || settled(last.source, citations, last.marked.lastMark))
      ) {
        if (text.length === last.source.length) return last.marked.text
        const marked = { text: last.marked.text + text.slice(last.source.length), lastMark: last.marked.lastMark }
        previous = { source: text, citations, numbers, marked }
        return marked.text
      }
      const marked = markText(text, citations, numbers, placeholders)
      previous = { source: text, citations, numbers, marked }
      return marked.text
    },
  }
}

/**
 * The number a marker link stands for, or undefined for any other link.
 *
 * @example
 * citationNumber('#rivulet-cite-3') // 3
 */
export function citationNumber(href: string | undefined): number | undefined {
  if (href === undefined || !href.startsWith(CITATION_HREF_PREFIX)) return undefined
  const n = Number(href.slice(CITATION_HREF_PREFIX.length))
  return Number.isInteger(n) && n > 0 ? n : undefined
}
