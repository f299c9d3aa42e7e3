import { lazy, memo, Suspense, useMemo, useState, type ComponentPropsWithoutRef } from 'react'
import type { FilePart } from '../../core/state.ts'
import { formatBytes } from '../labels/format.ts'
import { useLabels } from '../labels/labels-context.tsx'
import { fileDisplay } from '../../protocol/file-display.ts'
import { toOrigins } from '../../protocol/safe-url.ts'
import { dataUrlToBlob, fileName } from './file-display.ts'
import { DocumentIcon, DownloadIcon } from './file-icons.tsx'

const ImageViewer = lazy(() => import('./image-viewer.tsx'))

/** Props of {@link FilePartView}; the rest are spread on the root element. */
export interface FilePartViewProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children' | 'part'> {
  part: FilePart
  /** Origins remote images may load from, as for markdown images. @default none */
  allowedImageOrigins?: readonly string[]
}

/** Saves a `data:` URL's bytes (typed as plain bytes, so nothing can render them) under `name`. */
function saveDataUrl(url: string, name: string) {
  const blob = dataUrlToBlob(url)
  if (!blob) return
  const href = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = href
  link.download = name
  link.rel = 'noopener'
  link.click()
  // The click has handed the URL to the download by now; a later revoke keeps it from leaking.
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
}

/**
 * A file on a message, safe by default: raster images (png, jpeg, gif, webp) show inline
 * from a `data:` URL or an allowed origin, and enlarge in a viewer on click; other files are
 * download chips (name, size); anything else — SVG, HTML, a script URL, an image from an
 * origin not allowed — is a placeholder that requests nothing.
 *
 * @example
 * <FilePartView part={{ type: 'file', mediaType: 'image/png', url: dataUrl, name: 'chart.png' }} />
 */
export const FilePartView = memo(function FilePartView({ part, allowedImageOrigins, ...rest }: FilePartViewProps) {
  const labels = useLabels()
  const words = labels.files
  const originsKey = allowedImageOrigins?.join('\n') ?? ''
  // Keyed by content, so a new array with the same origins keeps the verdict memoised.
  const origins = useMemo(() => toOrigins(originsKey === '' ? [] : originsKey.split('\n')), [originsKey])
  const display = useMemo(() => fileDisplay(part, origins), [part, origins])
  const [open, setOpen] = useState(false)
  const name = fileName(part)
  const size = typeof part.size === 'number' && Number.isFinite(part.size) ? formatBytes(part.size, labels.locale) : undefined

  if (display.kind === 'image' && part.state === 'generating') {
    // A partial preview: shown, but not enlargeable until the final image replaces it.
    return (
      <div data-rivulet="file" data-kind="image" data-state="generating" aria-busy="true" {...rest}>
        <img data-rivulet="file-image" src={display.src} alt={name} referrerPolicy="no-referrer" />
        <span data-rivulet="file-caption" role="status">{words.generating}</span>
      </div>
    )
  }
  if (display.kind === 'image') {
    return (
      <div data-rivulet="file" data-kind="image" {...rest}>
        <button type="button" data-rivulet="file-image-button" aria-label={words.enlarge(name)} onClick={() => setOpen(true)}>
          <img data-rivulet="file-image" src={display.src} alt={name} loading="lazy" referrerPolicy="no-referrer" />
        </button>
        {open ? (
          <Suspense fallback={null}>
            <ImageViewer src={display.src} alt={name} closeLabel={words.close} onClose={() => setOpen(false)} />
          </Suspense>
        ) : null}
      </div>
    )
  }
  if (display.kind === 'placeholder') {
    const text = display.reason === 'blocked-origin' ? words.imageBlocked(display.label) : words.unavailable(name)
    return (
      <div data-rivulet="file" data-kind="placeholder" data-reason={display.reason} {...rest}>
        <DocumentIcon />
        <span data-rivulet="file-placeholder-text">{text}</span>
      </div>
    )
  }
  // The link is named by its action ("Download report.pdf"); the size sits beside it, so the
  // visible text of the link stays part of its accessible name in every language.
  const body = (
    <>
      <DocumentIcon />
      <span data-rivulet="file-name">{name}</span>
      <DownloadIcon />
    </>
  )
  return (
    <div data-rivulet="file" data-kind="download" {...rest}>
      {/^data:/i.test(display.href) ? (
        // A data: URL is saved as plain bytes from a click, never put in the page as a link.
        <button type="button" data-rivulet="file-download" aria-label={words.download(name)} onClick={() => saveDataUrl(display.href, name)}>
          {body}
        </button>
      ) : (
        <a data-rivulet="file-download" href={display.href} download={name} target="_blank" rel="noopener noreferrer" aria-label={words.download(name)}>
          {body}
        </a>
      )}
      {size ? <span data-rivulet="file-size">{size}</span> : null}
    </div>
  )
})
