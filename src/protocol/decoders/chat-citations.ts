import type { CitationEvent, SourceEvent } from '../events.ts'
import { isJsonObject, objectField, stringField, type JsonObject } from './json-value.ts'

type Unsequenced<E> = Omit<E, 'seq'>

/** The longest numbered marker looked for (`[999]`), so the tail kept between tokens stays tiny. */
const MARKER_TAIL = 5
const MARKER = /\[(\d{1,3})\]/g

/**
 * Sources and citation markers of OpenAI-compatible chunks that carry them next to the text:
 * Perplexity's top-level `citations` (URLs, repeated in every chunk) and `search_results`
 * (titles), OpenRouter's `delta.annotations` (`url_citation`). Perplexity writes `[n]` into
 * the text for the n-th citation; each such marker becomes a `citation` over the marker itself,
 * found even when a token boundary splits it.
 */
export interface ChatCitations {
  /** Sources the chunk names that were not named before. */
  sources(chunk: JsonObject): Array<Unsequenced<SourceEvent>>
  /** Citation events for `[n]` markers that end in this text (call after emitting the token). */
  markers(text: string): Array<Unsequenced<CitationEvent>>
}

/**
 * Creates the tracker for one stream.
 *
 * @example
 * const citations = createChatCitations()
 * citations.sources({ citations: ['https://a.example'] }) // [{ type: 'source', id: 'https://a.example', url: 'https://a.example' }]
 * citations.markers('Paris[1]') // [{ type: 'citation', sourceId: 'https://a.example', end: 0, length: 3 }]
 */
export function createChatCitations(): ChatCitations {
  let urls: string[] = []
  const named = new Map<string, string | undefined>()
  let tail = ''

  function add(out: Array<Unsequenced<SourceEvent>>, url: string, title?: string, snippet?: string) {
    if (named.has(url) && (title === undefined || named.get(url) !== undefined)) return
    named.set(url, title)
    const source: Unsequenced<SourceEvent> = { type: 'source', id: url, url }
    if (title) source.title = title
    if (snippet) source.snippet = snippet
    out.push(source)
  }

  return {
    sources(chunk) {
      const out: Array<Unsequenced<SourceEvent>> = []
      const citations = chunk['citations']
      if (Array.isArray(citations) && citations.every((c) => typeof c === 'string')) {
        urls = citations as string[]
        for (const url of urls) add(out, url)
      }
      const results = chunk['search_results']
      if (Array.isArray(results)) {
        for (const result of results) {
          const url = isJsonObject(result) ? stringField(result, 'url') : undefined
          if (url) add(out, url, stringField(result as JsonObject, 'title'), stringField(result as JsonObject, 'snippet'))
        }
      }
      const choices = chunk['choices']
      const choice = Array.isArray(choices) ? choices.find((c) => isJsonObject(c) && (c['index'] ?? 0) === 0) : undefined
      const annotations = isJsonObject(choice) ? objectField(choice, 'delta')?.['annotations'] : undefined
      if (Array.isArray(annotations)) {
        for (const annotation of annotations) {
          if (!isJsonObject(annotation) || annotation['type'] !== 'url_citation') continue
          const citation = objectField(annotation, 'url_citation') ?? annotation
          const url = stringField(citation, 'url')
          if (url) add(out, url, stringField(citation, 'title'), stringField(citation, 'content'))
        }
      }
      return out
    },
    markers(text) {
      if (urls.length === 0) return []
      const combined = tail + text
      tail = combined.slice(-MARKER_TAIL)
      const out: Array<Unsequenced<CitationEvent>> = []
      for (const match of combined.matchAll(MARKER)) {
        const end = match.index + match[0].length
        // A marker wholly inside the tail was reported with the previous token.
        if (end <= combined.length - text.length) continue
        const url = urls[Number(match[1]) - 1]
        if (url !== undefined) out.push({ type: 'citation', sourceId: url, end: combined.length - end, length: match[0].length })
      }
      return out
    },
  }
}
