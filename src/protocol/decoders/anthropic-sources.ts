import type { SourceEvent } from '../events.ts'
import { isJsonObject, numberField, objectField, stringField, type JsonObject } from './json-value.ts'

/** A `source` event before it has a place in the stream. */
export type SourceFields = Omit<SourceEvent, 'seq'>

function withFields(id: string, fields: { url?: string | undefined; title?: string | undefined; mediaType?: string | undefined; snippet?: string | undefined }): SourceFields {
  const source: SourceFields = { type: 'source', id }
  if (fields.url) source.url = fields.url
  if (fields.title) source.title = fields.title
  if (fields.mediaType) source.mediaType = fields.mediaType
  if (fields.snippet) source.snippet = fields.snippet
  return source
}

/**
 * The sources in a server tool's result block: each `web_search_result` of a
 * `web_search_tool_result`, the page of a `web_fetch_tool_result`. Web sources are identified
 * by their URL, so a citation of the same page later is the same source.
 *
 * @example
 * toolResultSources({ type: 'web_search_tool_result', content: [{ type: 'web_search_result', url: 'https://a.example', title: 'A' }] })
 * // [{ type: 'source', id: 'https://a.example', url: 'https://a.example', title: 'A' }]
 */
export function toolResultSources(block: JsonObject): SourceFields[] {
  const content = block['content']
  const items = Array.isArray(content) ? content : [content]
  const sources: SourceFields[] = []
  for (const item of items) {
    if (!isJsonObject(item)) continue
    const url = stringField(item, 'url')
    if (!url) continue
    const type = stringField(item, 'type')
    if (type === 'web_search_result') sources.push(withFields(url, { url, title: stringField(item, 'title') }))
    else if (type === 'web_fetch_result') {
      const document = objectField(item, 'content')
      sources.push(withFields(url, { url, title: stringField(document, 'title'), mediaType: stringField(objectField(document, 'source'), 'media_type') }))
    }
  }
  return sources
}

/**
 * The source a text-block citation points at, with the cited passage as its snippet. Web
 * results (`web_search_result_location`) are identified by URL; search results supplied by the
 * app (`search_result_location`) by their `source`; documents of the request
 * (`char_location`, `page_location`, `content_block_location`) by their index, as
 * `document-<n>`, titled with the document's title.
 *
 * @example
 * citationSource({ type: 'char_location', document_index: 0, document_title: 'Notes', cited_text: 'x' })
 * // { type: 'source', id: 'document-0', title: 'Notes', snippet: 'x' }
 */
export function citationSource(citation: JsonObject): SourceFields | undefined {
  const snippet = stringField(citation, 'cited_text')
  const title = stringField(citation, 'title')
  switch (stringField(citation, 'type')) {
    case 'web_search_result_location': {
      const url = stringField(citation, 'url')
      return url ? withFields(url, { url, title, snippet }) : undefined
    }
    case 'search_result_location': {
      const source = stringField(citation, 'source')
      return source ? withFields(source, { url: source, title, snippet }) : undefined
    }
    case 'char_location':
    case 'page_location':
    case 'content_block_location': {
      const index = numberField(citation, 'document_index')
      if (index === undefined) return undefined
      return withFields(`document-${index}`, { title: stringField(citation, 'document_title') ?? `Document ${index + 1}`, snippet })
    }
    default:
      return undefined
  }
}
