import { forwardRef, useRef } from 'react'
import type { ComponentPropsWithoutRef } from 'react'
import { CodeLines } from './code-lines.tsx'
import { CopyButton } from './copy-button.tsx'
import { useHighlightedLines } from './use-highlighted-lines.ts'
import { useNearViewport } from './use-near-viewport.ts'

/** Props of {@link CodeBlock}; the rest are spread on the root `<div>`. */
export interface CodeBlockProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /**
   * The source text, without the fence lines. While `complete` is false, a final newline
   * means the last line is finished: it is coloured now, not when the next character arrives
   * (and no empty line is shown for it).
   */
  code: string
  /** The fence's info string language (`ts`, `python`…), if any. */
  language?: string
  /** False while the fence is still open in a streaming message. Defaults to true. */
  complete?: boolean
}

/**
 * A fenced code block with a language label and a Copy button, coloured with Shiki (loaded
 * on first use, cached) in the same DOM shape as plain text, so nothing moves. While
 * `complete` is false each finished line is coloured once as it arrives (the line being
 * typed stays plain); a block that arrives complete is highlighted in slices; a block
 * far off screen waits until it comes within about two screens of the viewport, and its
 * colours show a frame's share at a time (one budget for all blocks), once scrolling pauses.
 * Languages without a grammar stay plain. Light and dark colours come in one pass: the
 * light theme inline, the dark one in `--rivulet-code-dark` for a stylesheet to switch.
 *
 * @example
 * <CodeBlock code={'const answer = 42\n'} language="ts" complete={!streaming} />
 */
export const CodeBlock = forwardRef<HTMLDivElement, CodeBlockProps>(function CodeBlock({ code, language, complete = true, ...rest }, ref) {
  const preRef = useRef<HTMLPreElement>(null)
  // A block far off screen (a long restored thread) highlights when the reader gets near it.
  const visible = useNearViewport(preRef)
  const { lines, state } = useHighlightedLines({ code, language, complete, visible, target: preRef })
  const label = language?.trim() || undefined
  return (
    <div
      data-rivulet="code-block"
      data-state={state}
      data-language={label}
      data-streaming={complete ? undefined : ''}
      {...rest}
      ref={ref}
    >
      <div data-rivulet="code-header">
        {label ? <span data-rivulet="code-language">{label}</span> : null}
        <CopyButton text={code} />
      </div>
      {/* Focusable so keyboard users can scroll long lines sideways. */}
      <pre ref={preRef} data-rivulet="code-pre" tabIndex={0}>
        <code data-rivulet="code-content">
          <CodeLines code={code} tokens={lines} open={!complete} />
        </code>
      </pre>
    </div>
  )
})
