import { findDestinationEnd, INCOMPLETE, NOT_A_LINK } from './link-destination.ts'

const TABLE_ROW = /^ {0,3}\|/
const ANGLE_AUTOLINK = /^<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>/
/**
 * A complete raw HTML tag or comment (CommonMark inline HTML). Rivulet shows HTML as text,
 * but the parser still reads it as one HTML node, so a `_` in `target="_blank"` is never
 * an emphasis opener. Each repetition needs an attribute name, so it cannot backtrack badly.
 */
const HTML_TAG =
  /^(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>|<!--[\s\S]*?-->)/
/** An HTML tag still being typed up to the end of the text (`<a href="_x`): nothing in it is markdown. */
const HTML_TAG_BEING_TYPED =
  /^<\/?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'?|"[^"]*"?)?)?)*\s*$/
/** How far ahead a tag or autolink is looked for: bounds the regex work per `<`. */
const TAG_LOOKAHEAD = 4096
const WHITESPACE = /\s/
const PUNCTUATION = /[\p{P}\p{S}]/u

interface Delimiter {
  char: string
  length: number
  index: number
}

interface Bracket {
  index: number
  image: boolean
}

function isWhitespace(char: string | undefined): boolean {
  return char === undefined || WHITESPACE.test(char)
}

function isPunctuation(char: string | undefined): boolean {
  return char !== undefined && PUNCTUATION.test(char)
}

function runLength(text: string, index: number): number {
  const char = text[index]
  let end = index
  while (text[end] === char) end++
  return end - index
}

/** Index of the next backtick run of exactly `length` at or after `from`, or -1. */
function findBacktickRun(text: string, length: number, from: number): number {
  let i = text.indexOf('`', from)
  while (i !== -1) {
    const run = runLength(text, i)
    if (run === length) return i
    i = text.indexOf('`', i + run)
  }
  return -1
}

/**
 * Matches a closing run against the openers on the stack; returns how much of the run is
 * left over. `atEnd`: the run ends the text, so a `~` run shorter than its opener is a
 * closer still being typed (`~~strike~`), not a run that closes nothing.
 */
function closeDelimiters(stack: Delimiter[], char: string, length: number, atEnd = false): number {
  let remaining = length
  while (remaining > 0) {
    let index = stack.length - 1
    while (index >= 0 && stack[index]?.char !== char) index--
    const opener = stack[index]
    if (!opener) break
    if (char === '~' && opener.length !== remaining && !(atEnd && remaining < opener.length)) break
    const used = Math.min(remaining, opener.length)
    opener.length -= used
    remaining -= used
    // Openers between the matched pair can no longer close (CommonMark's process emphasis).
    stack.length = opener.length > 0 ? index + 1 : index
  }
  return remaining
}

/** Skips a bare URL (GFM autolink literal) so that `_` and `*` inside it are not read as emphasis. */
function autolinkEnd(text: string, index: number): number {
  const rest = text.slice(index, index + 8).toLowerCase()
  if (!rest.startsWith('http://') && !rest.startsWith('https://') && !rest.startsWith('www.')) return index
  const before = text[index - 1]
  if (before !== undefined && !isWhitespace(before) && !'(*_~'.includes(before)) return index
  let end = index
  while (end < text.length && !isWhitespace(text[end])) end++
  return end
}

/** Length of the run of `char` that ends `text`. */
function trailingRun(text: string, char: string): number {
  let end = text.length
  while (end > 0 && text[end - 1] === char) end--
  return text.length - end
}

/**
 * Closes unfinished inline syntax at the end of one paragraph-like region (the scanner
 * behind `repairMarkdown`): emphasis, strikethrough and code spans are closed, half links
 * keep their text, half images are dropped, openers with nothing after them are dropped.
 * Code spans, escapes, autolinks, bare URLs and HTML tags are skipped; in a table row each
 * cell is its own context.
 *
 * @example
 * repairInline('Some **bold') // 'Some **bold**'
 * repairInline('~~strike~') // '~~strike~~'
 */
export function repairInline(region: string): string {
  const stack: Delimiter[] = []
  const brackets: Bracket[] = []
  const tableRow = TABLE_ROW.test(region)
  let cutFrom = -1
  let linkCut: { open: number; middle: number } | undefined
  let codeCloser = ''
  let codeOpen = -1

  let i = 0
  scan: while (i < region.length) {
    const char = region[i] as string
    switch (char) {
      case '\\':
        i += 2
        continue
      case '`': {
        const run = runLength(region, i)
        const close = findBacktickRun(region, run, i + run)
        if (close === -1) {
          if (region.slice(i + run).trim() === '') cutFrom = i
          else {
            // A shorter run at the very end is the closer being typed: complete it, do not add a whole one.
            const typed = trailingRun(region.replace(/\n+$/, ''), '`')
            codeCloser = '`'.repeat(typed > 0 && typed < run ? run - typed : run)
            codeOpen = i
          }
          break scan
        }
        i = close + run
        continue
      }
      case '<': {
        const ahead = region.slice(i, i + TAG_LOOKAHEAD)
        const match = ANGLE_AUTOLINK.exec(ahead) ?? HTML_TAG.exec(ahead)
        if (!match && ahead.length === region.length - i && HTML_TAG_BEING_TYPED.test(ahead)) break scan
        i += match ? match[0].length : 1
        continue
      }
      case '|':
        if (tableRow) {
          // Each cell is its own inline context: a finished cell's stray `*` must not be closed in the last one.
          stack.length = 0
          brackets.length = 0
        }
        i++
        continue
      case '!':
        if (region[i + 1] === '[') {
          brackets.push({ index: i, image: true })
          i += 2
        } else i++
        continue
      case '[':
        brackets.push({ index: i, image: false })
        i++
        continue
      case ']': {
        const bracket = brackets.pop()
        if (bracket && region[i + 1] === '(') {
          const end = findDestinationEnd(region, i + 2)
          if (end === INCOMPLETE) {
            if (bracket.image) cutFrom = bracket.index
            else linkCut = { open: bracket.index, middle: i }
            break scan
          }
          if (end !== NOT_A_LINK) {
            i = end + 1
            continue
          }
        }
        i++
        continue
      }
      case '*':
      case '_':
      case '~': {
        const run = runLength(region, i)
        const before = i === 0 ? '\n' : region[i - 1]
        const after = region[i + run]
        if (after === undefined) {
          // A run at the very end: either it closes something, or it is an opener with no content yet.
          const left = closeDelimiters(stack, char, run, !isWhitespace(before))
          if (left === run && isWhitespace(before)) cutFrom = i
          break scan
        }
        if (char === '~' && run !== 2) {
          i += run
          continue
        }
        const leftFlanking = !isWhitespace(after) && (!isPunctuation(after) || isWhitespace(before) || isPunctuation(before))
        const rightFlanking = !isWhitespace(before) && (!isPunctuation(before) || isWhitespace(after) || isPunctuation(after))
        // Stricter than CommonMark for `*`: an intraword `*` (`a*b`, `2*3`) is not treated as an opener, so math is never italicised.
        // Nor one between punctuation on both sides (`x^{*}`, `f(*) is`): that is a symbol, not emphasis.
        const symbol = leftFlanking && rightFlanking && isPunctuation(before) && isPunctuation(after)
        const canOpen = leftFlanking && (!rightFlanking || isPunctuation(before)) && !symbol
        const canClose = char === '_' ? rightFlanking && (!leftFlanking || isPunctuation(after)) : rightFlanking
        let remaining = run
        if (canClose) remaining = closeDelimiters(stack, char, run)
        if (canOpen && remaining > 0) stack.push({ char, length: remaining, index: i + run - remaining })
        i += run
        continue
      }
      default: {
        const end = char === 'h' || char === 'H' || char === 'w' || char === 'W' ? autolinkEnd(region, i) : i
        i = end > i ? end : i + 1
      }
    }
  }

  for (const bracket of brackets) {
    if (bracket.image && (cutFrom === -1 || bracket.index < cutFrom) && (!linkCut || bracket.index > linkCut.middle)) {
      cutFrom = bracket.index
      break
    }
  }

  let out = region
  let openers = stack
  if (cutFrom !== -1) {
    out = out.slice(0, cutFrom)
    openers = openers.filter((opener) => opener.index < cutFrom)
    if (codeCloser && cutFrom <= codeOpen) codeCloser = ''
    if (linkCut && cutFrom <= linkCut.open) linkCut = undefined
  }
  if (linkCut) {
    const { open, middle } = linkCut
    out = out.slice(0, open) + out.slice(open + 1, middle)
    openers = openers.filter((opener) => opener.index < middle).map((opener) => (opener.index > open ? { ...opener, index: opener.index - 1 } : opener))
  }

  // An opener left with nothing after it would render literally: drop it instead of closing it.
  while (!codeCloser && openers.length > 0) {
    const last = openers[openers.length - 1] as Delimiter
    if (out.slice(last.index + last.length).trim() !== '') break
    out = out.slice(0, last.index) + out.slice(last.index + last.length)
    openers = openers.slice(0, -1)
  }

  const closers = codeCloser + openers.map((opener) => opener.char.repeat(opener.length)).reverse().join('')
  if (closers === '') return out
  // A closer after whitespace is not right-flanking and would not close; a code span keeps
  // its trailing spaces (they are content) but closes before a trailing newline.
  const body = codeCloser ? out.replace(/\n+$/, '') : out.trimEnd()
  return body + closers + out.slice(body.length)
}
