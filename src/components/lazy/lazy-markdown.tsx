import { memo, useMemo } from 'react'
import type { CitedMarkdownProps } from '../parts/cited-markdown.tsx'
import { lazyView } from './lazy-view.tsx'
import { MarkdownStandInBlock, standInBlocks } from '../markdown/markdown-stand-in.tsx'
import { MarkdownPipelineContext } from './markdown-pipeline-chunk.ts'

/**
 * An answer's text before the markdown pipeline has loaded: its blocks (split at blank lines
 * outside fences) as stand-ins for their rendered form with the syntax hidden, the way the
 * pipeline itself shows them until the parser lands, in the same container, so the answer
 * barely moves when the rendered blocks replace them.
 */
const MarkdownFallback = memo(function MarkdownFallback({ text, streaming }: { text: string; streaming: boolean }) {
  const blocks = useMemo(() => standInBlocks(text), [text])
  return (
    <div data-rivulet="markdown" data-streaming={streaming ? '' : undefined} data-caret={streaming ? '' : undefined}>
      {blocks.map((block, index) => (
        <MarkdownStandInBlock key={index} text={block} />
      ))}
    </div>
  )
})

/**
 * An assistant message's text part with its citation markers, rendered by the markdown
 * pipeline from its lazy chunk; its text as paragraphs until the chunk lands.
 *
 * @example
 * <LazyCitedMarkdown part={part} numbers={numbers} streaming={live} … />
 */
export const LazyCitedMarkdown = memo(
  lazyView(MarkdownPipelineContext, (m) => m.CitedMarkdown, ({ part, streaming }: CitedMarkdownProps) => <MarkdownFallback text={part.text} streaming={streaming} />),
)
