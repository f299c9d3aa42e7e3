import type { LanguageRegistration, ThemeRegistrationAny } from 'shiki/core'

/**
 * Messages between the page and the highlight worker. The page owns the grammars and themes
 * (registered languages and `setCodeThemes` are lazy imports that only the page can run), so
 * it sends them as plain objects once each; the worker keeps one grammar state per fence and
 * answers with the tokens of each finished line.
 */
export type ToWorker =
  /** The light and dark themes, sent again when `setCodeThemes` changes them. */
  | { type: 'themes'; version: number; light: ThemeRegistrationAny; dark: ThemeRegistrationAny }
  /** A grammar (with the ones it embeds), sent once per language. */
  | { type: 'grammar'; id: string; grammars: LanguageRegistration[] }
  /** A fence starts: tokenized with grammar `language` and the themes of `themes`. */
  | { type: 'open'; fence: number; language: string; themes: number }
  /** The next finished lines of a fence (never lines it was sent before). */
  | { type: 'lines'; fence: number; lines: string[] }
  /** The fence is gone: forget its state and any line not tokenized yet. */
  | { type: 'close'; fence: number }

/**
 * A token as it travels: its text and the number of its style in the worker's style table.
 * A line is flat, `[content, style, content, style, …]`, so a message is a few arrays.
 */
export type WireLine = Array<string | number>

export type FromWorker =
  /** Tokens of lines `start …` of a fence; `styles` are the style-table entries first used by them. */
  | { type: 'lines'; fence: number; start: number; lines: WireLine[]; styles: Array<[number, Record<string, string>]> }
  /** A fence (or, without `fence`, every fence of `language`) cannot be tokenized in the worker. */
  | { type: 'failed'; fence?: number; language?: string; message: string }
