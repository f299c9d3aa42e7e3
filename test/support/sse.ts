import { createSseParser, type SseEvent } from '../../src/protocol/sse/parser.ts'
import type { ParseError } from '../../src/protocol/sse/parse-error.ts'

/** Everything a parser reported for one stream. */
export interface ParsedStream {
  events: SseEvent[]
  comments: string[]
  retries: number[]
  errors: ParseError[]
}

/** Feeds `chunks` to a fresh parser and collects every callback, for comparing chunkings. */
export function parseChunks(chunks: string[], maxBufferSize?: number): ParsedStream {
  const out: ParsedStream = { events: [], comments: [], retries: [], errors: [] }
  const parser = createSseParser(
    {
      onEvent: (e) => out.events.push(e),
      onComment: (c) => out.comments.push(c),
      onRetry: (r) => out.retries.push(r),
      onError: (e) => out.errors.push(e),
    },
    { maxBufferSize },
  )
  for (const chunk of chunks) parser.feed(chunk)
  parser.end()
  return out
}

/** Splits `text` at the given positions (taken modulo its length, deduplicated). */
export function cutAt(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)
  const chunks: string[] = []
  let prev = 0
  for (const p of points) {
    chunks.push(text.slice(prev, p))
    prev = p
  }
  chunks.push(text.slice(prev))
  return chunks
}
