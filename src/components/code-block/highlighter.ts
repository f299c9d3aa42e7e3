import { currentCodeThemes } from './code-themes.ts'
import type { HighlightOptions, HighlightResult } from './highlight-types.ts'
import { resolveLanguage } from './languages.ts'
import { createLruCache } from './lru-cache.ts'
import { splitCodeLines } from './split-lines.ts'

export type { HighlightedLine, HighlightedToken, HighlightOptions, HighlightResult, TokenStyle } from './highlight-types.ts'
export { loadHighlighter } from './shiki-loader.ts'
export { splitCodeLines } from './split-lines.ts'

/** Cached highlights, counted in lines: bounds the tokens kept to roughly 10-20 MB. */
const CACHE_LINES = 20_000

const cache = createLruCache<string, HighlightResult>(CACHE_LINES, (result) => result.lines.length)
const jobs = new Map<string, Job>()

interface Waiter {
  onProgress?: HighlightOptions['onProgress']
}

/** One tokenizing run, shared by every caller waiting for the same (code, language, themes). */
interface Job {
  readonly waiters: Set<Waiter>
  readonly promise: Promise<HighlightResult>
}

// The themes' version is part of the key: a block cached before `setCodeThemes` is not reused after it.
function cacheKey(code: string, language: string): string {
  return `${currentCodeThemes().version}\u0000${language}\u0000${code}`
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

/**
 * Caches a highlight computed elsewhere (a block coloured line by line as it streamed), so
 * a remount shows it coloured at once.
 *
 * @example
 * rememberHighlight('let a', 'typescript', tokenizer.lines)
 */
export function rememberHighlight(code: string, id: string, lines: readonly HighlightResult['lines'][number][]): void {
  cache.set(cacheKey(code, id), Object.freeze({ language: id, lines: Object.freeze(lines.slice()) }))
}

/** Forgets every cached highlight (tests, or to free memory). */
export function clearHighlightCache(): void {
  cache.clear()
}

/**
 * Highlights `code` in the highlight worker where `Worker` exists (otherwise in slices of
 * about 8 ms each on the main thread, yielding to the browser between them), so a
 * 2,000-line block never freezes the page. Resolves to `null` when the language is not
 * one with a registered grammar (nothing is loaded then). Results are cached by (code,
 * language, themes), and concurrent calls for the same block share one run.
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
    const hooks = {
      stopped: () => waiters.size === 0,
      progress: (lines: HighlightResult['lines']) => {
        for (const waiter of waiters) waiter.onProgress?.(lines)
      },
    }
    // The worker (or the sliced main-thread fallback) lives in a chunk of its own, loaded with the first block.
    const promise = import('./colouring-backend.ts')
      .then(({ tokenizeBlock }) => tokenizeBlock(splitCodeLines(code), id, hooks))
      .then(
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

function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException('The highlight was aborted', 'AbortError')
}
