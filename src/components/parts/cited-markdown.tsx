import { memo, useRef } from 'react'
import type { TextCitation } from '../../core/state.ts'
import { StreamingMarkdown } from '../markdown/streaming-markdown.tsx'
import { citationComponents } from './citation-components.tsx'
import { createCitationMarker, type CitationMarker } from './citations.ts'

/** Props of {@link CitedMarkdown}: keep them stable, it is memoised on them. */
export interface CitedMarkdownProps {
  /** The text part's markdown so far. */
  text: string
  /** The part's citations; none renders plain streaming markdown. */
  citations: readonly TextCitation[] | undefined
  /** Source id → its number in the message's Sources list. */
  numbers: ReadonlyMap<string, number>
  streaming: boolean
  allowedImageOrigins: readonly string[] | undefined
  linkTarget: string | undefined
}

/**
 * An assistant text part: streaming markdown with a citation marker at the end of each cited
 * passage. The marked text is built incrementally (see `createCitationMarker`), so a token
 * costs its own length here however many citations the text has; the markdown's finished
 * blocks stay memoised, and only the streaming block, with the markers that fall in it, is
 * parsed again. Memoised, so a token of another part does not render this one.
 *
 * @example
 * <CitedMarkdown text={part.text} citations={part.citations} numbers={numbers} streaming allowedImageOrigins={undefined} linkTarget={undefined} />
 */
export const CitedMarkdown = memo(function CitedMarkdown({ text, citations, numbers, streaming, allowedImageOrigins, linkTarget }: CitedMarkdownProps) {
  const marker = useRef<CitationMarker | null>(null)
  marker.current ??= createCitationMarker()
  return (
    <StreamingMarkdown
      streaming={streaming}
      allowedImageOrigins={allowedImageOrigins}
      linkTarget={linkTarget}
      // One constant whether or not the part has citations yet: the first marker re-renders no finished block.
      components={citationComponents}
    >
      {marker.current.mark(text, citations, numbers)}
    </StreamingMarkdown>
  )
})
