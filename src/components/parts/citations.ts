import type { TextCitation } from '../../core/state.ts'
import { createTextLog, type AppendedVersion, type TextVersion } from '../../core/text-log.ts'

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

/** What a {@link CitationMarker} keeps of the last text it marked. */
interface MarkerState {
  source: string
  /** Where `source` came from, when its text part was streamed (`textVersionOf(part)`). */
  sourceVersion: TextVersion | undefined
  citations: readonly TextCitation[] | undefined
  numbers: ReadonlyMap<string, number>
  marked: Marked
  /** The marked text's own log: its version hands the markdown only what a token added. */
  markedVersion: AppendedVersion
  /** `source`'s last line (it starts at `source.length - lastLine.length`): kept as text is appended, so no read of `source` is needed. */
  lastLine: string
}

// The longest line MAY_BECOME_FENCE can match: three spaces and two backticks or tildes.
const LONGEST_FENCE_PREFIX = 5

/**
 * Whether appending to the text can change where its markers go or whether they show. A marker
 * depends only on the text before it and on its own line (a fence line shows none): appended
 * text changes nothing unless a citation points past the end (clamped, so it would move) or
 * the last marker sits on the unfinished last line while that line could still become a fence.
 */
function settled(state: MarkerState, citations: readonly TextCitation[]): boolean {
  for (const citation of citations) if (citation.end > state.source.length) return false
  const lineStart = state.source.length - state.lastLine.length
  return state.marked.lastMark < lineStart || state.lastLine.length > LONGEST_FENCE_PREFIX || !MAY_BECOME_FENCE.test(state.lastLine)
}

/** Marks the text of one streaming text part, see {@link createCitationMarker}. */
export interface CitationMarker {
  /**
   * {@link insertCitationPlaceholders}, reusing the previous result when `text` only grew.
   * `version` is where `text` came from, when it is a streamed part's text (`textVersionOf(part)`):
   * then no character of the text before the token is read.
   */
  mark(text: string, citations: readonly TextCitation[] | undefined, numbers: ReadonlyMap<string, number>, version?: TextVersion): string
  /** The logged version of the text the last `mark` returned: pass it to `StreamingMarkdown` as `textLog`. */
  readonly version: TextVersion | undefined
}

/**
 * An incremental {@link insertCitationPlaceholders} for one text part. While a message streams,
 * its text only grows and its citations and sources stay the same arrays between citation
 * events, so the marked text of a token is the previous marked text plus the token, appended
 * to the marked text's own log: the cost per token is its own length, not a rebuild of the
 * whole cited text with every marker, nor a read of it (the part's log says the text only grew,
 * and hands over the token; without a log, a prefix comparison in bulk does). Anything else (a
 * new citation or source, an edit, a marker whose line could still turn into a fence) marks
 * the text again.
 *
 * @example
 * const marker = createCitationMarker()
 * marker.mark('Water boils.', citations, numbers) // marks
 * marker.mark('Water boils. At sea level', citations, numbers) // appends ' At sea level'
 */
export function createCitationMarker(): CitationMarker {
  let previous: MarkerState | undefined
  /** The text appended to `last.source` to make `text`, or undefined when `text` did not grow from it. */
  const appended = (last: MarkerState, text: string, version: TextVersion | undefined): string | undefined => {
    const from = last.sourceVersion
    if (version !== undefined && from !== undefined && version.log === from.log && version.end >= from.end) return version.log.read(from.end, version.end)
    // `slice` + `===` compares memory in bulk (see the block splitter).
    if (text.length >= last.source.length && text.slice(0, last.source.length) === last.source) return text.slice(last.source.length)
    return undefined
  }
  return {
    get version() {
      return previous?.markedVersion
    },
    mark(text, citations, numbers, version) {
      const last = previous
      const tail = last !== undefined && last.citations === citations && last.numbers === numbers && (citations === undefined || settled(last, citations)) ? appended(last, text, version) : undefined
      if (last !== undefined && tail !== undefined) {
        if (tail === '') return last.marked.text
        const newline = tail.lastIndexOf('\n')
        previous = {
          ...last,
          source: text,
          sourceVersion: version,
          marked: { text: last.marked.text + tail, lastMark: last.marked.lastMark },
          markedVersion: last.markedVersion.log.append(tail),
          lastLine: newline === -1 ? last.lastLine + tail : tail.slice(newline + 1),
        }
        return previous.marked.text
      }
      const marked = markText(text, citations, numbers, placeholders)
      const log = createTextLog()
      previous = { source: text, sourceVersion: version, citations, numbers, marked, markedVersion: log.append(marked.text), lastLine: text.slice(text.lastIndexOf('\n') + 1) }
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
