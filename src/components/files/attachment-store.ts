import { filePartOf, readAsDataUrl } from '../../core/files/file-parts.ts'
import type { FilePart } from '../../core/state.ts'
import { isRasterImageType } from '../../protocol/file-display.ts'

/**
 * Sends a file to the app's own storage and resolves with its URL (an http(s) URL the
 * backend and, for images, the page may load). Call `onProgress` with 0…1 as bytes go out;
 * stop and reject when `signal` aborts (the user removed the file).
 *
 * @example
 * const uploadFile: UploadFile = async (file, { signal }) => {
 *   const response = await fetch('/api/files', { method: 'POST', body: file, signal })
 *   if (!response.ok) throw new Error(`Upload failed: ${response.status}`)
 *   return (await response.json()).url
 * }
 */
export type UploadFile = (file: File, options: { signal: AbortSignal; onProgress: (fraction: number) => void }) => Promise<string>

/** Where an attachment is: being read or uploaded, ready to send, or failed (nothing is sent). */
export type AttachmentStatus = 'reading' | 'uploading' | 'ready' | 'failed'

/** One file waiting in the composer. */
export interface Attachment {
  id: string
  file: File
  name: string
  mediaType: string
  size: number
  status: AttachmentStatus
  /** 0…1 while uploading, when the uploader reports it. */
  progress: number | undefined
  /** The part to send, once ready. */
  part: FilePart | undefined
  /** Why it failed (the reader's or uploader's message). */
  error: string | undefined
  /** A local `blob:` URL for a raster image's thumbnail (no request leaves the page). */
  previewUrl: string | undefined
}

/** The files of one composer: added, processed, removed, taken when the message is sent. */
export interface AttachmentStore {
  getSnapshot(): readonly Attachment[]
  subscribe(listener: () => void): () => void
  /** Starts reading (or uploading) each file at once. */
  add(files: readonly File[]): void
  /** Removes a file, cancelling its upload. */
  remove(id: string): void
  /** Reads or uploads a failed file again. */
  retry(id: string): void
  /** The parts of every attachment when all are ready, else `undefined` (nothing may be sent). */
  takeParts(): FilePart[] | undefined
  /** Sets the uploader used for files added from now on. */
  setUploader(upload: UploadFile | undefined): void
  /** Cancels every upload and releases every preview. */
  clear(): void
}

let counter = 0

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * The attachment list behind the composer. Each file is read into a `data:` URL, or, with an
 * uploader, uploaded (progress reported, cancelled on remove); a failure stays on the file
 * until it is retried or removed. The list is immutable: every change is a new array.
 *
 * @example
 * const store = createAttachmentStore(undefined)
 * store.add([file])
 * store.takeParts() // undefined until the file is read, then [{ type: 'file', … }]
 */
export function createAttachmentStore(initialUploader: UploadFile | undefined): AttachmentStore {
  let upload = initialUploader
  let items: readonly Attachment[] = []
  const listeners = new Set<() => void>()
  const controllers = new Map<string, AbortController>()

  const emit = () => {
    for (const listener of listeners) listener()
  }
  const patch = (id: string, change: Partial<Attachment>) => {
    if (!items.some((item) => item.id === id)) return
    items = items.map((item) => (item.id === id ? { ...item, ...change } : item))
    emit()
  }

  function start(item: Attachment) {
    const controller = new AbortController()
    controllers.get(item.id)?.abort()
    controllers.set(item.id, controller)
    const { signal } = controller
    const uploader = upload
    const work = uploader
      ? uploader(item.file, {
          signal,
          onProgress: (fraction) => {
            if (!signal.aborted && Number.isFinite(fraction)) patch(item.id, { progress: Math.min(1, Math.max(0, fraction)) })
          },
        }).then((url) => {
          if (typeof url !== 'string' || url === '') throw new Error('The upload returned no URL')
          return url
        })
      : readAsDataUrl(item.file, signal)
    work.then(
      (url) => {
        if (signal.aborted) return
        controllers.delete(item.id)
        patch(item.id, { status: 'ready', part: filePartOf(item.file, url), progress: undefined })
      },
      (error: unknown) => {
        if (signal.aborted) return
        controllers.delete(item.id)
        patch(item.id, { status: 'failed', error: messageOf(error), progress: undefined })
      },
    )
  }

  const release = (item: Attachment) => {
    controllers.get(item.id)?.abort()
    controllers.delete(item.id)
    if (item.previewUrl) URL.revokeObjectURL(item.previewUrl)
  }

  return {
    getSnapshot: () => items,
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    add(files) {
      if (files.length === 0) return
      const added = files.map((file): Attachment => ({
        id: `attachment-${++counter}`,
        file,
        name: file.name || 'file',
        mediaType: file.type || 'application/octet-stream',
        size: file.size,
        status: upload ? 'uploading' : 'reading',
        progress: undefined,
        part: undefined,
        error: undefined,
        previewUrl: isRasterImageType(file.type) && typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : undefined,
      }))
      items = [...items, ...added]
      emit()
      for (const item of added) start(item)
    },
    remove(id) {
      const item = items.find((entry) => entry.id === id)
      if (!item) return
      release(item)
      items = items.filter((entry) => entry.id !== id)
      emit()
    },
    retry(id) {
      const item = items.find((entry) => entry.id === id)
      if (!item || item.status !== 'failed') return
      const restarted: Attachment = { ...item, status: upload ? 'uploading' : 'reading', error: undefined, progress: undefined }
      items = items.map((entry) => (entry.id === id ? restarted : entry))
      emit()
      start(restarted)
    },
    takeParts() {
      if (!items.every((item) => item.status === 'ready')) return undefined
      return items.map((item) => item.part!)
    },
    setUploader(next) {
      upload = next
    },
    clear() {
      if (items.length === 0) return
      for (const item of items) release(item)
      items = []
      emit()
    },
  }
}
