import type { GrammarState, HighlighterCore } from 'shiki/core'
import { collectGrammarPatterns } from './grammar-patterns.ts'
import { createLruCache } from './lru-cache.ts'
import { languageLoader, resolveLanguage } from './languages.ts'
import { yieldToMain } from './yield-to-main.ts'

// Shiki is only ever reached through dynamic `import()` below (type imports are erased),
// so a page that never shows code never downloads the highlighter.

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
  /** One entry per line of {@link splitCodeLines}(code). */
  readonly lines: readonly HighlightedLine[]
}

/** Options of {@link highlightLines}. */
export interface HighlightOptions {
  /** Stops waiting; the work itself stops once nobody is waiting for it. */
  signal?: AbortSignal
  /**
   * Called after each slice with every line highlighted so far (a fresh array), so a UI
   * can colour the top of a long block while the rest is still being tokenized.
   */
  onProgress?: (lines: readonly HighlightedLine[]) => void
}

/** The light and dark themes, tokenized in one pass (Shiki dual themes). */
const THEMES = { light: 'github-light-default', dark: 'github-dark-default' } as const
const CSS_VARIABLE_PREFIX = '--rivulet-code-'
/** Time per slice of tokenizing: half a 60 Hz frame leaves room for input and paint. */
const SLICE_BUDGET_MS = 8
/** The first slice also compiles the grammar's regexes, so it starts small. */
const FIRST_SLICE_LINES = 4
const MAX_SLICE_LINES = 1000
/** Longer lines (minified bundles, base64) stay plain rather than stall the tab. */
const MAX_LINE_LENGTH = 2000
/** Per-line cap inside the tokenizer; the rest of a pathological line stays plain. */
const LINE_TIME_LIMIT_MS = 150
/** Cached highlights, counted in lines: bounds the tokens kept to roughly 10-20 MB. */
const CACHE_LINES = 20_000

let highlighterPromise: Promise<HighlighterCore> | undefined
/** Compiled grammar regexes by source, shared by the engine and the warm-up. */
const regexCache = new Map<string, RegExp | Error>()
let compileRegex: ((source: string) => RegExp) | undefined
const loadedLanguages = new Map<string, Promise<void>>()
const cache = createLruCache<string, HighlightResult>(CACHE_LINES, (result) => result.lines.length)
const jobs = new Map<string, Job>()
const styles = new Map<string, TokenStyle>()

interface Waiter {
  onProgress?: HighlightOptions['onProgress']
}

interface Job {
  readonly waiters: Set<Waiter>
  readonly promise: Promise<HighlightResult>
}

/**
 * The shared Shiki highlighter (`shiki/core`, JavaScript regex engine, both themes),
 * created on first call. Languages are loaded on demand by {@link highlightLines}.
 *
 * @example
 * const highlighter = await loadHighlighter()
 * highlighter.getLoadedThemes() // ['github-light-default', 'github-dark-default']
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
  const [{ createHighlighterCore }, { createJavaScriptRegexEngine, defaultJavaScriptRegexConstructor }] =
    await Promise.all([import('shiki/core'), import('shiki/engine/javascript')])
  const regexConstructor = (source: string) => defaultJavaScriptRegexConstructor(source, { target: 'auto' })
  compileRegex = regexConstructor
  return createHighlighterCore({
    // forgiving: a grammar pattern the JS engine cannot express is skipped, not thrown.
    engine: createJavaScriptRegexEngine({ forgiving: true, cache: regexCache, regexConstructor }),
    themes: [import('shiki/themes/github-light-default.mjs'), import('shiki/themes/github-dark-default.mjs')],
    langs: [],
  })
}

function loadLanguage(highlighter: HighlighterCore, id: string): Promise<void> {
  let loading = loadedLanguages.get(id)
  if (!loading) {
    const loader = languageLoader(id)
    if (!loader) return Promise.reject(new Error(`No grammar for "${id}"`))
    loading = loader().then(async (module) => {
      await highlighter.loadLanguage(module.default)
      await warmUpRegexes(collectGrammarPatterns(module.default))
    })
    loading.catch(() => loadedLanguages.delete(id))
    loadedLanguages.set(id, loading)
  }
  return loading
}

// A grammar compiles its regexes lazily, the first time a line needs them, and one line
// can need hundreds (TypeScript: ~600 ms on a slow machine). Compiling them up front, a
// few per slice, keeps that cost out of any single task; the longest task left is the
// compilation of the single largest regex.
async function warmUpRegexes(sources: readonly string[]): Promise<void> {
  const compile = compileRegex
  if (!compile) return
  let sliceStart = performance.now()
  const maybeYield = async () => {
    if (performance.now() - sliceStart < SLICE_BUDGET_MS) return
    await yieldToMain()
    sliceStart = performance.now()
  }
  for (const source of sources) {
    if (regexCache.has(source)) continue
    let regex: RegExp
    try {
      regex = compile(source)
    } catch (error) {
      regexCache.set(source, error instanceof Error ? error : new Error(String(error)))
      continue
    }
    regexCache.set(source, regex)
    // Translating the pattern, V8's first run (bytecode) and its second (machine code) can
    // each take tens of milliseconds for a large grammar regex: separate tasks if need be.
    for (let run = 0; run < 2; run++) {
      await maybeYield()
      try {
        regex.lastIndex = 0
        regex.exec('')
      } catch {
        // The tokenizer meets the same error later and skips the pattern (forgiving).
      }
    }
    await maybeYield()
  }
}

/**
 * Splits code into lines exactly as the highlighter does (`\n` or `\r\n`), so plain and
 * highlighted renderings have the same lines.
 *
 * @example
 * splitCodeLines('a\r\nb\n') // ['a', 'b', '']
 */
export function splitCodeLines(code: string): string[] {
  return code.split(/\r?\n/)
}

function cacheKey(code: string, language: string): string {
  return `${language}\u0000${code}`
}

/**
 * The cached highlight of `code`, if it was already computed: lets a remounted block
 * render coloured on its very first frame.
 *
 * @example
 * peekHighlight('const a = 1', 'ts') // undefined until highlightLines resolved once
 */
export function peekHighlight(code: string, language: string | undefined): HighlightResult | undefined {
  const id = resolveLanguage(language)
  return id === undefined ? undefined : cache.get(cacheKey(code, id))
}

/** Forgets every cached highlight (tests, or to free memory). */
export function clearHighlightCache(): void {
  cache.clear()
}

/**
 * Highlights `code` in slices of about 8 ms each, yielding to the browser between them so
 * a 2,000-line block never freezes the page. Resolves to `null` when the language is not
 * one we ship a grammar for (nothing is loaded then). Results are cached by (code,
 * language), and concurrent calls for the same pair share one run.
 *
 * @example
 * const result = await highlightLines('const a = 1', 'ts', { signal })
 * result?.lines[0]?.[0] // { content: 'const', style: { color: '#CF222E', '--rivulet-code-dark': '#FF7B72' } }
 */
export function highlightLines(
  code: string,
  language: string | undefined,
  options: HighlightOptions = {},
): Promise<HighlightResult | null> {
  const { signal, onProgress } = options
  if (signal?.aborted) return Promise.reject(abortReason(signal))
  const id = resolveLanguage(language)
  if (id === undefined) return Promise.resolve(null)
  const key = cacheKey(code, id)
  const cached = cache.get(key)
  if (cached) return Promise.resolve(cached)

  let job = jobs.get(key)
  if (!job) {
    const waiters = new Set<Waiter>()
    const promise = runJob(code, id, waiters).then(
      (result) => {
        jobs.delete(key)
        cache.set(key, result)
        return result
      },
      (error: unknown) => {
        jobs.delete(key)
        throw error
      },
    )
    // Waiters see the failure through their own promise; this one may have none left.
    promise.catch(() => {})
    job = { waiters, promise }
    jobs.set(key, job)
  }

  const waiter: Waiter = onProgress ? { onProgress } : {}
  const { waiters, promise } = job
  waiters.add(waiter)
  return new Promise<HighlightResult>((resolve, reject) => {
    const onAbort = () => {
      waiters.delete(waiter)
      reject(abortReason(signal))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (result) => {
        signal?.removeEventListener('abort', onAbort)
        waiters.delete(waiter)
        resolve(result)
      },
      (error: unknown) => {
        signal?.removeEventListener('abort', onAbort)
        waiters.delete(waiter)
        reject(error)
      },
    )
  })
}

async function runJob(code: string, id: string, waiters: Set<Waiter>): Promise<HighlightResult> {
  const highlighter = await loadHighlighter()
  await loadLanguage(highlighter, id)
  const source = splitCodeLines(code)
  const lines: HighlightedLine[] = []
  let grammarState: GrammarState | undefined
  let sliceLines = FIRST_SLICE_LINES

  while (lines.length < source.length) {
    // Checked at slice boundaries rather than on abort, so a StrictMode remount (abort,
    // then subscribe again in the same task) keeps the run alive.
    if (waiters.size === 0) throw new DOMException('Nobody is waiting for this highlight', 'AbortError')
    const start = lines.length
    const end = Math.min(source.length, start + sliceLines)
    const began = performance.now()
    const result = highlighter.codeToTokens(source.slice(start, end).join('\n'), {
      lang: id,
      themes: THEMES,
      defaultColor: 'light',
      cssVariablePrefix: CSS_VARIABLE_PREFIX,
      grammarState,
      tokenizeMaxLineLength: MAX_LINE_LENGTH,
      tokenizeTimeLimit: LINE_TIME_LIMIT_MS,
    })
    const elapsed = performance.now() - began
    grammarState = result.grammarState
    for (const tokens of result.tokens) {
      lines.push(tokens.map((token) => ({ content: token.content, style: toTokenStyle(token.htmlStyle) })))
    }
    // Aim the next slice at the budget from the rate just measured; clamped so one slow
    // slice (regex compilation) does not shrink every later one to a single line.
    const perLine = Math.max(elapsed, 0.05) / (end - start)
    sliceLines = Math.max(1, Math.min(MAX_SLICE_LINES, Math.floor(SLICE_BUDGET_MS / perLine)))

    if (lines.length < source.length) {
      const snapshot = lines.slice()
      for (const waiter of waiters) waiter.onProgress?.(snapshot)
      await yieldToMain()
    }
  }
  return Object.freeze({ language: id, lines: Object.freeze(lines) })
}

// Shiki's style keys are CSS names; React wants camelCase for standard properties and the
// literal name for custom ones. Identical styles share one frozen object.
function toTokenStyle(htmlStyle: Record<string, string> | undefined): TokenStyle {
  if (!htmlStyle) return EMPTY_STYLE
  const entries = Object.entries(htmlStyle)
  const key = entries.map(([name, value]) => `${name}:${value}`).join(';')
  let style = styles.get(key)
  if (!style) {
    const out: Record<string, string> = {}
    for (const [name, value] of entries) {
      if (name.startsWith(LIGHT_PREFIX)) {
        // The default (light) theme's font style inline, so italics show without CSS.
        out[camelCase(name.slice(LIGHT_PREFIX.length))] = value
      }
      out[name.startsWith('--') ? name : camelCase(name)] = value
    }
    style = Object.freeze(out)
    styles.set(key, style)
  }
  return style
}

const LIGHT_PREFIX = `${CSS_VARIABLE_PREFIX}light-`
const EMPTY_STYLE: TokenStyle = Object.freeze({})

function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())
}

function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException('The highlight was aborted', 'AbortError')
}
