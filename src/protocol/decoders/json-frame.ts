import type { SseEvent } from '../sse/parser.ts'
import type { EventSink } from './event-sink.ts'
import { parseJsonObject, preview, type JsonObject } from './json-value.ts'

/**
 * The JSON object a provider frame carries. When the data is not a JSON object the stream
 * fails with a `protocol` error naming the format and showing the start of the data, and the
 * result is `undefined`: one rule for every JSON-per-frame decoder.
 *
 * @example
 * const data = frameObject(sink, sse, 'anthropic')
 * if (data) handle(data)
 */
export function frameObject(sink: EventSink, sse: SseEvent, format: string): JsonObject | undefined {
  const data = parseJsonObject(sse.data)
  if (!data) sink.fail('protocol', `malformed ${format} frame: ${preview(sse.data)}`)
  return data
}
