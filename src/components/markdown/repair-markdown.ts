import { closesFence, matchFenceOpen, type OpenFence } from './fence.ts'

/** What {@link repairMarkdownDetailed} found and did. */
export interface RepairedMarkdown {
  /** The text to render: the input with unfinished syntax at its end closed or dropped. */
  text: string
  /** The fence that was still open in the input (and has been closed in `text`), if any. */
  openFence: OpenFence | undefined
}

const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/
const THEMATIC_BREAK = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/
const LIST_ITEM = /^[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/
const TABLE_ROW = /^ {0,3}\|/
/** A delimiter row being typed: only pipes, colons, dashes and spaces, with at least one dash. */
const PARTIAL_DELIMITER_ROW = /^ {0,3}\|[ \t|:-]*$/
const DELIMITER_CELL = /^[ \t]*:?-+:?[ \t]*$/
/** One or two dashes (or equals) at the end of a stream are far more often a list item or rule being typed than a setext underline. */
const DANGLING_UNDERLINE = /^ {0,3}(?:-{1,2}|={1,2})$/
const ANGLE_AUTOLINK = /^<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>/
const WHITESPACE = /\s/
const PUNCTUATION = /[\p{P}\p{S}]/u

/**
 * Closes unfinished markdown at the end of a streaming text so that the partial message
 * renders as its finished form will, for display only. It never touches what is already
 * finished: only the last paragraph (after the last blank line, heading, list item or
 * closed fence) is inspected for inline syntax, and the line scan for fences is linear in
 * the text given, so pass it the last block, as `StreamingMarkdown` does, not a whole
 * message.
 *
 * Decisions: an open code fence gets its closing fence (a closer being typed is completed);
 * unbalanced `**`, `*`, `__`, `_`, `~~` and backtick code spans are closed; a delimiter with
 * nothing after it yet is dropped; a half-written link `[text](http://exa` shows its text
 * only (a half URL must not be clickable); a half-written image is dropped entirely (a half
 * URL must not be requested); a table delimiter row being typed is completed to the header's
 * width, a header row without a delimiter row stays text. Intraword `*` and `_`
 * (`snake_case`, `a*b*c`) never open emphasis here, and code spans, escapes and URLs are
 * skipped.
 *
 * @example
 * repairMarkdownDetailed('```ts\nconst a').openFence?.marker // '```'
 */
export function repairMarkdownDetailed(text: string): RepairedMarkdown {
  let fence: OpenFence | undefined
  let regionStart = 0
  let lineStart = 0
  let resetNext = false
  let previousLineStart = -1
  for (;;) {
    const newline = text.indexOf('\n', lineStart)
    const lineEnd = newline === -1 ? text.length : newline
    const line = text.slice(lineStart, lineEnd)
    if (fence) {
      if (closesFence(line, fence.marker)) {
        fence = undefined
        resetNext = true
        regionStart = lineEnd + 1
      }
    } else {
      const marker = matchFenceOpen(line)
      if (marker) {
        fence = { marker, start: lineStart }
      } else if (line.trim() === '') {
        regionStart = lineEnd + 1
        resetNext = false
      } else {
        if (resetNext) regionStart = lineStart
        resetNext = false
        if (HEADING.test(line) || THEMATIC_BREAK.test(line) || (SETEXT_UNDERLINE.test(line) && newline !== -1)) {
          regionStart = lineStart
          resetNext = true
        } else if (LIST_ITEM.test(line) || TABLE_ROW.test(line)) {
          regionStart = lineStart
        }
      }
    }
    if (newline === -1) break
    previousLineStart = lineStart
    lineStart = newline + 1
  }

  if (fence) return { text: closeFence(text, fence, lineStart), openFence: fence }
  if (regionStart > text.length) return { text, openFence: undefined }

  const lastLine = text.slice(lineStart)
  const previousLine = previousLineStart === -1 ? undefined : text.slice(previousLineStart, lineStart - 1)
  const tableRepair = repairDelimiterRow(lastLine, previousLine)
  if (tableRepair !== undefined) return { text: text.slice(0, lineStart) + tableRepair, openFence: undefined }
  if (previousLine !== undefined && previousLine.trim() !== '' && DANGLING_UNDERLINE.test(lastLine)) {
    return { text: text.slice(0, lineStart), openFence: undefined }
  }

  const region = text.slice(regionStart)
  if (THEMATIC_BREAK.test(region)) return { text, openFence: undefined }
  return { text: text.slice(0, regionStart) + repairInline(region), openFence: undefined }
}

/**
 * {@link repairMarkdownDetailed} returning only the text.
 *
 * @example
 * repairMarkdown('Some **bold') // 'Some **bold**'
 * repairMarkdown('see [docs](https://exa') // 'see docs'
 * repairMarkdown('2 * 3 = 6') // '2 * 3 = 6'
 */
export function repairMarkdown(text: string): string {
  return repairMarkdownDetailed(text).text
}

function closeFence(text: string, fence: OpenFence, lastLineStart: number): string {
  const lastLine = text.slice(lastLineStart)
  const char = fence.marker[0] as string
  // A closer being typed (` `` ` of ```` ``` ````) would otherwise flash as a code line.
  if (lastLineStart > fence.start && lastLine.trim() !== '' && /^ {0,3}$/.test(lastLine.replaceAll(char, '')) && !lastLine.trimStart().includes(' ')) {
    return text.slice(0, lastLineStart) + fence.marker
  }
  return text + (text.endsWith('\n') ? '' : '\n') + fence.marker
}

function countCells(row: string): number {
  let body = row.trim()
  if (body.startsWith('|')) body = body.slice(1)
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1)
  return body.split(/(?<!\\)\|/).length
}

/** Completes a table delimiter row being typed under a pipe-led header row; `undefined` when there is nothing to do. */
function repairDelimiterRow(lastLine: string, previousLine: string | undefined): string | undefined {
  if (previousLine === undefined || !TABLE_ROW.test(previousLine) || !PARTIAL_DELIMITER_ROW.test(lastLine) || !lastLine.includes('-')) return undefined
  const headerCells = countCells(previousLine)
  let body = lastLine.trim().slice(1)
  if (body.endsWith('|')) body = body.slice(0, -1)
  const cells = body.split('|')
  if (cells.length === headerCells && cells.every((cell) => DELIMITER_CELL.test(cell))) return undefined
  return '|' + ' --- |'.repeat(headerCells)
}

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

const INCOMPLETE = -1
const NOT_A_LINK = -2

/** Index of the `)` that ends a link destination (and title) starting at `from`; INCOMPLETE when the text ends first. */
function findDestinationEnd(text: string, from: number): number {
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
      const char = text[i]
      if (char === '\\') i++
      else if (char === '(') depth++
      else if (char === ')') {
        if (depth === 0) return i
        depth--
      } else if (isWhitespace(char)) break
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

/** Matches a closing run against the openers on the stack; returns how much of the run is left over. */
function closeDelimiters(stack: Delimiter[], char: string, length: number): number {
  let remaining = length
  while (remaining > 0) {
    let index = stack.length - 1
    while (index >= 0 && stack[index]?.char !== char) index--
    const opener = stack[index]
    if (!opener) break
    if (char === '~' && opener.length !== remaining) break
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

function repairInline(region: string): string {
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
            codeCloser = '`'.repeat(run)
            codeOpen = i
          }
          break scan
        }
        i = close + run
        continue
      }
      case '<': {
        const match = ANGLE_AUTOLINK.exec(region.slice(i, i + 2048))
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
          const left = closeDelimiters(stack, char, run)
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
        const canOpen = leftFlanking && (!rightFlanking || isPunctuation(before))
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
  // A closer after whitespace is not right-flanking and would not close.
  const body = codeCloser ? out : out.trimEnd()
  return body + closers + out.slice(body.length)
}
