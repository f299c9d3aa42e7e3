import type { HighlighterCore } from 'shiki/core'
import { currentCodeThemes, resolveTheme } from './code-themes.ts'
import { collectGrammarPatterns } from './grammar-patterns.ts'
import { languageLoader } from './languages.ts'
import { warmUpRegexes } from './regex-warm-up.ts'
import { retryWhileCompiling } from './retry-compiling.ts'

// Shiki is only ever reached through dynamic `import()` here (type imports are erased),
// so a page that never shows code never downloads the highlighter.

let highlighterPromise: Promise<HighlighterCore> | undefined
/** Compiled grammar regexes by source, shared by the engine and the warm-up. */
const regexCache = new Map<string, RegExp | Error>()
let compileRegex: ((source: string) => RegExp) | undefined
const loadedLanguages = new Map<string, Promise<void>>()
let loadedThemes: { version: number; names: Promise<ThemeNames> } | undefined

/** Shiki's names of the light and dark themes, as `codeToTokens` takes them. */
export interface ThemeNames {
  light: string
  dark: string
}

/**
 * The shared Shiki highlighter (`shiki/core`, JavaScript regex engine), created on first
 * call. Themes and languages are loaded on demand by {@link loadThemes} and
 * {@link loadLanguage}.
 *
 * @example
 * const highlighter = await loadHighlighter()
 */
export function loadHighlighter(): Promise<HighlighterCore> {
  highlighterPromise ??= createHighlighter().catch((error: unknown) => {
    // A failed chunk download must not poison every later attempt.
    highlighterPromise = undefined
    throw error
  })
  return highlighterPromise
}

async function createHighlighter(): Promise<HighlighterCore> {
  // The whole highlighter, not the worker's token-only core: loadHighlighter is public, and
  // callers may render HTML with it. (This chunk loads only where there is no Worker.)
  const [{ createHighlighterCore }, { createJavaScriptRegexEngine, defaultJavaScriptRegexConstructor }] =
    await Promise.all([import('shiki/core'), import('shiki/engine/javascript')])
  const regexConstructor = (source: string) => defaultJavaScriptRegexConstructor(source, { target: 'auto' })
  compileRegex = regexConstructor
  return createHighlighterCore({
    // forgiving: a grammar pattern the JS engine cannot express is skipped, not thrown.
    engine: createJavaScriptRegexEngine({ forgiving: true, cache: regexCache, regexConstructor }),
    themes: [],
    langs: [],
  })
}

/**
 * Loads the configured light and dark themes (see `setCodeThemes`) into the highlighter,
 * once per configuration, and returns their names.
 *
 * @example
 * const { light, dark } = await loadThemes(await loadHighlighter())
 */
export function loadThemes(highlighter: HighlighterCore): Promise<ThemeNames> {
  const { themes, version } = currentCodeThemes()
  if (loadedThemes?.version !== version) {
    const names = Promise.all([resolveTheme(themes.light), resolveTheme(themes.dark)]).then(async ([light, dark]) => {
      await highlighter.loadTheme(light, dark)
      return { light: light.name ?? 'light', dark: dark.name ?? 'dark' }
    })
    names.catch(() => {
      if (loadedThemes?.names === names) loadedThemes = undefined
    })
    loadedThemes = { version, names }
  }
  return loadedThemes.names
}

/**
 * Loads the grammar `id` (a key of the language registry) into the highlighter once, then
 * compiles its regexes ahead of time in slices. Rejects for an unknown id.
 *
 * @example
 * await loadLanguage(await loadHighlighter(), 'typescript')
 */
export function loadLanguage(highlighter: HighlighterCore, id: string): Promise<void> {
  let loading = loadedLanguages.get(id)
  if (!loading) {
    const loader = languageLoader(id)
    if (!loader) return Promise.reject(new Error(`No grammar for "${id}"`))
    loading = loader().then(async (module) => {
      await highlighter.loadLanguage(module.default)
      // Lines cut short by regex compilation (not by themselves) are tokenized again.
      retryWhileCompiling(highlighter, module.default.map((grammar) => grammar.name), () => regexCache.size)
      if (compileRegex) await warmUpRegexes(collectGrammarPatterns(module.default), regexCache, compileRegex)
    })
    loading.catch(() => loadedLanguages.delete(id))
    loadedLanguages.set(id, loading)
  }
  return loading
}
