import { lazyChunk, loadFailure, type LazyChunk } from '../lazy-chunk.ts'
import type { FilePart } from '../state.ts'
import type { SendMessageInput } from './file-parts.ts'

/** What `file-parts.ts` exports, once loaded. */
export type FilePartsModule = typeof import('./file-parts.ts')

/**
 * Reading and checking the files of a send: a chunk loaded by the first send that has files
 * (most chats never attach one; the attachment kit brings the same module when files are picked).
 */
export const filePartsChunk: LazyChunk<FilePartsModule> = lazyChunk(() => import('./file-parts.ts'))

/**
 * `toFileParts` from its chunk: a send without files gets `[]` at once (its turn starts in the
 * same task); with files, synchronously too when the chunk is in and nothing needs reading,
 * else once it lands. A chunk that cannot load rejects with an error that says so (nothing is sent).
 * `chunk` is for tests (held or failed).
 *
 * @example
 * const parts = toFilePartsLater(files)
 * const ready = Array.isArray(parts) ? parts : await parts
 */
export function toFilePartsLater(files: SendMessageInput['files'], chunk: LazyChunk<FilePartsModule> = filePartsChunk): FilePart[] | Promise<FilePart[]> {
  if (files === undefined || files.length === 0) return []
  const module = chunk.current()
  if (module) return module.toFileParts(files)
  return chunk.load().then(
    (loaded) => loaded.toFileParts(files),
    (error: unknown) => {
      throw new Error(`send: could not load the code that reads files (${loadFailure(error)})`, { cause: error })
    },
  )
}

/**
 * Resolves once the file-reading chunk is in (a test setup preloads it).
 *
 * @example
 * await preloadFileParts()
 */
export async function preloadFileParts(): Promise<void> {
  await filePartsChunk.load()
}
