import { memo, type CSSProperties, type ReactNode } from 'react'

/** Roughly how many characters go in one memoised piece; a piece always ends at a newline. */
const PIECE_CHARS = 16_384

const paragraphStyle: CSSProperties = { whiteSpace: 'pre-wrap' }
// Each piece is its own block so a growing text re-lays out only its last piece; the
// newline ending a piece adds no empty line at the end of a block (as in code lines).
const pieceStyle: CSSProperties = { display: 'block' }

/**
 * Where the pieces of `text` start. A piece ends at the first newline at or after its
 * nominal size, so appending to the text never moves a boundary already found.
 */
function pieceStarts(text: string): number[] {
  const starts = [0]
  for (;;) {
    const from = (starts[starts.length - 1] as number) + PIECE_CHARS
    if (from >= text.length) return starts
    const newline = text.indexOf('\n', from)
    if (newline === -1 || newline + 1 >= text.length) return starts
    starts.push(newline + 1)
  }
}

// Pieces are never `content-visibility: auto`: outside its full accessibility mode (a detected
// screen reader), Chromium leaves the text of a piece whose rendering it skips out of its
// accessibility tree: most of a 1,500-line text was missing from the tree the DevTools protocol
// reads (long-answer-a11y.browser.test.tsx). A finished piece is laid out when it mounts and not
// again: a token re-lays out the last piece.
const Piece = memo(function Piece({ text }: { text: string }) {
  return <span style={pieceStyle}>{text}</span>
})

/**
 * A block too long to parse as markdown, shown as its text (`white-space: pre-wrap`) in
 * memoised pieces of about 16 KB that each end at a newline, so streaming into it re-renders
 * and re-lays out only the last piece.
 *
 * @example
 * <PlainTextBlock text={hugeParagraph} />
 */
export function PlainTextBlock({ text }: { text: string }): ReactNode {
  const starts = pieceStarts(text)
  return (
    <p data-rivulet="markdown-plain" style={paragraphStyle}>
      {starts.map((start, index) => (
        <Piece key={start} text={text.slice(start, starts[index + 1] ?? text.length)} />
      ))}
    </p>
  )
}
