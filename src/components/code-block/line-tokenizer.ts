import type { GrammarState } from 'shiki/core'
import type { HighlightedLine } from './highlight-types.ts'
import { loadHighlighter, loadLanguage, loadThemes, type ThemeNames } from './shiki-loader.ts'
import { tokenizeLines, type ShikiTokenizer } from './tokenize-lines.ts'

/** Most lines tokenized per call to the tokenizer while catching up. */
const MAX_LINES_PER_CALL = 64
/** Floor of the measured cost per line, so one instant call does not size the next at the maximum. */
const MIN_MS_PER_LINE = 0.02

/**
 * Colours a growing block line by line: each line is tokenized once, starting from the
 * grammar state the line before it ended in, so a line's colours are final the moment it
 * is tokenized (they depend only on it and the lines above) and never change as more
 * lines arrive. See {@link createLineTokenizer}.
 */
export interface LineTokenizer {
  /** The grammar id. */
  readonly language: string
  /** Resolves once Shiki, the grammar and the themes are loaded; rejects if they cannot be. */
  readonly ready: Promise<void>
  /** Tokens of `source[0 … lines.length - 1]`, the same objects for as long as the tokenizer lives. */
  readonly lines: readonly HighlightedLine[]
  /**
   * Tokenizes more of `source` (the block's lines so far; lines already tokenized must be
   * unchanged) until every line is done or `budgetMs` has passed. Returns true when every
   * line of `source` is tokenized. Call after `ready`.
   */
  advance(source: readonly string[], budgetMs: number): boolean
  /** True when `source` still begins with the lines tokenized so far (they were not edited). */
  continues(source: readonly string[]): boolean
}

/**
 * A {@link LineTokenizer} for grammar `id` (from `resolveLanguage`), with the themes of
 * `setCodeThemes` at the time of the call.
 *
 * @example
 * const tokenizer = createLineTokenizer('typescript')
 * await tokenizer.ready
 * tokenizer.advance(['const a = 1', 'const b = 2'], 8) // true; tokenizer.lines has 2 lines
 */
export function createLineTokenizer(id: string): LineTokenizer {
  let highlighter: ShikiTokenizer | undefined
  let themes: ThemeNames | undefined
  let grammarState: GrammarState | undefined
  const lines: HighlightedLine[] = []
  const tokenized: string[] = []
  // Unknown until measured: the first call tokenizes one line (it may also compile regexes).
  let msPerLine = Number.POSITIVE_INFINITY

  const ready = (async () => {
    const loaded = await loadHighlighter()
    const [names] = await Promise.all([loadThemes(loaded), loadLanguage(loaded, id)])
    highlighter = loaded
    themes = names
  })()
  ready.catch(() => {})

  return {
    language: id,
    ready,
    lines,
    continues(source) {
      const last = tokenized.length - 1
      return source.length >= tokenized.length && (last < 0 || source[last] === tokenized[last])
    },
    advance(source, budgetMs) {
      if (!highlighter || !themes) return false
      const began = performance.now()
      while (lines.length < source.length) {
        // Each call is sized from the rate the last one measured, so a slow line (or a
        // loaded machine) shrinks the calls instead of overrunning the budget.
        const left = budgetMs - (performance.now() - began)
        if (left <= 0) break
        const count = Math.max(1, Math.min(MAX_LINES_PER_CALL, Math.floor(left / msPerLine)))
        const start = lines.length
        const batch = source.slice(start, Math.min(source.length, start + count))
        const callStart = performance.now()
        const result = tokenizeLines(highlighter, batch, id, themes, grammarState)
        msPerLine = Math.max(MIN_MS_PER_LINE, (performance.now() - callStart) / batch.length)
        grammarState = result.grammarState
        for (let i = 0; i < result.lines.length; i++) {
          lines.push(Object.freeze(result.lines[i] as HighlightedLine))
          tokenized.push(batch[i] as string)
        }
      }
      return lines.length >= source.length
    },
  }
}
