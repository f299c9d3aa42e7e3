import type { TextVersion } from '../../core/text-log.ts'
import { detached } from '../shared/detached.ts'
import { closesFence, matchFenceOpen } from './fence.ts'

/** A list item marker at the top level of a block (`- `, `* `, `+ `, `1. `, `1) `). */
const TOP_LIST_ITEM = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/

/** Where a scan stopped: enough to carry on from the start of the line it stopped at. */
interface ScanState {
  fence: string | undefined
  inList: boolean
  sawBlank: boolean
  hasContent: boolean
}

const freshState = (): ScanState => ({ fence: undefined, inList: false, sawBlank: false, hasContent: false })

/**
 * Appends to `starts` the offsets where top-level blocks start in `text`, scanning from
 * `from` (a line start) in `state`, which it updates. A block ends at a blank line, unless
 * that blank line is inside an open code fence, the next line is indented (a list item's
 * continuation or indented code), or the block is a list and the next line is another item
 * of it: keeping those together is what makes each block render the same alone as inside
 * the whole message. Returns the start of the last line if it is unfinished (no newline
 * yet), else the end of the text: everything before it is final, whatever is appended.
 */
function scanBlockStarts(text: string, from: number, starts: number[], state: ScanState): number {
  let lineStart = from
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart)
    // The unfinished last line is scanned too, but on a copy of the state: it will be scanned again once finished.
    const scanning = newline === -1 ? { ...state } : state
    const lineEnd = newline === -1 ? text.length : newline
    const line = text.slice(lineStart, lineEnd)
    if (scanning.fence !== undefined) {
      if (closesFence(line, scanning.fence)) scanning.fence = undefined
    } else if (line.trim() === '') {
      scanning.sawBlank = scanning.hasContent
    } else {
      const indented = line[0] === ' ' || line[0] === '\t'
      const listItem = TOP_LIST_ITEM.test(line)
      if (scanning.sawBlank && !indented && !(scanning.inList && listItem)) {
        starts.push(lineStart)
        scanning.inList = false
      }
      scanning.sawBlank = false
      scanning.hasContent = true
      if (listItem) scanning.inList = true
      scanning.fence = matchFenceOpen(line)
    }
    if (newline === -1) return lineStart
    lineStart = newline + 1
  }
  return text.length
}

/** The text between consecutive starts; the last block runs to the end of `text`. */
function sliceBlocks(text: string, starts: readonly number[]): string[] {
  return starts.map((start, i) => text.slice(start, starts[i + 1] ?? text.length))
}

/** {@link sliceBlocks}, with the finished blocks (all but the last) detached from `text`: kept, they would keep it alive. */
function sliceFinished(text: string, starts: readonly number[]): string[] {
  const blocks = sliceBlocks(text, starts)
  for (let i = 0; i < blocks.length - 1; i++) blocks[i] = detached(blocks[i] as string)
  return blocks
}

/**
 * Splits markdown into its top-level blocks (paragraphs, headings, fences, lists, tables,
 * blockquotes). Each block keeps the blank lines that follow it, so `blocks.join('')`
 * is always the input. A blank line inside an open fence does not split.
 *
 * @example
 * splitBlocks('# Hi\n\nSome text\n\n```\na\n\nb\n```\n')
 * // ['# Hi\n\n', 'Some text\n\n', '```\na\n\nb\n```\n']
 */
export function splitBlocks(text: string): string[] {
  const starts = [0]
  scanBlockStarts(text, 0, starts, freshState())
  return sliceBlocks(text, starts)
}

/** Remembers the previous split so that appending to the text rescans only its tail. */
export interface BlockSplitter {
  /**
   * The blocks of `text`; unchanged blocks are the same strings as last time. `version`, when
   * given, is where `text` came from (it must be that version's text): a later version of the
   * same log is read from the log, so the whole of `text` is never read.
   */
  split(text: string, version?: TextVersion): readonly string[]
  /** Forgets the previous text. */
  reset(): void
}

/**
 * An incremental {@link splitBlocks}. When the new text extends the previous one, the scan
 * carries on from the start of the previous text's unfinished last line, in the state it
 * had there: finished lines never change meaning when text is appended, so a streamed
 * token costs its own length plus that one line, not the last block (a 3,000-line fence or
 * table is not rescanned on every token). Only the blocks from the first start the rescan
 * touched are sliced again. Any other change (an edit, a shorter text) falls back to a
 * full split.
 *
 * Knowing that the text was extended costs a comparison of the previous text with the new
 * one's start, and that read makes V8 copy the whole streamed string (see `TextLog`). Given
 * the text's logged version, a later version of the same log needs no comparison, and the
 * rescan reads only the text from the last block's start out of the log.
 *
 * @example
 * const splitter = createBlockSplitter()
 * splitter.split('Hello\n\nWor') // ['Hello\n\n', 'Wor']
 * splitter.split('Hello\n\nWorld') // rescans from 'Wor…' only
 */
export function createBlockSplitter(): BlockSplitter {
  let previous = ''
  let previousVersion: TextVersion | undefined
  let starts: number[] = [0]
  let blocks: string[] = ['']
  let state = freshState()
  /** Start of the previous text's unfinished last line (its length when it ended in a newline). */
  let resumeAt = 0

  const full = (text: string) => {
    starts = [0]
    state = freshState()
    resumeAt = scanBlockStarts(text, 0, starts, state)
    blocks = sliceBlocks(text, starts)
  }

  /** Rescans from `resumeAt`, reading the new text from `base` on out of `tail` (a start the rescan keeps). */
  const extend = (tail: (base: number) => string) => {
    // A start found on the unfinished line is dropped: that line is scanned again, finished or not.
    let kept = starts.length
    while (kept > 1 && (starts[kept - 1] as number) >= resumeAt) kept--
    starts.length = kept
    // Blocks before the last one kept are unchanged: same strings, so memoised blocks stay.
    const firstChanged = kept - 1
    const base = starts[firstChanged] as number
    const text = tail(base)
    const found: number[] = []
    resumeAt = base + scanBlockStarts(text, resumeAt - base, found, state)
    for (const start of found) starts.push(base + start)
    // Those that are finished now are copied out of this version of the text, so none keeps it alive.
    blocks = blocks.slice(0, firstChanged).concat(sliceFinished(text, starts.slice(firstChanged).map((start) => start - base)))
  }

  return {
    split(text, version) {
      const sameLog = version !== undefined && previousVersion !== undefined && version.log === previousVersion.log && version.end >= previousVersion.end
      if (sameLog) {
        if (version.end > previousVersion!.end) extend((base) => version.log.read(base, version.end))
      } else if (text !== previous) {
        // `slice` + `===` compares memory in bulk; `startsWith` walks characters, ~25x slower at 100k.
        if (text.length < previous.length || text.slice(0, previous.length) !== previous) full(text)
        else extend((base) => text.slice(base))
      }
      previous = text
      previousVersion = version
      return blocks
    },
    reset() {
      previous = ''
      previousVersion = undefined
      starts = [0]
      blocks = ['']
      state = freshState()
      resumeAt = 0
    },
  }
}
