import { NO_GAP, type BlockGap } from './progressive-mount.ts'

/**
 * The pieces a plain text of `count` pieces mounts without: all but the first and the last
 * (each more than a screen), so a page showing the text from its top and a chat scrolled to its
 * bottom both see text in the first frame. Laying out text is what costs here (about 9 ms of
 * CPU per 16 KB piece in Chromium; a 100,000-line text was 600 ms in one task), so the rest
 * follows in background slices. No gap for two pieces or fewer.
 *
 * @example
 * initialPieceGap(67) // { start: 1, end: 66 }
 */
export function initialPieceGap(count: number): BlockGap {
  return count > 2 ? { start: 1, end: count - 1 } : NO_GAP
}

// Wrapped lines of the placeholder's model (a 760 px column of 16 px text holds about 90
// characters): only the scrollbar and how far content moves above the viewport, which
// scroll anchoring absorbs, depend on it.
const CHARS_PER_LINE = 90

/**
 * About how many lines `text` from `from` to `to` shows with `white-space: pre-wrap`: each
 * line of it at least one, long ones wrapped. A newline that ends the range adds no line.
 *
 * @example
 * estimateLines('ab\n\ncd\n', 0, 7) // 3
 */
export function estimateLines(text: string, from: number, to: number): number {
  let lines = 0
  let at = from
  while (at < to) {
    const newline = text.indexOf('\n', at)
    const end = newline === -1 || newline >= to ? to : newline
    lines += Math.max(1, Math.ceil((end - at) / CHARS_PER_LINE))
    at = end + 1
  }
  return lines
}
