import type { GrammarState } from 'shiki/core'
import type { HighlightedLine, HighlightResult } from './highlight-types.ts'
import { loadHighlighter, loadLanguage, loadThemes } from './shiki-loader.ts'
import { tokenizeLines } from './tokenize-lines.ts'
import { yieldToMain } from './yield-to-main.ts'

/** Time per slice of tokenizing: half a 60 Hz frame leaves room for input and paint. */
const SLICE_BUDGET_MS = 8
/** The first slice also compiles the grammar's regexes, so it starts small. */
const FIRST_SLICE_LINES = 4
const MAX_SLICE_LINES = 1000

/** Hooks of {@link tokenizeInSlices}. */
export interface SliceHooks {
  /** Checked before each slice: true stops the run with an `AbortError`. */
  stopped(): boolean
  /** Every line tokenized so far (a fresh array), after each slice but the last. */
  progress(lines: readonly HighlightedLine[]): void
}

/**
 * Tokenizes a whole block in slices of about 8 ms, yielding to the browser between them
 * and carrying the grammar state from slice to slice, so a 2,000-line block never freezes
 * the page. Each slice's size is aimed at the budget from the rate the last one measured.
 *
 * @example
 * const result = await tokenizeInSlices(['const a = 1'], 'typescript', { stopped: () => false, progress: () => {} })
 */
export async function tokenizeInSlices(source: readonly string[], id: string, hooks: SliceHooks): Promise<HighlightResult> {
  const highlighter = await loadHighlighter()
  const [themes] = await Promise.all([loadThemes(highlighter), loadLanguage(highlighter, id)])
  const lines: HighlightedLine[] = []
  let grammarState: GrammarState | undefined
  let sliceLines = FIRST_SLICE_LINES

  while (lines.length < source.length) {
    // Checked at slice boundaries rather than on abort, so a StrictMode remount (abort,
    // then subscribe again in the same task) keeps the run alive.
    if (hooks.stopped()) throw new DOMException('Nobody is waiting for this highlight', 'AbortError')
    const start = lines.length
    const end = Math.min(source.length, start + sliceLines)
    const began = performance.now()
    const slice = tokenizeLines(highlighter, source.slice(start, end), id, themes, grammarState)
    const elapsed = performance.now() - began
    grammarState = slice.grammarState
    for (const line of slice.lines) lines.push(line)
    // Clamped so one slow slice (regex compilation) does not shrink every later one to a single line.
    const perLine = Math.max(elapsed, 0.05) / (end - start)
    sliceLines = Math.max(1, Math.min(MAX_SLICE_LINES, Math.floor(SLICE_BUDGET_MS / perLine)))

    if (lines.length < source.length) {
      hooks.progress(lines.slice())
      await yieldToMain()
    }
  }
  return Object.freeze({ language: id, lines: Object.freeze(lines) })
}
