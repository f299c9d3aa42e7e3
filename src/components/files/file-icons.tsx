/** A cross: remove an attachment. Decorative (the button has its accessible name). */
export function RemoveIcon() {
  return (
    <svg data-rivulet="file-icon" aria-hidden="true" viewBox="0 0 16 16" width="12" height="12" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
      <path d="M4 4l8 8M12 4l-8 8" />
    </svg>
  )
}

/** A page with a folded corner: any file that is not shown as an image. */
export function DocumentIcon() {
  return (
    <svg data-rivulet="file-icon" aria-hidden="true" viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round">
      <path d="M4 1.5h5l3.5 3.5v9.5h-8.5zM9 1.5V5h3.5" />
    </svg>
  )
}

/** An arrow into a tray: the download chip's action. */
export function DownloadIcon() {
  return (
    <svg data-rivulet="file-icon" aria-hidden="true" viewBox="0 0 16 16" width="14" height="14" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
      <path d="M8 2v8M4.5 6.5 8 10l3.5-3.5M2.5 13.5h11" />
    </svg>
  )
}
