import { createContext } from 'react'
import { partsChunk, whenIdle, type PartsChunk } from './parts-chunk.ts'

/** What `message-extras.ts` exports, once loaded. */
export type MessageExtras = typeof import('./message-extras.ts')

/**
 * The one chunk of the parts only some messages show (tool call bodies, files, errors,
 * sources, the action bar, the editor). Nothing on a first paint needs it, so the page
 * starts loading it when a chat or message has mounted and the browser is idle; a part
 * rendered before it lands shows a fallback laid out like it (`lazy-message-parts.tsx`).
 */
export const messageExtras: PartsChunk<MessageExtras> = partsChunk(() => import('./message-extras.ts'))

/**
 * The chunk message parts use: the library's one by default. Internal: it lets a test hold the
 * chunk back or fail it without mocking modules.
 */
export const MessageExtrasContext = createContext<PartsChunk<MessageExtras>>(messageExtras)

let scheduled = false

/**
 * Starts loading the message parts' chunk once the browser is idle after the first paint
 * (once per page; a failure is reported by the part that needs it, which retries).
 *
 * @example
 * useEffect(preloadMessageExtrasAtIdle, [])
 */
export function preloadMessageExtrasAtIdle(): void {
  if (scheduled || messageExtras.current() !== undefined) return
  scheduled = true
  whenIdle(() => {
    messageExtras.load().catch(() => {
      // The part that needs it retries and says so; a later mount schedules again.
      scheduled = false
    })
  })
}

/**
 * Resolves once the chunk of the parts only some messages show (tool call bodies, files,
 * inline errors, sources, the action bar, the message editor) has loaded, so every `Message`
 * and `Chat` renders them from its first render. Until then such a part shows a fallback in
 * the same place. Await it in a test setup file and before server rendering, as
 * `preloadMarkdown`. Rejects if the chunk cannot be loaded (calling it again retries).
 *
 * @example
 * // vitest.setup.ts
 * import { preloadMarkdown, preloadMessageParts } from 'rivulet-ui'
 * await Promise.all([preloadMarkdown(), preloadMessageParts()])
 */
export async function preloadMessageParts(): Promise<void> {
  await messageExtras.load()
}
