import { useEffect, useRef } from 'react'

/** Props of {@link ImageViewer}. */
export interface ImageViewerProps {
  /** An image `src` that already passed the file display rules. */
  src: string
  /** The image's name, as its alternative text. */
  alt: string
  /** The close button's text (from the labels: the viewer chunk carries no labels of its own). */
  closeLabel: string
  onClose: () => void
}

/**
 * The enlarged image: a modal `<dialog>` (focus moves in, Escape and the Close button close
 * it, focus returns to the thumbnail). Loaded on the first click, so pages that never
 * enlarge an image never download it.
 *
 * @example
 * {open ? <ImageViewer src={src} alt="cat.png" closeLabel="Close" onClose={() => setOpen(false)} /> : null}
 */
export default function ImageViewer({ src, alt, closeLabel, onClose }: ImageViewerProps) {
  const dialogRef = useRef<HTMLDialogElement | null>(null)
  const closeRef = useRef(onClose)
  closeRef.current = onClose

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    const opener = document.activeElement as HTMLElement | null
    // jsdom and old engines lack showModal: an open dialog still shows and closes.
    if (typeof dialog.showModal === 'function') dialog.showModal()
    else dialog.setAttribute('open', '')
    const onCancel = (event: Event) => {
      event.preventDefault()
      closeRef.current()
    }
    dialog.addEventListener('cancel', onCancel)
    return () => {
      dialog.removeEventListener('cancel', onCancel)
      if (typeof dialog.close === 'function' && dialog.open) dialog.close()
      opener?.focus?.()
    }
  }, [])

  return (
    <dialog
      ref={dialogRef}
      data-rivulet="image-viewer"
      aria-label={alt}
      onKeyDown={(event) => {
        // The native cancel covers a real Escape; this covers engines without it and synthetic keys.
        if (event.key === 'Escape') {
          event.preventDefault()
          onClose()
        }
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog itself, not its content) closes it.
        if (event.target === event.currentTarget) onClose()
      }}
    >
      <img data-rivulet="image-viewer-image" src={src} alt={alt} referrerPolicy="no-referrer" />
      <button type="button" data-rivulet="image-viewer-close" onClick={onClose}>
        {closeLabel}
      </button>
    </dialog>
  )
}
