/** What the composer takes: `accept` as on `<input type="file">`, how many files, how large. */
export interface AttachmentLimits {
  /** Like the `accept` attribute: `image/*,.pdf,text/plain`. @default any type */
  accept?: string
  /** Files per message. @default 10 */
  maxFiles?: number
  /** Bytes per file; checked before a file is read, so a huge paste costs nothing. @default 10 MiB */
  maxFileSize?: number
}

/** Why a file was not attached. */
export type AttachmentRejection =
  | { reason: 'type'; name: string }
  | { reason: 'size'; name: string; limit: number }
  | { reason: 'count'; max: number }

/** The defaults: 10 files of at most 10 MiB (data URLs travel in the request body). */
export const DEFAULT_MAX_FILES = 10
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024

/**
 * Whether a file matches an `accept` list the way the file picker filters: `.ext` by name,
 * `type/*` by major type, `type/sub` exactly (case-insensitive). An empty list accepts all.
 *
 * @example
 * matchesAccept({ name: 'a.PDF', type: '' }, 'image/*,.pdf') // true
 */
export function matchesAccept(file: { name?: string; type: string }, accept: string | undefined): boolean {
  const entries = (accept ?? '').split(',').map((entry) => entry.trim().toLowerCase()).filter(Boolean)
  if (entries.length === 0) return true
  const name = (file.name ?? '').toLowerCase()
  const type = file.type.toLowerCase()
  return entries.some((entry) => {
    if (entry.startsWith('.')) return name.endsWith(entry)
    if (entry.endsWith('/*')) return type.startsWith(entry.slice(0, -1))
    return type === entry
  })
}

/**
 * Splits dropped, pasted or picked files into those to attach and the reasons for the rest:
 * wrong type, too large (by the size the browser reports, before reading anything), or past
 * `maxFiles` counting the `current` attachments. Order is kept.
 *
 * @example
 * const { accepted, rejected } = checkAttachments(files, 2, { maxFiles: 3, maxFileSize: 5e6 })
 */
export function checkAttachments<F extends { name?: string; type: string; size: number }>(
  files: readonly F[],
  current: number,
  limits: AttachmentLimits,
): { accepted: F[]; rejected: AttachmentRejection[] } {
  const maxFiles = limits.maxFiles ?? DEFAULT_MAX_FILES
  const maxSize = limits.maxFileSize ?? DEFAULT_MAX_FILE_SIZE
  const accepted: F[] = []
  const rejected: AttachmentRejection[] = []
  let overCount = false
  for (const file of files) {
    const name = file.name || 'file'
    if (!matchesAccept(file, limits.accept)) rejected.push({ reason: 'type', name })
    else if (file.size > maxSize) rejected.push({ reason: 'size', name, limit: maxSize })
    else if (current + accepted.length >= maxFiles) overCount = true
    else accepted.push(file)
  }
  if (overCount) rejected.push({ reason: 'count', max: maxFiles })
  return { accepted, rejected }
}
