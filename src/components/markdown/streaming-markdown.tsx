import { forwardRef, useEffect, useLayoutEffect, useMemo, useRef, useState, type ComponentPropsWithoutRef, type ReactNode } from 'react'
import type { Components } from 'react-markdown'
import { BLOCK_GROUP_SIZE, BlockGroup } from './block-group.tsx'
import { DEFAULT_MAX_NESTING } from './limit-nesting.ts'
import { createDefinitionCollector, type DefinitionCollector } from './reference-definitions.ts'
import { toOrigins } from '../../protocol/safe-url.ts'
import { createBlockSplitter, type BlockSplitter } from './split-blocks.ts'
import { revealCount } from './reveal-budget.ts'
import { useProgressiveMount } from './use-progressive-mount.ts'
import { useGroupRuns } from './group-runs.tsx'
import { createFrameScheduler, type FrameScheduler } from '../../core/frame-scheduler.ts'
import type { TextVersion } from '../../core/text-log.ts'

const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect

/** Props of {@link StreamingMarkdown}. */
export interface StreamingMarkdownProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** The markdown text so far. */
  children: string
  /**
   * True while text is still arriving: the last block's unfinished syntax is closed for display.
   * Text that arrives faster than a frame can parse it shows over the next frames.
   */
  streaming?: boolean
  /** Origins images may load from (`['https://cdn.example.com']`). Default: none, every image shows a placeholder. */
  allowedImageOrigins?: readonly string[]
  /** `target` of links that leave the page. Default `_blank`; `null` leaves it unset. */
  linkTarget?: string | null
  /**
   * react-markdown component overrides (`{ h1: MyHeading }`). Memoise the object: a new
   * one on every render re-renders every block. Links and images reach your `a` and `img`
   * already made safe; `pre` defaults to `CodeBlock`.
   */
  components?: Components
  /** How deep blockquotes, lists and brackets may nest before extra levels are flattened. Default 32. */
  maxNesting?: number
  /**
   * Where `children` came from, when it is a streamed text that only grows: its version of a
   * `TextLog` (`textVersionOf(part)` for a chat message's text part; `createTextLog().append`
   * for your own stream). A token then costs its own length instead of a read of the whole
   * text, which for a long answer is a copy of all of it on every frame. `children` must be
   * that version's text.
   */
  textLog?: TextVersion
}

/**
 * Renders streaming markdown safely and cheaply: the text is split into top-level blocks,
 * each memoised so a token re-renders only the last one; while `streaming`, the last
 * block's unfinished syntax (open fences, `**`, half links) is closed for display. Raw
 * HTML shows as text, links are limited to http(s)/mailto/relative, and images load only
 * from `allowedImageOrigins`. No live region here: the message list announces finished
 * content.
 *
 * @example
 * <StreamingMarkdown streaming={status === 'streaming'} allowedImageOrigins={['https://cdn.example.com']}>
 *   {text}
 * </StreamingMarkdown>
 */
export const StreamingMarkdown = forwardRef<HTMLDivElement, StreamingMarkdownProps>(function StreamingMarkdown({
  children,
  streaming = false,
  allowedImageOrigins,
  linkTarget = '_blank',
  components,
  maxNesting = DEFAULT_MAX_NESTING,
  textLog,
  ...rest
}, ref) {
  const splitter = useRef<BlockSplitter | null>(null)
  splitter.current ??= createBlockSplitter()
  const collector = useRef<DefinitionCollector | null>(null)
  collector.current ??= createDefinitionCollector()
  const blocks = useMemo(() => (splitter.current as BlockSplitter).split(children, textLog), [children, textLog])
  // Keyed by content, so a new array with the same origins keeps every block memoised.
  const originsKey = allowedImageOrigins?.join('\n') ?? ''
  const origins = useMemo(() => toOrigins(originsKey === '' ? [] : originsKey.split('\n')), [originsKey])
  const definitions = useMemo(
    () => (collector.current as DefinitionCollector).collect(blocks, streaming ? blocks.length - 1 : blocks.length),
    [blocks, streaming],
  )
  const target = linkTarget ?? undefined
  // New blocks show within a budget of characters per render; the rest over the next frames.
  const shown = useRef<number | undefined>(undefined)
  const count = revealCount(blocks, shown.current)
  useIsomorphicLayoutEffect(() => {
    shown.current = count
  })
  const behind = count < blocks.length
  const [, catchUp] = useState(0)
  const scheduler = useRef<FrameScheduler | null>(null)
  useEffect(() => {
    if (!behind) return
    scheduler.current ??= createFrameScheduler()
    const frame = scheduler.current
    const task = () => catchUp((n) => n + 1)
    frame.schedule(task)
    return () => frame.cancel(task)
  }, [behind, count])
  // A long answer that mounts settled renders its two ends first and the middle in slices.
  const gap = useProgressiveMount(blocks, count)
  // While behind, the last block shown is a finished one: nothing to repair.
  const streamingIndex = streaming && !behind ? blocks.length - 1 : -1
  const renderGroup = (start: number): ReactNode => {
    const end = Math.min(start + BLOCK_GROUP_SIZE, count)
    const inGap = gap.start < end && gap.end > start
    return (
      <BlockGroup
        // A block's group follows from its index, and blocks only ever grow at the end.
        key={start}
        blocks={blocks}
        start={start}
        end={end}
        streamingIndex={streamingIndex >= start && streamingIndex < end ? streamingIndex : -1}
        // The part of the gap inside this group, or none (end, end), so other groups keep their memo.
        gapStart={inGap ? Math.max(start, gap.start) : end}
        gapEnd={inGap ? Math.min(end, gap.end) : end}
        allowedImageOrigins={origins}
        linkTarget={target}
        components={components}
        maxNesting={maxNesting}
        definitions={definitions}
      />
    )
  }
  // Settled runs of groups are reused as they are: a token costs React a few runs, not every group.
  const groups = useGroupRuns(
    blocks,
    count,
    [origins, target, components, maxNesting, definitions],
    (start, end) => (streamingIndex >= start && streamingIndex < end) || (gap.start < end && gap.end > start),
    renderGroup,
  )
  return (
    // data-caret is the stylesheet's hook for the caret (see styles.css), data-streaming the public state.
    <div data-rivulet="markdown" data-streaming={streaming ? '' : undefined} data-caret={streaming ? '' : undefined} aria-busy={gap.start < gap.end ? true : undefined} {...rest} ref={ref}>
      {groups}
    </div>
  )
})
