import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { Composer } from '../../src/components/composer/composer.tsx'
import { FilePartView } from '../../src/components/files/file-part-view.tsx'
import { loadAttachmentKit } from '../../src/components/files/load-attachment-kit.ts'
import { LabelsProvider } from '../../src/components/labels/labels-context.tsx'
import type { FilePart } from '../../src/core/state.ts'
import { findUntranslated, pseudoLabels } from '../support/pseudo-labels.ts'

afterEach(cleanup)
// The composer's attachment machinery (its own chunk) has loaded, as on a page after a moment.
beforeAll(() => loadAttachmentKit())

/*
 * Every word the attachment UI and file parts show comes from the labels: under the
 * pseudo-locale no ASCII word is left. File names here are digits only (they are the user's
 * content, not UI words); sizes are Intl's, in the labels' locale.
 */
const isSize = (entry: string) => /^"[\d.,]+ (?:byte|kB|MB|GB)" in data-rivulet="(?:attachment-detail|file-size)"$/.test(entry)

describe('files under the pseudo-locale', () => {
  it('the composer’s attach button, previews, upload failure, limits notice and drop hint', async () => {
    let fail: (error: Error) => void = () => {}
    const { container } = render(
      <LabelsProvider labels={pseudoLabels}>
        <Composer onSend={() => {}} onStop={() => {}} attachments={{ maxFiles: 2, maxFileSize: 64, uploadFile: () => new Promise((_r, reject) => (fail = reject)) }} />
      </LabelsProvider>,
    )
    const form = container.querySelector('form')!
    const file = (name: string, size = 4) => new File([new Uint8Array(size)], name, { type: 'image/png' })
    fireEvent.dragEnter(form, { dataTransfer: { files: [], types: ['Files'] } })
    fireEvent.drop(form, { dataTransfer: { files: [file('1'), file('2'), file('3'), file('4', 128)], types: ['Files'] } })
    fireEvent.dragEnter(form, { dataTransfer: { files: [], types: ['Files'] } })
    expect(container.querySelector('[data-rivulet="composer-notice"]')).not.toBeNull()
    expect(container.querySelector('[data-rivulet="composer-drop-hint"]')).not.toBeNull()
    expect(container.querySelector('[data-rivulet="attachment-progress"]')).not.toBeNull()
    await act(async () => fail(new Error('507')))
    await waitFor(() => expect(container.querySelector('[data-rivulet="attachment-retry"]')).not.toBeNull())
    expect(findUntranslated(container).filter((entry) => !isSize(entry))).toEqual([])
  })

  it('images, download chips, placeholders and the viewer', async () => {
    const parts: FilePart[] = [
      { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,iVBORw0KGgo=', name: '1' },
      { type: 'file', mediaType: 'application/pdf', url: 'data:application/pdf;base64,JVBER', name: '2', size: 2048 },
      { type: 'file', mediaType: 'text/csv', url: 'https://files.example.com/3', name: '3' },
      { type: 'file', mediaType: 'image/png', url: 'https://tracker.example/4', name: '4' },
      { type: 'file', mediaType: 'image/svg+xml', url: 'data:image/svg+xml,<svg/>', name: '5' },
    ]
    const { container, findByRole } = render(
      <LabelsProvider labels={pseudoLabels}>
        {parts.map((part, i) => (
          <FilePartView key={i} part={part} />
        ))}
      </LabelsProvider>,
    )
    fireEvent.click(container.querySelector('[data-rivulet="file-image-button"]')!)
    await findByRole('dialog')
    // The blocked host is the page's data, not a UI word: the label function wraps it.
    expect(findUntranslated(container).filter((entry) => !isSize(entry))).toEqual([])
  })
})
