/** What `attachment-kit.ts` exports, once loaded. */
export type AttachmentKit = typeof import('./attachment-kit.ts')

let loaded: AttachmentKit | undefined
let pending: Promise<AttachmentKit> | undefined

/** The attachment machinery if its chunk has loaded, so a composer mounted later has it at once. */
export function loadedAttachmentKit(): AttachmentKit | undefined {
  return loaded
}

/**
 * Loads the attachment machinery, once for the page; a failed load is forgotten so the next
 * attempt imports again.
 *
 * @example
 * const kit = await loadAttachmentKit()
 * const store = kit.createAttachmentStore(undefined)
 */
export function loadAttachmentKit(): Promise<AttachmentKit> {
  if (loaded) return Promise.resolve(loaded)
  pending ??= import('./attachment-kit.ts').then(
    (kit) => {
      loaded = kit
      pending = undefined
      return kit
    },
    (error: unknown) => {
      pending = undefined
      throw error
    },
  )
  return pending
}
