import type { CitationEvent, FileEvent, SourceEvent } from '../events.ts'
import { numberField, stringField, type JsonObject } from './json-value.ts'

type Unsequenced<E> = Omit<E, 'seq'>

/**
 * Tracks the text of each Responses output text part (`item_id` + `content_index`) so that
 * annotations, whose positions index that part's text, can be turned into citation markers
 * counted back from the end of what the client has received.
 */
export interface AnnotationTracker {
  /** A text delta of a part went out as a token. */
  text(data: JsonObject, delta: string): void
  /** The events for one `response.output_text.annotation.added`: a source, then its citation. */
  annotation(data: JsonObject): Array<Unsequenced<SourceEvent> | Unsequenced<CitationEvent>>
}

/**
 * Creates the tracker. Annotation types: `url_citation` (a web page: the source is its URL),
 * `file_citation` and `container_file_citation` (a file: the source is its `file_id`, titled
 * with its file name). Positions are read as code point indexes (the API's, as Python counts)
 * and converted to UTF-16 offsets; an annotation without positions (xAI sends some) gives a
 * source and no marker.
 *
 * @example
 * const tracker = createAnnotationTracker()
 * tracker.text({ item_id: 'msg', content_index: 0 }, 'Paris is the capital ([a.example](https://a.example)).')
 * tracker.annotation({ item_id: 'msg', content_index: 0, annotation: { type: 'url_citation', url: 'https://a.example', start_index: 21, end_index: 53 } })
 * // [{ type: 'source', id: 'https://a.example', url: 'https://a.example' }, { type: 'citation', sourceId: 'https://a.example', end: 1, length: 32 }]
 */
export function createAnnotationTracker(): AnnotationTracker {
  const texts = new Map<string, string>()
  const keyOf = (data: JsonObject) => `${stringField(data, 'item_id') ?? ''}\u0000${numberField(data, 'content_index') ?? 0}`

  return {
    text(data, delta) {
      const key = keyOf(data)
      texts.set(key, (texts.get(key) ?? '') + delta)
    },
    annotation(data) {
      const annotation = data['annotation']
      if (typeof annotation !== 'object' || annotation === null) return []
      const fields = annotation as JsonObject
      const source = annotationSource(fields)
      if (!source) return []
      const text = texts.get(keyOf(data)) ?? ''
      const start = numberField(fields, 'start_index') ?? numberField(fields, 'index')
      const end = numberField(fields, 'end_index') ?? numberField(fields, 'index')
      if (start === undefined || end === undefined || end < start) return [source]
      const from = utf16Offset(text, start)
      const to = utf16Offset(text, end)
      return [source, { type: 'citation', sourceId: source.id, end: text.length - to, length: to - from }]
    },
  }
}

function annotationSource(annotation: JsonObject): Unsequenced<SourceEvent> | undefined {
  const title = stringField(annotation, 'title') ?? stringField(annotation, 'filename')
  switch (stringField(annotation, 'type')) {
    case 'url_citation': {
      const url = stringField(annotation, 'url')
      if (!url) return undefined
      return title ? { type: 'source', id: url, url, title } : { type: 'source', id: url, url }
    }
    case 'file_citation':
    case 'container_file_citation': {
      const id = stringField(annotation, 'file_id')
      if (!id) return undefined
      return title ? { type: 'source', id, title } : { type: 'source', id }
    }
    default:
      return undefined
  }
}

/** The UTF-16 offset of code point `index` in `text` (clamped to the text). */
function utf16Offset(text: string, index: number): number {
  let offset = 0
  for (let point = 0; point < index && offset < text.length; point++) {
    const code = text.charCodeAt(offset)
    offset += code >= 0xd800 && code <= 0xdbff && offset + 1 < text.length ? 2 : 1
  }
  return offset
}

const IMAGE_FORMATS: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', jpg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif' }

/**
 * The file an `image_generation_call` output item produced: its base64 `result` as a `data:`
 * URL of its `output_format` (PNG when it names none); an item without a result gives nothing.
 * Partial previews come from {@link partialImage}.
 *
 * @example
 * generatedImage({ type: 'image_generation_call', output_format: 'webp', result: 'UklGR…' })
 * // { type: 'file', mediaType: 'image/webp', url: 'data:image/webp;base64,UklGR…' }
 */
export function generatedImage(item: JsonObject): Unsequenced<FileEvent> | undefined {
  const result = stringField(item, 'result')
  if (!result) return undefined
  const mediaType = IMAGE_FORMATS[(stringField(item, 'output_format') ?? 'png').toLowerCase()] ?? 'image/png'
  return { type: 'file', mediaType, url: `data:${mediaType};base64,${result}` }
}

/**
 * A `response.image_generation_call.partial_image` event as a partial `file` keyed by its
 * `item_id`: each later partial, then the finished item, replaces it in place. Without an
 * `item_id` or image data there is nothing to show or replace later, so nothing is given.
 *
 * @example
 * partialImage({ item_id: 'ig_1', output_index: 0, partial_image_index: 0, partial_image_b64: 'iVBOR…' })
 * // { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,iVBOR…', id: 'ig_1', partial: true }
 */
export function partialImage(data: JsonObject): Unsequenced<FileEvent> | undefined {
  const id = stringField(data, 'item_id')
  const b64 = stringField(data, 'partial_image_b64')
  if (!id || !b64) return undefined
  const mediaType = IMAGE_FORMATS[(stringField(data, 'output_format') ?? 'png').toLowerCase()] ?? 'image/png'
  return { type: 'file', mediaType, url: `data:${mediaType};base64,${b64}`, id, partial: true }
}
