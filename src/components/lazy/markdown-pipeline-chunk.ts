import { createContext } from 'react'
import { markdownRenderer } from '../markdown/markdown-loader.ts'
import { partsChunk, type PartsChunk } from './parts-chunk.ts'

/** What `markdown-pipeline.ts` exports, once loaded. */
export type MarkdownPipeline = typeof import('./markdown-pipeline.ts')

/**
 * The one chunk of the markdown pipeline (splitting, repair, tables, fences, the code block,
 * citations). Its load starts when this module is evaluated, with the parser's chunk, long
 * before an answer usually needs it; an answer rendered before it lands shows its text as
 * paragraphs in the same place (`lazy-markdown.tsx`).
 */
export const markdownPipeline: PartsChunk<MarkdownPipeline> = partsChunk(() => import('./markdown-pipeline.ts'))

// Started now: a restored thread needs it on its first screen. A failure here is not an error
// yet (the answers show their text and retry, and say so); `preloadMarkdown` reports it.
markdownPipeline.load().catch(() => {})

/**
 * The chunk answers use: the library's one by default. Internal: it lets a test hold the chunk
 * back or fail it without mocking modules.
 */
export const MarkdownPipelineContext = createContext<PartsChunk<MarkdownPipeline>>(markdownPipeline)

/**
 * Resolves once the markdown renderer (the parser and the pipeline around it, each loaded lazily
 * in a chunk of its own) is ready, so that every `StreamingMarkdown` in a message and every
 * `Chat` renders markdown from its first render. Until then an answer shows as plain text in the
 * same layout, which tests and server rendering do not want: await it in your test setup file,
 * before `renderToString`/`renderToPipeableStream` on the server, and before `hydrateRoot` on the
 * client. Rejects if a chunk cannot be loaded (calling it again retries).
 *
 * @example
 * // vitest.setup.ts (or jest's setupFilesAfterEach)
 * import { preloadMarkdown } from 'rivulet-ui'
 * await preloadMarkdown()
 */
export async function preloadMarkdown(): Promise<void> {
  await Promise.all([markdownRenderer.load(), markdownPipeline.load()])
}
