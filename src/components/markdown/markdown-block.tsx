import { memo, useCallback, useMemo, type ReactNode } from 'react'
import type { Components } from 'react-markdown'
import { CodeBlock } from '../code-block/code-block.tsx'
import { escapesToPlaceholders } from './escape-placeholders.ts'
import { openFenceLineFinished, readFenceBlock } from './fence-block.ts'
import { limitNesting } from './limit-nesting.ts'
import { useLabels } from '../labels/labels-context.tsx'
import { useMarkdownRenderer } from './markdown-loader.ts'
import { Pre } from './markdown-pre.tsx'
import { MarkdownStandInBlock as PendingBlock } from './markdown-stand-in.tsx'
import { PlainTextBlock } from './plain-text-block.tsx'
import { repairMarkdownDetailed } from './repair-markdown.ts'
import { readTableRows, TableBlock } from './table-block.tsx'
import { TaskCheckbox } from './task-checkbox.tsx'

/** Props of {@link MarkdownBlock}. */
export interface MarkdownBlockProps {
  /** One top-level block of markdown, as split by `splitBlocks`. */
  text: string
  /** Close unfinished syntax (the last block of a message that is still streaming). */
  streaming: boolean
  /** Origins images may load from. Keep the same Set instance between renders. */
  allowedImageOrigins: ReadonlySet<string>
  /** `target` for external links, `undefined` for none. */
  linkTarget: string | undefined
  /** react-markdown component overrides. Keep the same object between renders, or every block re-renders. */
  components: Components | undefined
  /** Nesting cap, see `limitNesting`. */
  maxNesting: number
  /** Link reference definitions from the other blocks of the message, one per line. */
  definitions?: string
}

/**
 * A paragraph-like block longer than this is shown as plain text. Markdown parsing of one
 * huge paragraph grows faster than its length (a 1 MB line never finished; 200 KB took
 * 10 s), so a model — or an attacker — that writes one must not freeze the tab. Real
 * answers split into many blocks long before this. Code fences and tables of any length
 * are not affected: they render without parsing their whole text (see `readFenceBlock`,
 * `TableBlock`).
 */
export const MAX_MARKDOWN_BLOCK_CHARS = 50_000

/**
 * One top-level block of a message, memoised: while a message streams, only its last
 * block receives new text, so only it re-renders. A block that is one code fence goes
 * straight to `CodeBlock`, and a long table renders in memoised row chunks, so neither is
 * re-parsed whole on every token. Parsing never throws out of here: if hostile input still
 * defeats the nesting cap, the block falls back to plain text. Until the parser's chunk has
 * loaded (see `preloadMarkdown`), every block but a lone fence shows as a stand-in with its syntax hidden (`MarkdownStandInBlock`).
 *
 * @example
 * <MarkdownBlock text={'**Hi**'} streaming={false} allowedImageOrigins={new Set()} linkTarget="_blank" components={undefined} maxNesting={32} />
 */
export const MarkdownBlock = memo(function MarkdownBlock({
  text,
  streaming,
  allowedImageOrigins,
  linkTarget,
  components,
  maxNesting,
  definitions = '',
}: MarkdownBlockProps): ReactNode {
  const imageBlocked = useLabels().markdown.imageBlocked
  const renderMarkdownSource = useMarkdownRenderer()
  const allComponents = useMemo<Components>(() => ({ pre: Pre, input: TaskCheckbox, ...components }), [components])
  // Stable across tokens, so the memoised chunks of a long table keep their renders.
  const render = useCallback(
    (source: string, use: Components, repair: boolean): ReactNode => {
      if (!renderMarkdownSource) return <PendingBlock text={source} />
      const limited = escapesToPlaceholders(limitNesting(source, maxNesting))
      // A list item's fence closers are lined up in the repair's own scan (one pass per token),
      // so a streaming block and its settled form read them alike.
      const repaired = repairMarkdownDetailed(limited, true)
      const shown = repair ? repaired.text : repaired.aligned
      // Definitions go after a blank line, where they cannot join the block, unless a fence would swallow them.
      const usesReferences = definitions !== '' && !repaired.openFence && source.includes(']') && !source.trimStart().startsWith('<')
      try {
        return renderMarkdownSource(usesReferences ? shown + '\n\n' + definitions : shown, {
          allowedImageOrigins,
          linkTarget,
          components: use,
          openFenceEnd: repair && repaired.openFence ? shown.length : undefined,
          openFenceLineFinished: repair && repaired.openFence ? openFenceLineFinished(repaired.aligned, repaired.openFence.start, repaired.openFence.marker) : undefined,
          imageBlocked,
        })
      } catch {
        return <p data-rivulet="markdown-fallback">{source}</p>
      }
    },
    [renderMarkdownSource, allowedImageOrigins, linkTarget, maxNesting, definitions, imageBlocked],
  )
  const rendered = useMemo(() => {
    // The app's own `pre`/`code` must see every fence, so only the default one takes the short cut.
    const fence = components?.pre || components?.code ? undefined : readFenceBlock(text, streaming)
    if (fence) return <CodeBlock code={fence.code} language={fence.language} complete={fence.complete} />
    const huge = text.length > MAX_MARKDOWN_BLOCK_CHARS
    // Before the parser has loaded, a table is its text too: a paragraph cannot go in a table.
    if (!renderMarkdownSource) return huge ? <PlainTextBlock text={text} /> : <PendingBlock text={text} />
    const table = readTableRows(text)
    if (table) return <TableBlock table={table} streaming={streaming} components={allComponents} render={render} />
    // Checked before limiting nesting: that alone is a pass over the whole text.
    if (huge) return <PlainTextBlock text={text} />
    return render(text, allComponents, streaming)
  }, [text, streaming, components, allComponents, render, renderMarkdownSource])
  return rendered
})
