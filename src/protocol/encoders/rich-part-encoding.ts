import type { CitationEvent, FileEvent, SourceEvent } from '../events.ts'

/**
 * The code point range (as providers count) of a citation in `text`, the text received so far:
 * `end` and `length` count UTF-16 code units back from the end, as the `citation` event says.
 *
 * @example
 * citedRange('🌍 Earth (a) more', { end: 5, length: 3 }) // { start: 8, end: 11 }
 */
export function citedRange(text: string, citation: Pick<CitationEvent, 'end' | 'length'>): { start: number; end: number } {
  const to = Math.max(0, text.length - (citation.end ?? 0))
  const from = Math.max(0, to - (citation.length ?? 0))
  return { start: codePoints(text.slice(0, from)), end: codePoints(text.slice(0, to)) }
}

function codePoints(text: string): number {
  let count = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0xdc00 || code > 0xdfff || i === 0 || text.charCodeAt(i - 1) < 0xd800 || text.charCodeAt(i - 1) > 0xdbff) count++
  }
  return count
}

/**
 * The base64 image inside a `data:` URL with its format name (`png`), when the file is one;
 * image-generation results in provider formats are base64 strings of a known format.
 *
 * @example
 * base64Image({ mediaType: 'image/png', url: 'data:image/png;base64,iVBOR' }) // { format: 'png', base64: 'iVBOR' }
 */
export function base64Image(file: Pick<FileEvent, 'mediaType' | 'url'>): { format: string; base64: string } | undefined {
  const match = /^data:image\/(png|jpeg|webp|gif);base64,(.*)$/is.exec(file.url.trim())
  return match ? { format: match[1]!.toLowerCase(), base64: match[2]! } : undefined
}

/** Sources announced so far, by id: citations in provider formats name the page, not our id. */
export type SourceBook = Map<string, Omit<SourceEvent, 'seq'>>
