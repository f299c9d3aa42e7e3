import { memo, useRef, type ReactNode } from 'react'
import type { Components } from 'react-markdown'
import { MarkdownBlock } from './markdown-block.tsx'
import { NearViewportScopeContext, useNearViewportScope } from '../code-block/use-near-viewport.ts'
import { estimateBlocksHeight } from './progressive-mount.ts'

/** How many consecutive blocks share one {@link BlockGroup}. */
export const BLOCK_GROUP_SIZE = 32

/** Props of {@link BlockGroup}. */
export interface BlockGroupProps {
  /** Every block of the message; this group renders `blocks[start … end - 1]`. */
  blocks: readonly string[]
  start: number
  end: number
  /** Index (into `blocks`) of the block still being streamed, or -1 when it is not in this group. */
  streamingIndex: number
  /**
   * Blocks `gapStart … gapEnd - 1` of this group are not rendered yet (a long answer still
   * mounting): a placeholder of about their height stands in for them. Equal: none.
   */
  gapStart?: number
  gapEnd?: number
  allowedImageOrigins: ReadonlySet<string>
  linkTarget: string | undefined
  components: Components | undefined
  maxNesting: number
  definitions: string
}

function sameGroup(previous: BlockGroupProps, next: BlockGroupProps): boolean {
  if (
    previous.start !== next.start ||
    previous.end !== next.end ||
    previous.streamingIndex !== next.streamingIndex ||
    previous.gapStart !== next.gapStart ||
    previous.gapEnd !== next.gapEnd ||
    previous.allowedImageOrigins !== next.allowedImageOrigins ||
    previous.linkTarget !== next.linkTarget ||
    previous.components !== next.components ||
    previous.maxNesting !== next.maxNesting ||
    previous.definitions !== next.definitions
  ) {
    return false
  }
  // The splitter hands back the same strings for unchanged blocks: reference comparisons.
  for (let i = next.start; i < next.end; i++) if (previous.blocks[i] !== next.blocks[i]) return false
  return true
}

/**
 * A run of consecutive top-level blocks in a `<div data-rivulet="markdown-group">`,
 * memoised as a whole. A token changes only the last group, so React walks a few dozen
 * groups instead of every block of a long message, and the browser re-lays out the
 * message root's few dozen children instead of hundreds. The wrapper has no box styles
 * of its own: block margins collapse through it as if it were not there. A block never
 * moves to another group, so growing messages never remount what is already shown. Its code
 * blocks share one viewport observer, on the group.
 *
 * @example
 * <BlockGroup blocks={blocks} start={0} end={32} streamingIndex={-1} allowedImageOrigins={new Set()}
 *   linkTarget="_blank" components={undefined} maxNesting={32} definitions="" />
 */
export const BlockGroup = memo(function BlockGroup({
  blocks,
  start,
  end,
  streamingIndex,
  gapStart = end,
  gapEnd = end,
  allowedImageOrigins,
  linkTarget,
  components,
  maxNesting,
  definitions,
}: BlockGroupProps): ReactNode {
  const element = useRef<HTMLDivElement>(null)
  // Code blocks ask this group whether it is near the viewport: one observer per group, not per fence.
  const near = useNearViewportScope(element)
  const children: ReactNode[] = []
  for (let index = start; index < end; index++) {
    if (index === gapStart && gapStart < gapEnd) {
      children.push(
        // Hidden from assistive technology: the root is aria-busy until the gap has closed.
        <div key="gap" data-rivulet="markdown-placeholder" aria-hidden="true" style={{ blockSize: estimateBlocksHeight(blocks, gapStart, gapEnd) }} />,
      )
      index = gapEnd - 1
      continue
    }
    children.push(
      <MarkdownBlock
        // Blocks only ever grow at the end, so the index is a stable identity.
        key={index}
        text={blocks[index] as string}
        streaming={index === streamingIndex}
        allowedImageOrigins={allowedImageOrigins}
        linkTarget={linkTarget}
        components={components}
        maxNesting={maxNesting}
        definitions={definitions}
      />,
    )
  }
  return (
    <NearViewportScopeContext.Provider value={near}>
      <div data-rivulet="markdown-group" ref={element}>
        {children}
      </div>
    </NearViewportScopeContext.Provider>
  )
}, sameGroup)
