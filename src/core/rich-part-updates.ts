import type { CitationEvent, DataEvent, FileEvent, MessageMetadata, SourceEvent } from '../protocol/events.ts'
import { safeSourceUrl } from '../protocol/safe-url.ts'
import { appendPart, replacePart } from './message-updates.ts'
import type { ChatMessage, DataPart, FilePart, MessagePart, SourcePart, TextCitation } from './state.ts'

/**
 * Index of the text part that new text continues, or -1 when new text starts a new part. Source
 * parts do not interrupt the text (a provider announces them in the middle of a sentence), so
 * they are skipped; anything else (a tool call, a data card, reasoning) ends the text run.
 *
 * @example
 * currentTextIndex([{ type: 'text', text: 'Hi' }, { type: 'source', id: 's1' }]) // 0
 */
export function currentTextIndex(parts: readonly MessagePart[]): number {
  for (let i = parts.length - 1; i >= 0; i--) {
    const type = parts[i]!.type
    if (type === 'text') return i
    if (type !== 'source') return -1
  }
  return -1
}

/**
 * `data`: a part with an `id` replaces the part with the same `name` and `id` where it stands
 * (a progress card updates in place); otherwise the part is appended. Transient data is never
 * stored (the client hands it to `onData`). The payload is kept by reference, never copied.
 *
 * @example
 * applyData(parts, { type: 'data', seq: 4, name: 'progress', id: 'p1', data: { done: 2 } }, now)
 */
export function applyData(parts: MessagePart[], event: DataEvent, now: number | undefined): MessagePart[] {
  if (event.transient) return parts
  const part: DataPart = event.id === undefined ? { type: 'data', name: event.name, data: event.data } : { type: 'data', name: event.name, id: event.id, data: event.data }
  if (event.id !== undefined) {
    for (let i = parts.length - 1; i >= 0; i--) {
      const candidate = parts[i]!
      if (candidate.type === 'data' && candidate.id === event.id && candidate.name === event.name) return replacePart(parts, i, part)
    }
  }
  return appendPart(parts, part, now)
}

/**
 * `source`: one part per source id in the message. A repeat only fills fields the part lacked
 * (a web-search result first, a citation with its quoted passage later); a repeat that adds
 * nothing leaves the parts untouched. A URL that is not absolute http(s) is dropped.
 *
 * @example
 * addSource(parts, { type: 'source', seq: 5, id: 's1', url: 'javascript:alert(1)', title: 'Bad' }, now)
 * // appends { type: 'source', id: 's1', title: 'Bad' }
 */
export function addSource(parts: MessagePart[], event: SourceEvent, now: number | undefined): MessagePart[] {
  const incoming = toSourcePart(event)
  for (let i = parts.length - 1; i >= 0; i--) {
    const existing = parts[i]!
    if (existing.type !== 'source' || existing.id !== event.id) continue
    const merged: SourcePart = { ...incoming, ...existing }
    return Object.keys(merged).length === Object.keys(existing).length ? parts : replacePart(parts, i, merged)
  }
  return appendPart(parts, incoming, now)
}

function toSourcePart(event: SourceEvent): SourcePart {
  const part: SourcePart = { type: 'source', id: event.id }
  const url = event.url === undefined ? undefined : safeSourceUrl(event.url)
  if (url !== undefined) part.url = url
  if (event.title !== undefined) part.title = event.title
  if (event.mediaType !== undefined) part.mediaType = event.mediaType
  if (event.snippet !== undefined) part.snippet = event.snippet
  return part
}

/**
 * `citation`: marks the end of the current text run (`end` characters back from it, the cited
 * passage `length` characters before that), clamped to the text. A citation with no text run to
 * mark (it arrived after a tool call or before any text) is dropped; an exact repeat too.
 *
 * @example
 * addCitation([{ type: 'text', text: 'Water boils at 100 °C.' }], { type: 'citation', seq: 6, sourceId: 's1', length: 22 })
 * // the text part gets citations: [{ sourceId: 's1', start: 0, end: 22 }]
 */
export function addCitation(parts: MessagePart[], event: CitationEvent): MessagePart[] {
  const index = currentTextIndex(parts)
  const part = parts[index]
  if (part?.type !== 'text') return parts
  const length = part.text.length
  const end = Math.max(0, length - (event.end ?? 0))
  const start = Math.max(0, end - (event.length ?? 0))
  const citation: TextCitation = { sourceId: event.sourceId, start, end }
  const existing = part.citations ?? []
  if (existing.some((c) => c.sourceId === citation.sourceId && c.start === start && c.end === end)) return parts
  return replacePart(parts, index, { ...part, citations: [...existing, citation] })
}

/**
 * `file`: an assistant file is appended; one with an `id` replaces the file part with the same
 * `id` in place instead (a generated image's partial previews, then the final image, which
 * drops the `generating` state). A URL that is neither http(s) nor `data:` is emptied
 * (the part keeps its name and type, and renders as a placeholder); what a URL may show is
 * decided at render time by `fileDisplay`.
 *
 * @example
 * appendFile(parts, { type: 'file', seq: 7, mediaType: 'image/png', url: 'data:image/png;base64,…' }, now)
 */
export function appendFile(parts: MessagePart[], event: FileEvent, now: number | undefined): MessagePart[] {
  const url = /^\s*data:/i.test(event.url) ? event.url : (safeSourceUrl(event.url) ?? '')
  const part: FilePart = { type: 'file', mediaType: event.mediaType, url }
  if (event.name !== undefined) part.name = event.name
  if (event.size !== undefined) part.size = event.size
  if (event.id !== undefined) part.id = event.id
  if (event.partial === true) part.state = 'generating'
  const index = event.id === undefined ? -1 : parts.findIndex((p) => p.type === 'file' && p.id === event.id)
  return index === -1 ? appendPart(parts, part, now) : replacePart(parts, index, part)
}

/**
 * Merges metadata into a message key by key (later values win); an empty object changes nothing.
 *
 * @example
 * mergeMetadata({ id: 'a1', role: 'assistant', parts: [], metadata: { model: 'm' } }, { totalTokens: 9 }).metadata
 * // { model: 'm', totalTokens: 9 }
 */
export function mergeMetadata(message: ChatMessage, metadata: MessageMetadata | undefined): ChatMessage {
  if (metadata === undefined || Object.keys(metadata).length === 0) return message
  return { ...message, metadata: { ...message.metadata, ...metadata } }
}
