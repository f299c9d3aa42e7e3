import { lazyChunk, type LazyChunk } from '../lazy-chunk.ts'

/** The object client's parser, stream session and schema check (`object-engine.ts`). */
export type ObjectEngine = typeof import('./object-engine.ts')

/**
 * The one chunk of the object engine: loaded when an object client is created (so a submit
 * rarely waits) and awaited by the first submit; a failed load is retried by the next submit.
 */
export const objectEngine: LazyChunk<ObjectEngine> = lazyChunk(() => import('./object-engine.ts'))

/**
 * Resolves once the object engine's chunk is in, so every submit sends its request
 * synchronously, as tests expect. Rejects if the chunk cannot be loaded (calling it again
 * retries).
 *
 * @example
 * await preloadObjectEngine() // in a test setup file
 */
export async function preloadObjectEngine(): Promise<void> {
  await objectEngine.load()
}
