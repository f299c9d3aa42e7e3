/**
 * The attachment machinery the composer loads on demand (its own chunk): the limits' check,
 * the store that reads and uploads files, and the previews. Apps whose composer takes no files
 * never load it.
 */
export { checkAttachments } from './attachment-limits.ts'
export { createAttachmentStore } from './attachment-store.ts'
export { AttachmentTray } from './attachment-tray.tsx'
