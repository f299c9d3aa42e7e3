/**
 * Writes one SSE frame: an optional `event:` line, then `data:` (one line per line of `data`,
 * so text with newlines survives), then the blank line that dispatches it.
 *
 * @example
 * sseFrame('{"type":"ping"}', 'ping') // 'event: ping\ndata: {"type":"ping"}\n\n'
 * sseFrame('[DONE]') // 'data: [DONE]\n\n'
 */
export function sseFrame(data: string, event?: string): string {
  const head = event === undefined ? '' : `event: ${event}\n`
  return `${head}data: ${data.split(/\r\n|\r|\n/).join('\ndata: ')}\n\n`
}

/**
 * A JSON data frame, optionally named.
 *
 * @example
 * jsonFrame({ type: 'finish' }) // 'data: {"type":"finish"}\n\n'
 */
export function jsonFrame(value: unknown, event?: string): string {
  return sseFrame(JSON.stringify(value), event)
}
