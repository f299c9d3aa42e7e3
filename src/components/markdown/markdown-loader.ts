import { createContext, useContext, useEffect, useSyncExternalStore } from 'react'
import type { renderMarkdownSource } from './markdown-source.tsx'

/*
 * The markdown parser (react-markdown, micromark, GFM and our plugins, ~170 kB minified) is
 * the largest part of the library, and with it a consumer's main chunk went over Vite's
 * 500 kB warning. So it is a chunk of its own, loaded here. The load starts when this
 * module is evaluated, long before a model's first answer usually arrives; until it lands,
 * `MarkdownBlock` shows each block's text in a paragraph, in the same place, and swaps in
 * the rendered block when it does.
 */

/** The lazily loaded renderer: markdown source in, React nodes out. */
export type MarkdownRenderer = typeof renderMarkdownSource

/** One lazily loaded renderer: its value once loaded, its load, and who to tell when it lands. */
export interface MarkdownRendererLoader {
  /** The renderer, or `undefined` until its chunk has loaded. */
  current(): MarkdownRenderer | undefined
  /** Loads the chunk (once; again after a failure) and resolves with the renderer. Rejects if the chunk fails. */
  load(): Promise<MarkdownRenderer>
  /** Calls `listener` when the renderer becomes available; returns the unsubscribe. */
  subscribe(listener: () => void): () => void
}

/**
 * A loader around `importer` (a dynamic `import()`): concurrent loads share one attempt, a
 * failed attempt is forgotten so the next `load()` tries again, and listeners hear only of
 * success (a failure must not make every block re-render and retry in a loop).
 *
 * @example
 * const loader = createMarkdownRendererLoader(() => import('./markdown-source.tsx').then((m) => m.renderMarkdownSource))
 */
export function createMarkdownRendererLoader(importer: () => Promise<MarkdownRenderer>): MarkdownRendererLoader {
  let renderer: MarkdownRenderer | undefined
  let attempt: Promise<MarkdownRenderer> | undefined
  const listeners = new Set<() => void>()
  return {
    current: () => renderer,
    load() {
      if (renderer) return Promise.resolve(renderer)
      attempt ??= importer().then(
        (loaded) => {
          renderer = loaded
          for (const listener of [...listeners]) listener()
          return loaded
        },
        (error: unknown) => {
          attempt = undefined
          throw error
        },
      )
      return attempt
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  }
}

/** The library's one markdown renderer loader. */
export const markdownRenderer = createMarkdownRendererLoader(() =>
  import('./markdown-source.tsx').then(
    (module) =>
      new Promise<MarkdownRenderer>((resolve) => {
        // In a browser the parser is warmed up in a task of its own before it is handed out:
        // the first render that uses it (a restored thread's first screen) is not also the
        // one that pays for compiling it, and the chunk's own load stays short.
        if (typeof window === 'undefined') return resolve(module.renderMarkdownSource)
        setTimeout(() => {
          module.warmUpMarkdown()
          resolve(module.renderMarkdownSource)
        }, 0)
      }),
  ),
)

// Started now, not at the first message: usually loaded before any answer needs it. A failure
// here is not an error yet (blocks show their text and retry); `preloadMarkdown` reports it.
markdownRenderer.load().catch(() => {})

/**
 * Resolves once the markdown renderer (loaded lazily, in its own chunk) is ready, so that
 * every `StreamingMarkdown` and `Chat` renders markdown from its first render. Until then a
 * message shows as plain text in the same layout, which tests and server rendering do not
 * want: await it in your test setup file, before `renderToString`/`renderToPipeableStream`
 * on the server, and before `hydrateRoot` on the client. Rejects if the chunk cannot be
 * loaded (calling it again retries).
 *
 * @example
 * // vitest.setup.ts (or jest's setupFilesAfterEach)
 * import { preloadMarkdown } from 'rivulet-ui'
 * await preloadMarkdown()
 */
export async function preloadMarkdown(): Promise<void> {
  await markdownRenderer.load()
}

/**
 * The loader markdown blocks use: the library's one by default. Internal: it lets a test
 * hold the chunk back or fail it without mocking modules.
 */
export const MarkdownRendererLoaderContext = createContext<MarkdownRendererLoader>(markdownRenderer)

/**
 * The markdown renderer, or `undefined` while its chunk is loading (or failed to load):
 * the component re-renders when it lands. A block mounted after a failure retries the
 * load. The server snapshot is the same value, so server rendering renders markdown
 * exactly when the server has loaded it.
 *
 * @example
 * const render = useMarkdownRenderer()
 * return render ? render(text, options) : <p>{text}</p>
 */
export function useMarkdownRenderer(): MarkdownRenderer | undefined {
  const loader = useContext(MarkdownRendererLoaderContext)
  const renderer = useSyncExternalStore(loader.subscribe, loader.current, loader.current)
  const missing = renderer === undefined
  useEffect(() => {
    if (missing) loader.load().catch(() => {})
    // Only on mount: retrying on every token would hammer a failing network.
  }, [loader])
  return renderer
}
