/**
 * Code highlighting for streamdown in the bench pages, so it does the work Rivulet does when
 * Rivulet colours fences. streamdown 2.x highlights through a `plugins.code` plugin
 * (`@streamdown/code`, not installed here), so this is a plugin written to streamdown's public
 * `CodeHighlighterPlugin` interface: Shiki with the same JavaScript regex engine and the same
 * GitHub light/dark themes Rivulet uses, on the main thread as streamdown's plugin runs, and
 * asynchronous (result through the callback), as streamdown expects while a grammar loads,
 * with results cached by language and code as streamdown's own plugin does (streamdown asks
 * again whenever a block re-renders; only a block whose code changed is tokenized again, whole).
 */
import type { HighlighterCore } from 'shiki/core'
import type { CodeHighlighterPlugin, HighlightOptions, HighlightResult } from 'streamdown'

/** The themes Rivulet colours with by default; streamdown is given the same pair. */
export const STREAMDOWN_THEMES: [string, string] = ['github-light-default', 'github-dark-default']

let highlighter: Promise<HighlighterCore> | undefined
const languages = new Map<string, Promise<boolean>>()
/** Finished results by language and code; the oldest go first past the limit. */
const results = new Map<string, HighlightResult>()
const RESULT_LIMIT = 1_000
/** Highlights asked for and not finished yet. */
const pending = new Set<Promise<unknown>>()

/**
 * Resolves once every highlight asked for so far has finished, so a bench can let streamdown's
 * queued Shiki work end before another contender's measurement starts (it runs in tasks of its
 * own, after the update that asked for it, and would otherwise land in the next window).
 *
 * @example
 * unmount(); await highlightsSettled()
 */
export async function highlightsSettled(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending])
}

function loadHighlighter(): Promise<HighlighterCore> {
  highlighter ??= (async () => {
    const [{ createHighlighterCore }, { createJavaScriptRegexEngine }, light, dark] = await Promise.all([
      import('shiki/core'),
      import('shiki/engine/javascript'),
      import('shiki/themes/github-light-default.mjs'),
      import('shiki/themes/github-dark-default.mjs'),
    ])
    return createHighlighterCore({ engine: createJavaScriptRegexEngine({ forgiving: true }), themes: [light.default, dark.default], langs: [] })
  })()
  return highlighter
}

/** Loads a bundled grammar once; false for a language Shiki does not ship. */
function loadLanguage(core: HighlighterCore, language: string): Promise<boolean> {
  let loading = languages.get(language)
  if (!loading) {
    loading = import('shiki/langs')
      .then(async ({ bundledLanguages }) => {
        const grammar = bundledLanguages[language as keyof typeof bundledLanguages]
        if (!grammar) return false
        await core.loadLanguage(grammar)
        return true
      })
      .catch(() => false)
    languages.set(language, loading)
  }
  return loading
}

async function tokenize({ code, language }: HighlightOptions): Promise<HighlightResult | null> {
  const core = await loadHighlighter()
  if (!(await loadLanguage(core, language))) return null
  const result = core.codeToTokens(code, { lang: language, themes: { light: STREAMDOWN_THEMES[0], dark: STREAMDOWN_THEMES[1] } })
  return { bg: result.bg, fg: result.fg, rootStyle: result.rootStyle, tokens: result.tokens }
}

/**
 * streamdown's `plugins.code` for the bench pages.
 *
 * @example
 * <Streamdown plugins={{ code: streamdownShiki }} shikiTheme={STREAMDOWN_THEMES}>{text}</Streamdown>
 */
export const streamdownShiki: CodeHighlighterPlugin = {
  name: 'shiki',
  type: 'code-highlighter',
  getSupportedLanguages: () => [],
  getThemes: () => STREAMDOWN_THEMES,
  supportsLanguage: (language) => language !== '',
  highlight(options, callback) {
    const key = `${options.language}\u0000${options.code}`
    const cached = results.get(key)
    if (cached) return cached
    const done = tokenize(options).then((result) => {
      if (!result) return
      results.set(key, result)
      if (results.size > RESULT_LIMIT) results.delete(results.keys().next().value!)
      callback?.(result)
    })
    pending.add(done)
    void done.finally(() => pending.delete(done))
    return null
  },
}
