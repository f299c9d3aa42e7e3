import type { ChatEvent } from './events.ts'

/**
 * Writes one event as a Rivulet protocol v1 SSE frame: `seq` doubles as the SSE `id:`, so the
 * browser's `Last-Event-ID` names the last event a client received. The JSON is compact, on one
 * `data:` line (JSON escapes every line break), with `type` and `seq` first for readable logs.
 *
 * @example
 * encodeEvent({ type: 'token', seq: 3, content: 'Hel' })
 * // 'id: 3\ndata: {"type":"token","seq":3,"content":"Hel"}\n\n'
 */
export function encodeEvent(event: ChatEvent): string {
  const { type, seq, ...fields } = event
  return `id: ${seq}\ndata: ${JSON.stringify({ type, seq, ...fields })}\n\n`
}

/**
 * Writes an SSE comment, the keep-alive that stops proxies from closing an idle stream.
 * Clients ignore it; each line of a multi-line text becomes its own comment line.
 *
 * @example
 * encodeComment('ping') // ': ping\n\n'
 */
export function encodeComment(text: string): string {
  return `${text
    .split(/\r\n|\r|\n/)
    .map((line) => `: ${line}`)
    .join('\n')}\n\n`
}
