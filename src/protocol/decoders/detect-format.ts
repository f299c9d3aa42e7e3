import type { SseEvent } from '../sse/parser.ts'
import { isJsonObject, parseJsonObject } from './json-value.ts'
import type { StreamFormat } from './stream-format.ts'
import { isChatEventType } from './validate-event.ts'

export interface DetectFormatInput {
  /** Response headers; the AI SDK announces itself with `x-vercel-ai-ui-message-stream: v1`. */
  headers?: Headers | Record<string, string>
  /** The first SSE events of the body, in order. */
  events: readonly SseEvent[]
}

const ANTHROPIC_TYPES = new Set(['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop', 'ping'])
/** UI message stream part types that no other format uses without a `seq`. */
const AI_SDK_TYPES = new Set([
  'start', 'finish', 'abort', 'start-step', 'finish-step', 'message-metadata',
  'text-start', 'text-delta', 'text-end', 'reasoning-start', 'reasoning-delta', 'reasoning-end',
  'tool-input-start', 'tool-input-delta', 'tool-input-available', 'tool-input-error',
  'tool-output-available', 'tool-output-error', 'tool-output-denied', 'source-url', 'source-document', 'file',
])

/**
 * Guesses the wire format of a response from its headers and first SSE events, or returns
 * `undefined` when those events cannot tell yet (`[DONE]`, a bare error, an empty body).
 * Event names decide first (`message_start` → anthropic, `response.*` → openai-responses),
 * then the JSON: `choices` → openai-chat; a Rivulet `type` with a numeric `seq` → rivulet; an
 * AI SDK part type without `seq` → ai-sdk.
 *
 * @example
 * detectFormat({ events: [{ type: 'message', data: '{"type":"token","seq":0,"content":"a"}', lastEventId: '0' }] })
 * // 'rivulet'
 * detectFormat({ headers: { 'x-vercel-ai-ui-message-stream': 'v1' }, events: [] }) // 'ai-sdk'
 */
export function detectFormat(input: DetectFormatInput): StreamFormat | undefined {
  if (headerValue(input.headers, 'x-vercel-ai-ui-message-stream') === 'v1') return 'ai-sdk'
  for (const event of input.events) {
    const format = formatOfEvent(event)
    if (format) return format
  }
  return undefined
}

function formatOfEvent(event: SseEvent): StreamFormat | undefined {
  if (ANTHROPIC_TYPES.has(event.type)) return 'anthropic'
  if (event.type.startsWith('response.')) return 'openai-responses'
  const data = parseJsonObject(event.data)
  if (!data) return undefined
  if (data['object'] === 'chat.completion.chunk' || Array.isArray(data['choices'])) return 'openai-chat'
  const type = data['type']
  if (typeof type !== 'string') return undefined
  if (typeof data['seq'] === 'number' && isChatEventType(type)) return 'rivulet'
  if (type.startsWith('response.')) return 'openai-responses'
  if (ANTHROPIC_TYPES.has(type)) return 'anthropic'
  if (AI_SDK_TYPES.has(type) || type.startsWith('data-')) return 'ai-sdk'
  // `{"type":"error","errorText":…}` is the AI SDK's; `{"type":"error","error":{…}}` could be several.
  if (type === 'error' && typeof data['errorText'] === 'string' && !isJsonObject(data['error'])) return 'ai-sdk'
  return undefined
}

function headerValue(headers: DetectFormatInput['headers'], name: string): string | undefined {
  if (!headers) return undefined
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name)?.trim() ?? undefined
  for (const [key, value] of Object.entries(headers as Record<string, string>)) {
    if (key.toLowerCase() === name) return value.trim()
  }
  return undefined
}
