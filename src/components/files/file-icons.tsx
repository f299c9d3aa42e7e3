import { Icon } from '../icon/icon.tsx'

/** A cross: remove an attachment. Decorative (the button has its accessible name). */
export function RemoveIcon() {
  return (
    <Icon part="file-icon" size={12} strokeWidth={1.8}>
      <path d="M4 4l8 8M12 4l-8 8" />
    </Icon>
  )
}

/** A page with a folded corner: any file that is not shown as an image. */
export function DocumentIcon() {
  return (
    <Icon part="file-icon" strokeWidth={1.4}>
      <path d="M4 1.5h5l3.5 3.5v9.5h-8.5zM9 1.5V5h3.5" />
    </Icon>
  )
}

/** An arrow into a tray: the download chip's action. */
export function DownloadIcon() {
  return (
    <Icon part="file-icon" size={14} strokeWidth={1.6}>
      <path d="M8 2v8M4.5 6.5 8 10l3.5-3.5M2.5 13.5h11" />
    </Icon>
  )
}
