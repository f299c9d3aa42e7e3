import type { ReactNode } from 'react'
import Markdown, { type Components, type UrlTransform } from 'react-markdown'
import { OpenFenceEnd } from './markdown-pre.tsx'
import { rehypeSafeResources } from './rehype-safe-resources.ts'
import { remarkGfmPrebuilt } from './remark-gfm-prebuilt.ts'
import { remarkHtmlAsText } from './remark-html-as-text.ts'
import { remarkRestoreEscapes } from './escape-placeholders.ts'
import { safeLinkHref } from '../../protocol/safe-url.ts'

/*
 * The markdown parser and renderer (react-markdown, micromark, GFM, the safety plugins):
 * about 170 kB minified, so it is loaded lazily by `markdown-loader.ts` and stays out of
 * every consumer's main chunk. Import it only from there (tests may import it directly).
 */

// Kept for code that imported `Pre` from here before it moved out of the lazy chunk.
export { Pre } from './markdown-pre.tsx'

const remarkPlugins = [remarkGfmPrebuilt, remarkHtmlAsText, remarkRestoreEscapes]

/** Second line of defence after the rehype plugin: react-markdown calls this for every URL attribute it renders. */
const urlTransform: UrlTransform = (url, key) => (key === 'href' ? (safeLinkHref(url) ?? '') : url)

/** What {@link renderMarkdownSource} needs besides the text. */
export interface MarkdownSourceOptions {
  allowedImageOrigins: ReadonlySet<string>
  linkTarget: string | undefined
  /** Every component react-markdown should use, `pre` included. */
  components: Components
  /** In `source`, where a fence that is still being written ends (it was closed by repair). */
  openFenceEnd?: number | undefined
  /** That fence's last code line is finished (see `openFenceLineFinished`). */
  openFenceLineFinished?: boolean | undefined
  /** The placeholder text of a blocked image, from the labels. */
  imageBlocked?: (host: string) => string
}

/**
 * Parses and renders markdown with react-markdown, GFM, HTML as text and the safety
 * plugins: the one path every block takes unless a faster equivalent applies (a lone
 * fence, a long table). Throws what the parser throws.
 *
 * @example
 * renderMarkdownSource('**hi**', { allowedImageOrigins: new Set(), linkTarget: undefined, components: { pre: Pre } })
 */
export function renderMarkdownSource(source: string, options: MarkdownSourceOptions): ReactNode {
  const { allowedImageOrigins, linkTarget, components, openFenceEnd, openFenceLineFinished = false, imageBlocked } = options
  const tree = Markdown({
    children: source,
    remarkPlugins,
    rehypePlugins: [[rehypeSafeResources, { allowedImageOrigins, linkTarget, imageBlocked }]],
    components,
    urlTransform,
  })
  // Always inside the provider: a tree shape that changed when a fence closes would remount its code block.
  const openFence = openFenceEnd === undefined ? undefined : { end: openFenceEnd, lineFinished: openFenceLineFinished }
  return <OpenFenceEnd.Provider value={openFence}>{tree}</OpenFenceEnd.Provider>
}

// One of each construct answers use (heading, emphasis, inline code, a link, lists, a quote,
// a GFM table, a task list, a fence): parsing it once compiles the parser's code paths.
const WARM_UP_SAMPLE = [
  '## Warm up',
  'A **bold** and _light_ sentence with `code`, ~~old~~ text and a [link](https://example.com/a).',
  '- one\n- two\n  1. nested',
  '> quoted',
  '| a | b |\n| - | - |\n| 1 | 2 |',
  '- [x] done',
  '```ts\nconst a = 1\n```',
].join('\n\n')

/**
 * Parses a short sample once, discarding the result: the first real render after the chunk
 * loads (a restored thread's first screen, the first answer) then runs compiled parser code
 * instead of paying the engine's lazy compilation of every function it touches, which made
 * that one task several times slower than the same render later. The loader runs it in a
 * task of its own right after the chunk arrives.
 *
 * @example
 * setTimeout(warmUpMarkdown, 0)
 */
export function warmUpMarkdown(): void {
  try {
    renderMarkdownSource(WARM_UP_SAMPLE, { allowedImageOrigins: new Set(), linkTarget: undefined, components: {} })
  } catch {
    // Only a speed-up: a failure here shows up, if it is real, in the first real render.
  }
}
