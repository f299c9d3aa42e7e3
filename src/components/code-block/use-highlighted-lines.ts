import { startTransition, useEffect, useRef, useState } from 'react'
import { highlightLines, peekHighlight, rememberHighlight, splitCodeLines, type HighlightedLine } from './highlighter.ts'
import { resolveLanguage } from './languages.ts'
import { createLineTokenizer, type LineTokenizer } from './line-tokenizer.ts'
import { yieldToMain } from './yield-to-main.ts'

/** Options of {@link useHighlightedLines}. */
export interface UseHighlightedLinesOptions {
  code: string
  language?: string | undefined
  /** False while the fence is still open: finished lines are coloured as they arrive, the last one stays plain. */
  complete: boolean
  /** False while the block is far off screen: a complete block waits to be highlighted until it is near. Default true. */
  visible?: boolean
}

/** Where a code block is: still streaming, plain text (or partly coloured), or fully coloured. */
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
/** Tokenizing time per task while a fence streams: a third of a 60 Hz frame. */
const STREAM_BUDGET_MS = 5

/**
 * Colours a code block. While the fence streams, each finished line is tokenized once, with
 * the grammar state carried from the line above (see `createLineTokenizer`), in tasks of a
 * few milliseconds, so code is coloured as it arrives and a coloured line never changes;
 * when the fence closes the last lines are tokenized the same way and the result cached. A
 * block that arrives complete is highlighted in slices with the shared cache: one already
 * highlighted (this mount or an earlier one) comes back coloured on the first render.
 * Unknown languages and failures stay plain.
 *
 * @example
 * const { lines, state } = useHighlightedLines({ code, language: 'ts', complete: !streaming })
 */
export function useHighlightedLines(options: UseHighlightedLinesOptions): UseHighlightedLinesResult {
  const { code, language, complete, visible = true } = options
  const id = resolveLanguage(language)
  const key = `${language ?? ''}\u0000${code}`
  const cached = complete ? peekHighlight(code, language) : undefined
  const [progress, setProgress] = useState<Progress | undefined>(undefined)
  const tokenizer = useRef<LineTokenizer | undefined>(undefined)
  // How many lines of `tokenizer` to show: state, so that each batch of new lines renders.
  const [streamed, setStreamed] = useState<{ tokenizer: LineTokenizer; count: number } | undefined>(undefined)

  // Line by line: while streaming, and to finish a block that streamed.
  useEffect(() => {
    if (id === undefined || cached) return
    const source = splitCodeLines(code)
    const finished = complete ? source : source.slice(0, -1)
    let current = tokenizer.current
    if (!current || current.language !== id || !current.continues(finished)) {
      // A block that arrives complete is highlighted whole (below), with the cache.
      if (complete) return
      current = createLineTokenizer(id)
      tokenizer.current = current
    }
    const lines = current
    let cancelled = false
    const run = async () => {
      await lines.ready
      for (;;) {
        if (cancelled) return
        const before = lines.lines.length
        const done = lines.advance(finished, STREAM_BUDGET_MS)
        if (lines.lines.length !== before) setStreamed({ tokenizer: lines, count: lines.lines.length })
        if (done) break
        await yieldToMain()
      }
      if (complete) rememberHighlight(code, id, lines.lines.slice())
    }
    // The highlighter failed to load: stay plain.
    run().catch(() => {})
    return () => {
      cancelled = true
    }
  }, [code, id, complete, cached])

  // Whole blocks that arrived complete, once they are near the viewport.
  useEffect(() => {
    if (!complete || cached || id === undefined || !visible) return
    if (tokenizer.current?.language === id && tokenizer.current.continues(splitCodeLines(code))) return
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
  }, [code, id, language, complete, cached, key, visible])

  const lineCount = () => splitCodeLines(code).length
  const fromStream = streamed && streamed.tokenizer === tokenizer.current ? streamed.tokenizer.lines.slice(0, streamed.count) : NO_LINES
  if (!complete) return { lines: fromStream, state: 'streaming' }
  if (cached) return { lines: cached.lines, state: 'highlighted' }
  if (progress?.key === key) return { lines: progress.lines, state: progress.done ? 'highlighted' : 'plain' }
  if (fromStream.length > 0) return { lines: fromStream, state: fromStream.length >= lineCount() ? 'highlighted' : 'plain' }
  return { lines: NO_LINES, state: 'plain' }
}
