import { detectFormat } from '../decoders/detect-format.ts'
import type { StreamFormat } from '../decoders/stream-format.ts'
import { createSseParser, type SseEvent } from '../sse/parser.ts'

const PROBE_EVENTS = 8

/**
 * The wire format of a whole body, from its headers and first events, as `format: 'auto'`
 * would choose it; Rivulet when nothing tells (the auto decoder's assumption too).
 *
 * @example
 * bodyFormat('data: {"choices":[]}\n\n') // 'openai-chat'
 */
export function bodyFormat(body: string, headers?: Headers | Record<string, string>): StreamFormat {
  const fromHeaders = detectFormat({ headers, events: [] })
  if (fromHeaders) return fromHeaders
  const events: SseEvent[] = []
  const parser = createSseParser({ onEvent: (event) => void (events.length < PROBE_EVENTS && events.push(event)) })
  parser.feed(body)
  parser.end()
  return detectFormat({ events }) ?? 'rivulet'
}
