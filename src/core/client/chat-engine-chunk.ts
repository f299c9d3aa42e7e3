import { lazyChunk, type LazyChunk } from '../lazy-chunk.ts'

/** What `chat-engine.ts` exports, once loaded. */
export type ChatEngineModule = typeof import('./chat-engine.ts')

/**
 * The one chunk of the chat client's engine (transport, turn runner, retries, resume, timers,
 * agent loop). Not in the page's first download: an empty or restored chat paints without it.
 * A chat client starts loading it when it is created; a message sent before it lands shows at
 * once and its request goes out when the chunk is in. A failed load fails that turn with a
 * clear error (and Retry); the next send or retry loads again.
 */
export const chatEngine: LazyChunk<ChatEngineModule> = lazyChunk(() => import('./chat-engine.ts'))

/**
 * Resolves once the chat engine's chunk is in, so a send's request goes out in the same task,
 * as tests expect. Rejects if the chunk cannot be loaded (calling it again retries).
 *
 * @example
 * await preloadChatEngine() // in a test setup file
 */
export async function preloadChatEngine(): Promise<void> {
  await chatEngine.load()
}
