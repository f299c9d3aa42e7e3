import type { ComponentPropsWithoutRef } from 'react'
import { formatBytes, formatNumber } from '../labels/format.ts'
import { useLabels } from '../labels/labels-context.tsx'
import type { Attachment } from './attachment-store.ts'
import { DocumentIcon, RemoveIcon } from './file-icons.tsx'

/** Props of {@link AttachmentTray}; the rest are spread on the `<ul>`. */
export interface AttachmentTrayProps extends Omit<ComponentPropsWithoutRef<'ul'>, 'children'> {
  attachments: readonly Attachment[]
  /** Removes a file (cancelling its upload). */
  onRemove: (id: string) => void
  /** Reads or uploads a failed file again. */
  onRetry: (id: string) => void
}

/**
 * The files waiting in the composer: a thumbnail (raster images, from a local `blob:` URL)
 * or a document icon, the name and size, upload progress, the failure with Retry, and a
 * remove button that also cancels an upload.
 *
 * @example
 * <AttachmentTray attachments={items} onRemove={store.remove} onRetry={store.retry} />
 */
export function AttachmentTray({ attachments, onRemove, onRetry, ...rest }: AttachmentTrayProps) {
  const labels = useLabels()
  const words = labels.attachments
  if (attachments.length === 0) return null
  return (
    <ul data-rivulet="attachment-tray" aria-label={words.list} {...rest}>
      {attachments.map((item) => {
        const percent = item.progress === undefined ? '' : `${formatNumber(Math.round(item.progress * 100), labels.locale)} %`
        return (
          <li key={item.id} data-rivulet="attachment" data-state={item.status}>
            {item.previewUrl ? (
              <img data-rivulet="attachment-thumbnail" src={item.previewUrl} alt="" />
            ) : (
              <span data-rivulet="attachment-thumbnail">
                <DocumentIcon />
              </span>
            )}
            <span data-rivulet="attachment-text">
              <span data-rivulet="attachment-name" title={item.name}>
                {item.name}
              </span>
              <span data-rivulet="attachment-detail">
                {item.status === 'uploading' ? words.uploading(percent) : item.status === 'failed' ? words.failed : formatBytes(item.size, labels.locale)}
              </span>
              {item.status === 'uploading' ? (
                <progress data-rivulet="attachment-progress" aria-label={words.uploading(percent)} max={1} value={item.progress} />
              ) : null}
              {item.status === 'failed' && item.error ? (
                <span data-rivulet="attachment-error" role="alert">
                  {item.error}
                </span>
              ) : null}
            </span>
            {item.status === 'failed' ? (
              <button type="button" data-rivulet="attachment-retry" aria-label={words.retry(item.name)} onClick={(event) => {
                  // The Retry button goes away with the failure: keep focus on this file's remove button.
                  event.currentTarget.parentElement?.querySelector<HTMLButtonElement>('[data-rivulet="attachment-remove"]')?.focus()
                  onRetry(item.id)
                }}>
                {labels.retry}
              </button>
            ) : null}
            <button type="button" data-rivulet="attachment-remove" aria-label={words.remove(item.name)} onClick={() => onRemove(item.id)}>
              <RemoveIcon />
            </button>
          </li>
        )
      })}
    </ul>
  )
}
