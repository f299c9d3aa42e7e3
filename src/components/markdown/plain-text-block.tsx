import { useRef, type CSSProperties, type ReactNode } from 'react'
import { estimateLines } from './piece-gap.ts'
import { usePieceMount } from './use-piece-mount.ts'
import { pieceStarts, TextPiece } from './text-pieces.tsx'

const paragraphStyle: CSSProperties = { whiteSpace: 'pre-wrap' }

/**
 * A block too long to parse as markdown, shown as its text (`white-space: pre-wrap`) in
 * memoised pieces of about 16 KB that each end at a newline, so streaming into it re-renders
 * and re-lays out only the last piece. A long text mounts its first and last pieces at once
 * and the rest in background slices (`usePieceMount`): laying out 100,000 lines is one
 * 600 ms task otherwise. Until every piece is in, the paragraph is `aria-busy` and a
 * placeholder of about the missing lines' height, hidden from assistive technology, stands in.
 *
 * @example
 * <PlainTextBlock text={hugeParagraph} />
 */
export function PlainTextBlock({ text }: { text: string }): ReactNode {
  const starts = pieceStarts(text)
  const paragraph = useRef<HTMLParagraphElement>(null)
  const gap = usePieceMount(starts.length, paragraph)
  // Lines of each piece in the gap, by its start: a piece there is finished, so each is counted once, not per slice.
  const pieceLines = useRef<Map<number, number>>(new Map())
  const end = (index: number) => starts[index + 1] ?? text.length
  const open = gap.start < gap.end
  const children: ReactNode[] = []
  for (let index = 0; index < starts.length; index++) {
    const start = starts[index] as number
    if (open && index === gap.start) {
      let lines = 0
      for (; index < gap.end; index++) {
        const from = starts[index] as number
        let counted = pieceLines.current.get(from)
        if (counted === undefined) pieceLines.current.set(from, (counted = estimateLines(text, from, end(index))))
        lines += counted
      }
      index = gap.end - 1
      // Its height in the paragraph's own line height (`lh`), so only wrapping is estimated.
      children.push(<span key="gap" data-rivulet="markdown-placeholder" aria-hidden="true" style={{ display: 'block', blockSize: `${lines}lh` }} />)
      continue
    }
    children.push(<TextPiece key={start} text={text.slice(start, end(index))} />)
  }
  return (
    <p ref={paragraph} data-rivulet="markdown-plain" aria-busy={open ? true : undefined} style={paragraphStyle}>
      {children}
    </p>
  )
}
