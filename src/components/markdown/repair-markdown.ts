import { HEADING, THEMATIC_BREAK } from './block-lines.ts'
import { closesFence, matchFenceOpen, type OpenFence } from './fence.ts'
import { isBareCloser, listContentIndent, matchListFenceOpen } from './list-fences.ts'
import { repairInline } from './repair-inline.ts'
import { DELIMITER_CELL, tableRow } from './table-cells.ts'

/** What {@link repairMarkdownDetailed} found and did. */
export interface RepairedMarkdown {
  /** The text to render: the input with unfinished syntax at its end closed or dropped. */
  text: string
  /** The fence that was still open in the input (and has been closed in `text`), if any. */
  openFence: OpenFence | undefined
  /**
   * The input before the repair: with `alignFences`, its list items' fence closers lined up
   * (see `alignClosers`); what a settled block renders. Offsets (`openFence.start`)
   * are in this text.
   */
  aligned: string
}

/** Where {@link scanBlock} left off: what the repair needs of the block's structure. */
interface BlockScan {
  fence: OpenFence | undefined
  /** Spaces before the open fence's opener. */
  fenceIndent: number
  /** Where the last paragraph (what inline repair may touch) starts; past the end when nothing may be touched. */
  regionStart: number
  /** Start of the last line, and of the line before it (-1 when there is one line). */
  lineStart: number
  previousLineStart: number
  /** List items' fence closers less indented than their opener: [line start, opener's indentation], in order. */
  misaligned: Array<[number, number]> | undefined
}

const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/
const LIST_ITEM = /^[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/
const TABLE_ROW = /^ {0,3}\|/
/** A delimiter row being typed: only pipes, colons, dashes and spaces, with at least one dash. */
const PARTIAL_DELIMITER_ROW = /^ {0,3}\|[ \t|:-]*$/
/**
 * One or two dashes (or equals) at the end of a stream, with or without the space after
 * them, are far more often a list item or rule being typed than a setext underline.
 */
const DANGLING_UNDERLINE = /^ {0,3}(?:-{1,2}|={1,2})[ \t]*$/

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
 * With `alignFences`, list items' fence closers left of their opener are lined up first
 * (`alignClosers`), found by the same line scan:
 * `repairMarkdownDetailed('- a\n  ```sh\n  ls\n```\n- b', true).aligned` is `'- a\n  ```sh\n  ls\n  ```\n- b'`.
 *
 * @example
 * repairMarkdownDetailed('```ts\nconst a').openFence?.marker // '```'
 */
export function repairMarkdownDetailed(text: string, alignFences = false): RepairedMarkdown {
  let scan = scanBlock(text)
  // Rare (a model's misplaced closer): lined up, then scanned again, as its offsets moved.
  if (alignFences && scan.misaligned) {
    text = alignClosers(text, scan.misaligned)
    scan = scanBlock(text)
  }
  return { ...repairScanned(text, scan), aligned: text }
}

/**
 * Lines up list items' code fences with the closers a model meant for them. Models often open
 * a fence inside a list item (indented under `- item`) and close it at column 0; in
 * CommonMark that closer is outside the item, so it ends the list and opens a new, empty
 * fence that swallows the rest of the block (the next items render as code), and while the
 * fence streams its repair closer would do the same. Such a closer (a bare fence, less
 * indented than the opener, while the fence is open), found by the repair's own line scan,
 * is indented to the opener's column at `[line start, indentation]`, so the fence closes
 * inside its item. Every other line is left as it is.
 */
function alignClosers(text: string, closers: Array<[number, number]>): string {
  let out = ''
  let at = 0
  for (const [start, indent] of closers) {
    const newline = text.indexOf('\n', start)
    const end = newline === -1 ? text.length : newline
    out += text.slice(at, start) + ' '.repeat(indent) + text.slice(start, end).trimStart()
    at = end
  }
  return out + text.slice(at)
}

/**
 * One pass over the block's lines: which fence is open, where the last paragraph starts,
 * and which list-item fence closers sit left of their opener (see `alignClosers`).
 */
function scanBlock(text: string): BlockScan {
  let fence: OpenFence | undefined
  /** Spaces before the open fence's opener, and the content column of the list item holding it (if any). */
  let fenceIndent = 0
  let fenceItemIndent: number | undefined
  /** Content column of the list item the scan is in, if any: a fence there may be indented past 3 spaces. */
  let itemIndent: number | undefined
  let regionStart = 0
  let lineStart = 0
  let resetNext = false
  let previousLineStart = -1
  let misaligned: BlockScan['misaligned']
  for (;;) {
    const newline = text.indexOf('\n', lineStart)
    const lineEnd = newline === -1 ? text.length : newline
    const line = text.slice(lineStart, lineEnd)
    const spaces = line.length - line.trimStart().length
    if (fence && (fenceItemIndent === undefined ? closesFence(line, fence.marker) : isBareCloser(line, fence.marker) && spaces <= fenceIndent + 3)) {
      if (fenceItemIndent !== undefined && spaces < fenceIndent) (misaligned ??= []).push([lineStart, fenceIndent])
      fence = undefined
      resetNext = true
      regionStart = lineEnd + 1
    } else if (fence && (fenceItemIndent === undefined || line.trim() === '' || spaces >= fenceItemIndent || (newline === -1 && isCloserPrefix(line, fence.marker)))) {
      // Still inside the fence (a closer being typed at any indentation is completed below).
    } else {
      // A line less indented than its list item ends the item and the fence in it (CommonMark): read it afresh.
      if (fence) {
        fence = undefined
        itemIndent = undefined
        regionStart = lineStart
      }
      const listFence = itemIndent === undefined ? undefined : matchListFenceOpen(line, itemIndent)
      const marker = listFence?.marker ?? matchFenceOpen(line)
      if (marker) {
        fence = { marker, start: lineStart }
        fenceIndent = spaces
        fenceItemIndent = listFence?.itemIndent
        // A fence less indented than the item's content ends the list.
        if (!listFence) itemIndent = undefined
      } else if (line.trim() === '') {
        // A lone newline at the very end does not end a paragraph (only a blank line does),
        // but it does end a heading, rule or table row: those never continue on the next line.
        const paragraphGoesOn = newline === -1 && line === '' && !resetNext && !TABLE_ROW.test(text.slice(previousLineStart, lineStart))
        if (!paragraphGoesOn) regionStart = lineEnd + 1
        resetNext = false
      } else {
        if (resetNext) regionStart = lineStart
        resetNext = false
        const content = listContentIndent(line)
        if (content !== undefined) itemIndent = content
        else if (itemIndent !== undefined && spaces < itemIndent) itemIndent = undefined
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
  return { fence, fenceIndent, regionStart, lineStart, previousLineStart, misaligned }
}

/** The repair itself, at the end of a scanned block. */
function repairScanned(text: string, scan: BlockScan): Omit<RepairedMarkdown, 'aligned'> {
  const { fence, fenceIndent, regionStart, lineStart, previousLineStart } = scan
  if (fence) return { text: closeFence(text, fence, fenceIndent, lineStart), openFence: fence }
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

/**
 * Closes an open fence at the opener's indentation: a fence inside a list item (`- a\n  ```sh`)
 * closed at column 0 would end the list there and open a new, empty fence below it.
 */
function closeFence(text: string, fence: OpenFence, indent: number, lastLineStart: number): string {
  const lastLine = text.slice(lastLineStart)
  const char = fence.marker[0] as string
  const closer = ' '.repeat(indent) + fence.marker
  // A closer being typed (` `` ` of ```` ``` ````) would otherwise flash as a code line.
  if (lastLineStart > fence.start && lastLine.trim() !== '' && /^ *$/.test(lastLine.replaceAll(char, '')) && lastLine.length - lastLine.trimStart().length <= indent + 3 && !lastLine.trimStart().includes(' ')) {
    return text.slice(0, lastLineStart) + closer
  }
  return text + (text.endsWith('\n') ? '' : '\n') + closer
}

/** True when `line` is only some of the fence's characters (fewer than a closer needs, or as many), after spaces. */
function isCloserPrefix(line: string, marker: string): boolean {
  const run = line.trimStart()
  return run !== '' && run.length <= marker.length && run.replaceAll(marker[0] as string, '') === ''
}

/** Completes a table delimiter row being typed under a pipe-led header row; `undefined` when there is nothing to do. */
function repairDelimiterRow(lastLine: string, previousLine: string | undefined): string | undefined {
  if (previousLine === undefined || !TABLE_ROW.test(previousLine) || !PARTIAL_DELIMITER_ROW.test(lastLine) || !lastLine.includes('-')) return undefined
  const headerCells = tableRow(previousLine).cells.length
  // Only pipes, colons, dashes and spaces: no escaped pipe to mind.
  const { cells } = tableRow(lastLine)
  if (cells.length === headerCells && cells.every((cell) => DELIMITER_CELL.test(cell))) return undefined
  return '|' + ' --- |'.repeat(headerCells)
}

