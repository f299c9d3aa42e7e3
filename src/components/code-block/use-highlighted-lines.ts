import { startTransition, useEffect, useState } from 'react'
import { highlightLines, peekHighlight, type HighlightedLine } from './highlighter.ts'

/** Options of {@link useHighlightedLines}. */
export interface UseHighlightedLinesOptions {
  code: string
  language?: string | undefined
  /** Nothing is highlighted (or loaded) until this is true. */
  complete: boolean
}

/** Where a code block is: still streaming, plain text, or fully coloured. */
export type CodeBlockState = 'streaming' | 'plain' | 'highlighted'

/** Result of {@link useHighlightedLines}. */
export interface UseHighlightedLinesResult {
  /**
   * Tokens for the first `lines.length` lines (all of them once `state` is
   * `highlighted`); the remaining lines are still plain text.
   */
  lines: readonly HighlightedLine[]
  state: CodeBlockState
}

interface Progress {
  key: string
  lines: readonly HighlightedLine[]
  done: boolean
}

const NO_LINES: readonly HighlightedLine[] = []

/**
 * Highlights a code block once it is complete, in slices, with the shared cache: a
 * block already highlighted (this mount or an earlier one) comes back coloured on the
 * first render. Unknown languages and failures stay plain.
 *
 * @example
 * const { lines, state } = useHighlightedLines({ code, language: 'ts', complete: true })
 */
export function useHighlightedLines(options: UseHighlightedLinesOptions): UseHighlightedLinesResult {
  const { code, language, complete } = options
  const key = `${language ?? ''}\u0000${code}`
  const cached = complete ? peekHighlight(code, language) : undefined
  const [progress, setProgress] = useState<Progress | undefined>(undefined)

  useEffect(() => {
    if (!complete || cached) return
    const controller = new AbortController()
    // Transitions: React renders the new tokens in interruptible ~5 ms chunks, so turning
    // hundreds of lines into spans never becomes one long task of its own.
    const show = (next: Progress) => startTransition(() => setProgress(next))
    highlightLines(code, language, {
      signal: controller.signal,
      onProgress: (lines) => show({ key, lines, done: false }),
    }).then(
      (result) => {
        if (result) show({ key, lines: result.lines, done: true })
      },
      // Aborted (unmounted, code changed) or the highlighter failed to load: stay plain.
      () => {},
    )
    return () => controller.abort()
  }, [code, language, complete, cached, key])

  if (!complete) return { lines: NO_LINES, state: 'streaming' }
  if (cached) return { lines: cached.lines, state: 'highlighted' }
  if (progress?.key !== key) return { lines: NO_LINES, state: 'plain' }
  return { lines: progress.lines, state: progress.done ? 'highlighted' : 'plain' }
}
