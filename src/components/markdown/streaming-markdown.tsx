import { useMemo, useRef, type ComponentPropsWithRef } from 'react'
import type { Components } from 'react-markdown'
import { DEFAULT_MAX_NESTING } from './limit-nesting.ts'
import { MarkdownBlock } from './markdown-block.tsx'
import { toOrigins } from './safe-url.ts'
import { createBlockSplitter, type BlockSplitter } from './split-blocks.ts'

const DEFINITION = /^ {0,3}\[(?!\^)(?:[^\]\\\n]|\\.)+\]:[ \t]*\S/

/**
 * Link reference definitions (`[r]: https://…`) of the whole message. Blocks render
 * separately, so a `[text][r]` in one block needs the definitions of the others. A
 * definition still being streamed is left out: its URL may be half written. Footnote
 * definitions (`[^1]:`) are not forwarded: each block would grow its own footnote list.
 */
function collectDefinitions(blocks: readonly string[], streaming: boolean): string {
  const settled = streaming ? blocks.length - 1 : blocks.length
  const lines: string[] = []
  for (let i = 0; i < settled; i++) {
    const block = blocks[i] as string
    if (!DEFINITION.test(block)) continue
    for (const line of block.split('\n')) if (DEFINITION.test(line)) lines.push(line)
  }
  return lines.join('\n')
}

/** Props of {@link StreamingMarkdown}. */
export interface StreamingMarkdownProps extends Omit<ComponentPropsWithRef<'div'>, 'children'> {
  /** The markdown text so far. */
  children: string
  /** True while text is still arriving: the last block's unfinished syntax is closed for display. */
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
export function StreamingMarkdown({
  children,
  streaming = false,
  allowedImageOrigins,
  linkTarget = '_blank',
  components,
  maxNesting = DEFAULT_MAX_NESTING,
  ...rest
}: StreamingMarkdownProps) {
  const splitter = useRef<BlockSplitter | null>(null)
  splitter.current ??= createBlockSplitter()
  const blocks = useMemo(() => (splitter.current as BlockSplitter).split(children), [children])
  // Keyed by content, so a new array with the same origins keeps every block memoised.
  const originsKey = allowedImageOrigins?.join('\n') ?? ''
  const origins = useMemo(() => toOrigins(originsKey === '' ? [] : originsKey.split('\n')), [originsKey])
  const definitions = useMemo(() => collectDefinitions(blocks, streaming), [blocks, streaming])
  const target = linkTarget ?? undefined
  return (
    <div data-rivulet="markdown" data-streaming={streaming ? '' : undefined} {...rest}>
      {blocks.map((block, index) => (
        <MarkdownBlock
          // Blocks only ever grow at the end, so the index is a stable identity.
          key={index}
          text={block}
          streaming={streaming && index === blocks.length - 1}
          allowedImageOrigins={origins}
          linkTarget={target}
          components={components}
          maxNesting={maxNesting}
          definitions={definitions}
        />
      ))}
    </div>
  )
}
