import { lazyChunk, type LazyChunk } from '../lazy-chunk.ts'

/** What turns a response body's bytes into SSE events for the decoders: the SSE parser and format detection. */
export type BodyReader = typeof import('../../protocol/decoders/body-decoder-core.ts')

/**
 * The one chunk of the body reader (bytes → SSE frames, and which wire format they are: the
 * SSE parser, the format probe and detection; Rivulet's decoder stays built in). Nothing needs
 * it before a response arrives, so it is not in the page's first download: a chat client
 * starts loading it when it is created, and a response that arrives first waits for it (its
 * body waits unread, nothing is lost). A failed load fails that turn with a clear error; the
 * next request tries again.
 */
export const bodyReader: LazyChunk<BodyReader> = lazyChunk(() => import('../../protocol/decoders/body-decoder-core.ts'))

/**
 * Resolves once the body reader's chunk is in, so every response is read at once, as tests
 * expect. Rejects if the chunk cannot be loaded (calling it again retries).
 *
 * @example
 * await preloadBodyReader() // in a test setup file
 */
export async function preloadBodyReader(): Promise<void> {
  await bodyReader.load()
}
