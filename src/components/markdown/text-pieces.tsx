import { memo, type CSSProperties, type ReactNode } from 'react'

/** Roughly how many characters go in one memoised piece of plain text; a piece always ends at a newline. */
export const PIECE_CHARS = 16_384

/**
 * Where the pieces of `text` start. A piece ends at the first newline at or after its
 * nominal size, so appending to the text never moves a boundary already found.
 *
 * @example
 * pieceStarts('a\n'.repeat(20_000)) // [0, 16_386, 32_772]
 */
export function pieceStarts(text: string, size = PIECE_CHARS): number[] {
  const starts = [0]
  for (;;) {
    const from = (starts[starts.length - 1] as number) + size
    if (from >= text.length) return starts
    const newline = text.indexOf('\n', from)
    if (newline === -1 || newline + 1 >= text.length) return starts
    starts.push(newline + 1)
  }
}

// Each piece is its own block so a growing text re-lays out only its last piece; the
// newline ending a piece adds no empty line at the end of a block (as in code lines).
// Layout containment makes each piece an isolation boundary for Chromium's pre-paint walk: when
// a piece mounts above others and moves them, their thousands of lines are not revisited (pre-paint
// of a 100,000-line text mounting in slices: 294 → 110 ms CPU). No paint containment: it would
// clip a long unbroken word outside a message's `overflow-wrap`.
const pieceStyle: CSSProperties = { display: 'block', contain: 'layout style' }

/**
 * One memoised piece of a long plain text (`pieceStarts` cuts them, each ending at a newline).
 * Never `content-visibility: auto`: outside its full accessibility mode (a detected screen
 * reader), Chromium leaves the text of a piece whose rendering it skips out of its accessibility
 * tree: most of a 1,500-line text was missing from the tree the DevTools protocol reads
 * (long-answer-a11y.browser.test.tsx). A finished piece is laid out when it mounts and not
 * again: appended text re-lays out the last piece.
 *
 * @example
 * <TextPiece text={text.slice(start, end)} />
 */
export const TextPiece = memo(function TextPiece({ text }: { text: string }) {
  return <span style={pieceStyle}>{text}</span>
})

/**
 * All of a plain text in memoised pieces of about 16 KB, for text that grows while it shows
 * (`white-space: pre-wrap` from the parent): a frame then writes and lays out the last piece,
 * not the whole text. `PlainTextBlock` adds a progressive mount for text too long to lay out
 * in one task.
 *
 * @example
 * <div style={{ whiteSpace: 'pre-wrap' }}><TextPieces text={reasoning} /></div>
 */
export function TextPieces({ text }: { text: string }): ReactNode {
  const starts = pieceStarts(text)
  return starts.map((start, index) => <TextPiece key={start} text={text.slice(start, starts[index + 1] ?? text.length)} />)
}
