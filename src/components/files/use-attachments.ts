import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import type { ClipboardEvent, DragEvent } from 'react'
import type { FilePart } from '../../core/state.ts'
import { formatBytes, formatNumber } from '../labels/format.ts'
import { useLabels } from '../labels/labels-context.tsx'
import type { AttachmentLimits, AttachmentRejection } from './attachment-limits.ts'
import type { Attachment, AttachmentStore, UploadFile } from './attachment-store.ts'
import { loadAttachmentKit, loadedAttachmentKit } from './load-attachment-kit.ts'

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

const EMPTY: readonly Attachment[] = []
const noStore = { subscribe: () => () => {}, getSnapshot: () => EMPTY }
const noop = () => {}

/** Files refused by the limits, or held while the attachment chunk failed to load (by name). */
type Trouble = { refused: readonly AttachmentRejection[]; unloaded: readonly string[] }
const noTrouble: Trouble = { refused: [], unloaded: [] }

const hasFiles = (event: DragEvent<HTMLElement>) => Array.from(event.dataTransfer?.types ?? []).includes('Files')

/**
 * The composer's attachments as React state: the store, the limits (checked on the sizes
 * the browser reports, before anything is read, so a 50 MB paste is refused at once), the
 * notice for refused files, paste and drag-and-drop. Uploads are cancelled on unmount.
 * The store, the limits' check and the previews live in a chunk of their own
 * (`attachment-kit.ts`), loaded when the hook is `enabled`; files added before it arrives are
 * held, checked and added then, and a chunk that cannot load reports those files as failed
 * (the next file tries again).
 *
 * @example
 * const files = useAttachments({ maxFiles: 3, uploadFile })
 * <textarea onPaste={files.onPaste} />
 */
export function useAttachments(options: AttachmentOptions | undefined, enabled = true): UseAttachmentsResult {
  const labels = useLabels()
  const [store, setStore] = useState<AttachmentStore | undefined>(() => (enabled ? loadedAttachmentKit()?.createAttachmentStore(options?.uploadFile) : undefined))
  const [attempt, setAttempt] = useState(0)
  /** Files accepted before the store's chunk arrived. */
  const held = useRef<File[]>([])
  const uploader = useRef(options?.uploadFile)
  uploader.current = options?.uploadFile
  const limits: AttachmentLimits = { accept: options?.accept, maxFiles: options?.maxFiles, maxFileSize: options?.maxFileSize }
  const latestLimits = useRef(limits)
  latestLimits.current = limits
  store?.setUploader(options?.uploadFile)
  const source = store ?? noStore
  const attachments = useSyncExternalStore(source.subscribe, source.getSnapshot, source.getSnapshot)
  // What went wrong, not its sentence: the notice is worded at render, in the labels in effect now.
  const [trouble, setTrouble] = useState<Trouble>(noTrouble)
  const [dragDepth, setDragDepth] = useState(0)
  useEffect(() => () => store?.clear(), [store])

  useEffect(() => {
    if (!enabled || store) return
    let live = true
    loadAttachmentKit().then(
      (kit) => {
        if (!live) return
        const created = kit.createAttachmentStore(uploader.current)
        const files = held.current.splice(0)
        if (files.length > 0) {
          const { accepted, rejected } = kit.checkAttachments(files, 0, latestLimits.current)
          if (rejected.length > 0) setTrouble({ refused: rejected, unloaded: [] })
          created.add(accepted)
        }
        setStore(created)
      },
      () => {
        if (!live) return
        const files = held.current.splice(0)
        if (files.length > 0) setTrouble({ refused: [], unloaded: files.map((file) => file.name) })
      },
    )
    return () => {
      live = false
    }
  }, [enabled, store, attempt])

  const describe = (rejection: AttachmentRejection): string => {
    const words = labels.attachments
    if (rejection.reason === 'type') return words.typeNotAllowed(rejection.name)
    if (rejection.reason === 'size') return words.tooLarge(rejection.name, formatBytes(rejection.limit, labels.locale))
    return words.tooMany(formatNumber(rejection.max, labels.locale))
  }

  const addFiles = (files: readonly File[]) => {
    if (files.length === 0) return
    const kit = loadedAttachmentKit()
    if (store && kit) {
      const { accepted, rejected } = kit.checkAttachments(files, store.getSnapshot().length, limits)
      setTrouble(rejected.length === 0 ? noTrouble : { refused: rejected, unloaded: [] })
      store.add(accepted)
      return
    }
    // Held until the chunk (with the limits' check) arrives; after a failed load, these files are the next attempt.
    held.current.push(...files)
    setTrouble(noTrouble)
    setAttempt((n) => n + 1)
  }

  const remove = useCallback((id: string) => {
    store?.remove(id)
    setTrouble(noTrouble)
  }, [store])
  const clear = useCallback(() => {
    store?.clear()
    held.current = []
    setTrouble(noTrouble)
  }, [store])

  return {
    attachments,
    notice: trouble === noTrouble ? undefined : [...trouble.refused.map(describe), ...trouble.unloaded.map((name) => labels.attachments.uploadFailed(name))].join(' · '),
    dragging: dragDepth > 0,
    addFiles,
    remove,
    retry: store?.retry ?? noop,
    // Files still waiting for the store hold the message back, as files still reading do.
    takeParts: store?.takeParts ?? (() => (held.current.length > 0 ? undefined : [])),
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
