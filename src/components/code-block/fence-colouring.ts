import { currentCodeThemes, DEFAULT_CODE_THEMES, resolveTheme } from './code-themes.ts'
import type { HighlightedLine } from './highlight-types.ts'
import { languageLoader } from './languages.ts'
import type { WorkerFence } from './worker-client.ts'

/**
 * The colours of one streaming fence, line by line: finished lines go in with
 * {@link FenceColouring.update}, coloured lines come out in {@link FenceColouring.lines}, each
 * exactly once and never changed afterwards (a line's colours depend only on it and the lines
 * above, carried as grammar state). The tokenizing runs in the highlight worker, or on the
 * main thread in short slices where there is none.
 */
export interface FenceColouring {
  /** The grammar id. */
  readonly language: string
  /** Tokens of the first `lines.length` finished lines: the same objects for as long as it lives. */
  readonly lines: readonly HighlightedLine[]
  /** True after {@link FenceColouring.dispose}. */
  readonly disposed: boolean
  /** True when `finished` still begins with the lines given so far (they were not edited). */
  continues(finished: readonly string[]): boolean
  /** The fence's finished lines so far (those given before must be unchanged): the new ones are coloured. */
  update(finished: readonly string[]): void
  /** Calls `listener` whenever more lines are coloured; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void
  /** Stops colouring; the worker forgets the fence. */
  dispose(): void
}

/**
 * A {@link FenceColouring} for grammar `language` (from `resolveLanguage`). The highlighting
 * machinery is a chunk of its own, loaded with the first fence; if it cannot load, or the
 * highlighter fails, the fence stays plain text.
 *
 * @example
 * const colouring = createFenceColouring('typescript')
 * colouring.subscribe(() => render(colouring.lines))
 * colouring.update(['const a = 1'])
 */
export function createFenceColouring(language: string): FenceColouring {
  const lines: HighlightedLine[] = []
  const given: string[] = []
  const listeners = new Set<() => void>()
  let backend: WorkerFence | undefined
  let disposed = false

  // The grammar and the themes download while the highlighting chunk does, not after it:
  // the first fence of a page waits for the slowest of the three instead of their sum.
  // (The browser keeps each module once: the backend's own imports of them find them loaded.)
  prefetch(language)
  import('./colouring-backend.ts').then(
    ({ startFence }) => {
      if (disposed) return
      backend = startFence(language, {
        lines(start, next) {
          if (disposed || start !== lines.length) return
          for (const line of next) lines.push(line)
          for (const listener of listeners) listener()
        },
        // The highlighter cannot load: the fence stays plain.
        failed() {},
      })
      backend.send(given)
    },
    // The chunk failed to download: the fence stays plain.
    () => {},
  )

  return {
    language,
    lines,
    get disposed() {
      return disposed
    },
    continues(finished) {
      const last = given.length - 1
      return finished.length >= given.length && (last < 0 || finished[last] === given[last])
    },
    update(finished) {
      if (disposed || finished.length <= given.length) return
      const fresh = finished.slice(given.length)
      for (const line of fresh) given.push(line)
      backend?.send(fresh)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    dispose() {
      disposed = true
      listeners.clear()
      backend?.close()
    },
  }
}

/**
 * Starts downloading grammar `language` and, when they are the default ones (module imports,
 * which the browser loads once), the themes; failures are left to the real load to report.
 */
function prefetch(language: string): void {
  const ignore = () => {}
  languageLoader(language)?.().catch(ignore)
  const { themes } = currentCodeThemes()
  if (themes !== DEFAULT_CODE_THEMES) return
  resolveTheme(themes.light).catch(ignore)
  resolveTheme(themes.dark).catch(ignore)
}
