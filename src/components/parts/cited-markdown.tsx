import { memo, useRef } from 'react'
import type { TextPart } from '../../core/state.ts'
import { textVersionOf } from '../../core/text-log.ts'
import { StreamingMarkdown } from '../markdown/streaming-markdown.tsx'
import { citationComponents } from './citation-components.tsx'
import { createCitationMarker, type CitationMarker } from './citations.ts'

/** Props of {@link CitedMarkdown}: keep them stable, it is memoised on them. */
export interface CitedMarkdownProps {
  /** The text part: its markdown so far, its citations (none renders plain streaming markdown), its logged version. */
  part: TextPart
  /** Source id → its number in the message's Sources list. */
  numbers: ReadonlyMap<string, number>
  streaming: boolean
  allowedImageOrigins: readonly string[] | undefined
  linkTarget: string | undefined
}

/**
 * An assistant text part: streaming markdown with a citation marker at the end of each cited
 * passage. The marked text is built incrementally and logged (see `createCitationMarker`), so a
 * token costs its own length here however many citations the text has; the markdown's finished
 * blocks stay memoised, and only the streaming block, with the markers that fall in it, is
 * parsed again. Memoised, so a token of another part does not render this one.
 *
 * @example
 * <CitedMarkdown part={part} numbers={numbers} streaming allowedImageOrigins={undefined} linkTarget={undefined} />
 */
export const CitedMarkdown = memo(function CitedMarkdown({ part, numbers, streaming, allowedImageOrigins, linkTarget }: CitedMarkdownProps) {
  const { text, citations } = part
  const marker = useRef<CitationMarker | null>(null)
  marker.current ??= createCitationMarker()
  // Without citations the marked text is the text itself, and so is its logged version.
  const unmarked = citations === undefined || citations.length === 0
  const logged = textVersionOf(part)
  const shown = unmarked ? text : marker.current.mark(text, citations, numbers, logged)
  return (
    <StreamingMarkdown
      streaming={streaming}
      allowedImageOrigins={allowedImageOrigins}
      linkTarget={linkTarget}
      // One constant whether or not the part has citations yet: the first marker re-renders no finished block.
      components={citationComponents}
      // A streamed text is read from its log, the marked one from the marker's: a token costs its own length (see StreamingMarkdown).
      textLog={unmarked ? logged : marker.current.version}
    >
      {shown}
    </StreamingMarkdown>
  )
})
