import { useCallback, useEffect, useState, useSyncExternalStore } from 'react'
import type { ClipboardEvent, DragEvent } from 'react'
import type { FilePart } from '../../core/state.ts'
import { formatBytes, formatNumber } from '../labels/format.ts'
import { useLabels } from '../labels/labels-context.tsx'
import { checkAttachments, type AttachmentLimits, type AttachmentRejection } from './attachment-limits.ts'
import { createAttachmentStore, type Attachment, type UploadFile } from './attachment-store.ts'

/** The composer's attachment options: limits and, optionally, the app's uploader. */
export interface AttachmentOptions extends AttachmentLimits {
  /**
   * Sends each file to your storage and resolves with its URL; without it files travel as
   * `data:` URLs in the message. A failed upload stays on its preview and nothing is sent.
   */
  uploadFile?: UploadFile
}

/** What {@link useAttachments} gives the composer. */
export interface UseAttachmentsResult {
  attachments: readonly Attachment[]
  /** A sentence for the files just refused (too large, too many, wrong type), or `undefined`. */
  notice: string | undefined
  /** Files are being dragged over the composer. */
  dragging: boolean
  /** Attaches files (from the picker, a paste or a drop) within the limits. */
  addFiles: (files: readonly File[]) => void
  remove: (id: string) => void
  retry: (id: string) => void
  /** The parts to send when every file is ready, else `undefined`; `[]` without files. */
  takeParts: () => FilePart[] | undefined
  /** Empties the list after sending. */
  clear: () => void
  onPaste: (event: ClipboardEvent<HTMLElement>) => void
  dropHandlers: {
    onDragEnter: (event: DragEvent<HTMLElement>) => void
    onDragOver: (event: DragEvent<HTMLElement>) => void
    onDragLeave: (event: DragEvent<HTMLElement>) => void
    onDrop: (event: DragEvent<HTMLElement>) => void
  }
}

const hasFiles = (event: DragEvent<HTMLElement>) => Array.from(event.dataTransfer?.types ?? []).includes('Files')

/**
 * The composer's attachments as React state: the store, the limits (checked on the sizes
 * the browser reports, before anything is read, so a 50 MB paste is refused at once), the
 * notice for refused files, paste and drag-and-drop. Uploads are cancelled on unmount.
 *
 * @example
 * const files = useAttachments({ maxFiles: 3, uploadFile })
 * <textarea onPaste={files.onPaste} />
 */
export function useAttachments(options: AttachmentOptions | undefined): UseAttachmentsResult {
  const labels = useLabels()
  const [store] = useState(() => createAttachmentStore(options?.uploadFile))
  store.setUploader(options?.uploadFile)
  const attachments = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
  // The refusals, not their sentence: the notice is worded at render, in the labels in effect now.
  const [refused, setRefused] = useState<readonly AttachmentRejection[]>([])
  const [dragDepth, setDragDepth] = useState(0)
  useEffect(() => () => store.clear(), [store])

  const describe = (rejection: AttachmentRejection): string => {
    const words = labels.attachments
    if (rejection.reason === 'type') return words.typeNotAllowed(rejection.name)
    if (rejection.reason === 'size') return words.tooLarge(rejection.name, formatBytes(rejection.limit, labels.locale))
    return words.tooMany(formatNumber(rejection.max, labels.locale))
  }

  const limits: AttachmentLimits = { accept: options?.accept, maxFiles: options?.maxFiles, maxFileSize: options?.maxFileSize }
  const addFiles = (files: readonly File[]) => {
    if (files.length === 0) return
    const { accepted, rejected } = checkAttachments(files, store.getSnapshot().length, limits)
    setRefused(rejected)
    store.add(accepted)
  }

  const remove = useCallback((id: string) => {
    store.remove(id)
    setRefused([])
  }, [store])
  const clear = useCallback(() => {
    store.clear()
    setRefused([])
  }, [store])

  return {
    attachments,
    notice: refused.length === 0 ? undefined : refused.map(describe).join(' · '),
    dragging: dragDepth > 0,
    addFiles,
    remove,
    retry: store.retry,
    takeParts: store.takeParts,
    clear,
    onPaste(event) {
      const files = Array.from(event.clipboardData?.files ?? [])
      if (files.length === 0) return
      // A copied image often comes with its name as text too; only pasted text the user meant stays.
      if (!Array.from(event.clipboardData.types).includes('text/plain')) event.preventDefault()
      addFiles(files)
    },
    dropHandlers: {
      onDragEnter(event) {
        if (!hasFiles(event)) return
        event.preventDefault()
        setDragDepth((depth) => depth + 1)
      },
      onDragOver(event) {
        if (!hasFiles(event)) return
        // Without this the browser opens the dropped file instead of giving it to the page.
        event.preventDefault()
        if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy'
      },
      onDragLeave(event) {
        if (!hasFiles(event)) return
        setDragDepth((depth) => Math.max(0, depth - 1))
      },
      onDrop(event) {
        setDragDepth(0)
        const files = Array.from(event.dataTransfer?.files ?? [])
        if (files.length === 0) return
        event.preventDefault()
        addFiles(files)
      },
    },
  }
}
