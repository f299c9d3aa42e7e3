/**
 * Inline style of one token, ready for React's `style` prop: the light theme's colour
 * (and font style) inline, the dark theme's as `--rivulet-code-dark*` variables that a
 * stylesheet switches to in dark mode.
 */
export type TokenStyle = Readonly<Record<string, string>>

/** One coloured run of text within a line. */
export interface HighlightedToken {
  readonly content: string
  readonly style: TokenStyle
}

/** The tokens of one source line (no newline); empty for an empty line. */
export type HighlightedLine = readonly HighlightedToken[]

/** A finished highlight; the same object is returned for the same (code, language). */
export interface HighlightResult {
  /** The grammar id that was used (`ts` resolves to `typescript`). */
  readonly language: string
  /** One entry per line of `splitCodeLines(code)`. */
  readonly lines: readonly HighlightedLine[]
}

/** Options of `highlightLines`. */
export interface HighlightOptions {
  /** Stops waiting; the work itself stops once nobody is waiting for it. */
  signal?: AbortSignal
  /**
   * Called after each slice with every line highlighted so far (a fresh array), so a UI
   * can colour the top of a long block while the rest is still being tokenized.
   */
  onProgress?: (lines: readonly HighlightedLine[]) => void
}
