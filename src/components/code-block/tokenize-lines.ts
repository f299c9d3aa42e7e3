import type { GrammarState, HighlighterCore, ShikiPrimitive, ThemedToken } from 'shiki/core'
import type { HighlightedLine } from './highlight-types.ts'
import type { ThemeNames } from './shiki-loader.ts'
import { CSS_VARIABLE_PREFIX, toTokenStyle } from './token-style.ts'

/** Longer lines (minified bundles, base64) stay plain rather than stall the tab. */
const MAX_LINE_LENGTH = 2000
/** Per-line cap inside the tokenizer; the rest of a pathological line stays plain. */
const LINE_TIME_LIMIT_MS = 150

/**
 * What the highlighting uses of Shiki: its internal core (grammars, themes) and token
 * output. Not `createHighlighterCore`'s highlighter, whose HTML and HAST renderers this
 * never calls and which were 16 KB gzip of the worker's bundle: see {@link withCodeToTokens}.
 */
export type ShikiTokenizer = Pick<ShikiPrimitive, 'loadTheme' | 'loadLanguage' | 'getLanguage'> & Pick<HighlighterCore, 'codeToTokens'>

/**
 * Shiki's internal core (`createShikiInternal`, a `ShikiPrimitive`) with `codeToTokens` bound to it: the
 * functions come from the caller's own import of `shiki/core`, so this module imports only
 * types (the page's chunks that use it must not pull Shiki in statically).
 *
 * @example
 * const { createShikiInternal, codeToTokens } = await import('shiki/core')
 * const tokenizer = withCodeToTokens(await createShikiInternal({ engine, themes: [], langs: [] }), codeToTokens)
 */
export function withCodeToTokens(
  internal: ShikiPrimitive,
  codeToTokens: (internal: ShikiPrimitive, code: string, options: Parameters<HighlighterCore['codeToTokens']>[1]) => ReturnType<HighlighterCore['codeToTokens']>,
): ShikiTokenizer & ShikiPrimitive {
  return Object.assign(internal, { codeToTokens: (code: string, options: Parameters<HighlighterCore['codeToTokens']>[1]) => codeToTokens(internal, code, options) })
}

/** What {@link tokenizeLines} returns. */
export interface TokenizedLines {
  lines: HighlightedLine[]
  /** The grammar state after the last line: pass it in to continue with the next line. */
  grammarState: GrammarState | undefined
}

/**
 * Tokenizes consecutive source lines with both themes in one pass, starting from the
 * grammar state the line before them ended in (`undefined`: the start of the block), so a
 * block can be coloured a few lines at a time and each line comes out exactly as it would
 * in one whole-block pass.
 *
 * @example
 * const first = tokenizeLines(highlighter, ['/* a'], 'typescript', themes, undefined)
 * tokenizeLines(highlighter, ['b *' + '/'], 'typescript', themes, first.grammarState) // still a comment
 */
export function tokenizeLines(
  highlighter: ShikiTokenizer,
  source: readonly string[],
  language: string,
  themes: ThemeNames,
  grammarState: GrammarState | undefined,
): TokenizedLines {
  const result = tokenizeRawLines(highlighter, source, language, themes, grammarState)
  const lines = result.tokens.map((tokens) => tokens.map((token) => ({ content: token.content, style: toTokenStyle(token.htmlStyle) })))
  return { lines, grammarState: result.grammarState }
}

/**
 * {@link tokenizeLines} before the styles become React style objects: Shiki's tokens, with
 * their `htmlStyle`. The highlight worker sends these, and the page makes the style objects.
 *
 * @example
 * const { tokens, grammarState } = tokenizeRawLines(highlighter, ['let a'], 'typescript', themes, undefined)
 */
export function tokenizeRawLines(
  highlighter: ShikiTokenizer,
  source: readonly string[],
  language: string,
  themes: ThemeNames,
  grammarState: GrammarState | undefined,
): { tokens: ThemedToken[][]; grammarState: GrammarState | undefined } {
  const result = highlighter.codeToTokens(source.join('\n'), {
    lang: language,
    themes: { light: themes.light, dark: themes.dark },
    defaultColor: 'light',
    cssVariablePrefix: CSS_VARIABLE_PREFIX,
    grammarState,
    tokenizeMaxLineLength: MAX_LINE_LENGTH,
    tokenizeTimeLimit: LINE_TIME_LIMIT_MS,
  })
  return { tokens: result.tokens, grammarState: result.grammarState }
}
