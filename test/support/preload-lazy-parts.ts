import { preloadMarkdown } from '../../src/components/markdown/markdown-loader.ts'
import { preloadObjectEngine } from '../../src/core/object/object-engine-chunk.ts'

/**
 * Loads every part the library keeps out of the page's first download and loads on first use
 * (the markdown renderer, the object client's engine, …), so tests see what an app whose
 * chunks have landed sees; a test of a loading state or of a failed load uses its own loader.
 */
export async function preloadLazyParts(): Promise<void> {
  await Promise.all([preloadMarkdown(), preloadObjectEngine()])
}
