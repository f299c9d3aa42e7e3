import type { ChatEvent } from './events.ts'

/**
 * Picks the JSON document's text out of decoded events, whatever the backend speaks:
 * `object_delta` (Rivulet), text deltas (`token`: OpenAI/Anthropic JSON mode,
 * `response_format: json_schema`, a Rivulet server streaming text), or the argument deltas of
 * a forced tool call. The first of these to arrive decides where the document is; the
 * arguments of any later tool call, and reasoning, are not part of it.
 *
 * @example
 * const pick = createJsonTextPicker()
 * pick({ type: 'tool_call_start', seq: 1, id: 'c1', name: 'extract' }) // undefined
 * pick({ type: 'tool_call_delta', seq: 2, id: 'c1', argsDelta: '{"a"' }) // '{"a"'
 */
export function createJsonTextPicker(): (event: ChatEvent) => string | undefined {
  let source: 'text' | 'tool' | undefined
  let toolId: string | undefined
  return (event) => {
    switch (event.type) {
      case 'object_delta':
      case 'token':
        if (source === 'tool') return undefined
        source = 'text'
        return event.type === 'token' ? event.content : event.delta
      case 'tool_call_start':
        if (source === undefined) {
          source = 'tool'
          toolId = event.id
        }
        return undefined
      case 'tool_call_delta':
        if (source === undefined) {
          source = 'tool'
          toolId = event.id
        }
        return source === 'tool' && event.id === toolId ? event.argsDelta : undefined
      default:
        return undefined
    }
  }
}
