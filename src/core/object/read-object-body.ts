import type { ChatEvent } from '../../protocol/events.ts'
import type { StreamFormat } from '../../protocol/decoders/index.ts'
import { readBody } from '../client/read-body.ts'

/** How an object response is written: plain JSON text, or an event stream in one of the chat formats. */
export type ObjectStreamFormat = 'text' | StreamFormat

export interface ReadObjectBodyOptions {
  /** `'auto'`: an event stream when the content type says `text/event-stream` (then detected from its frames), else plain text. */
  format: ObjectStreamFormat | 'auto'
  headers: Headers
  /** Decoded events of an event-stream body (the text body has none). */
  onEvent: (event: ChatEvent) => void
  /** Raw text of a plain-text body, as it is read. */
  onText: (text: string) => void
  onChunk?: (byteLength: number, text: string) => void
  onComment?: (comment: string) => void
  onRetry?: (ms: number) => void
  onFormat?: (format: ObjectStreamFormat) => void
  signal?: AbortSignal
}

/**
 * Whether a response carries plain JSON text rather than an event stream.
 *
 * @example
 * isTextBody('auto', new Headers({ 'content-type': 'text/plain' })) // true
 */
export function isTextBody(format: ObjectStreamFormat | 'auto', headers: Headers): boolean {
  if (format !== 'auto') return format === 'text'
  return !(headers.get('content-type') ?? '').toLowerCase().includes('text/event-stream')
}

/**
 * Reads one object response to its end. An event stream goes through the client's `readBody` (so the
 * chat decoders serve here too) and reports `'terminated'` after `done`/`error`, `'ended-early'`
 * otherwise; a plain-text body has no end marker, so its end is `'ended'` and the parser decides
 * whether the JSON was whole. A failed read rejects.
 */
export async function readObjectBody(
  body: ReadableStream<Uint8Array>,
  options: ReadObjectBodyOptions,
): Promise<'terminated' | 'ended-early' | 'ended'> {
  if (!isTextBody(options.format, options.headers)) {
    const format = options.format === 'auto' || options.format === 'text' ? 'auto' : options.format
    // The chat client's body reader (the protocol's one decoding path). It reports a broken
    // read as an early end with its cause; here a failed read rejects, as documented.
    const outcome = await readBody(body, { ...options, format, onFormat: options.onFormat })
    if (outcome.type === 'ended-early' && outcome.cause !== undefined) throw outcome.cause
    return outcome.type
  }
  options.onFormat?.('text')
  const decoder = new TextDecoder('utf-8')
  const reader = body.getReader()
  const { signal } = options
  const cancel = () => void reader.cancel(signal?.reason).catch(() => {})
  signal?.addEventListener('abort', cancel, { once: true })
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason
      const { done, value } = await reader.read()
      if (signal?.aborted) throw signal.reason
      if (done) break
      const text = decoder.decode(value, { stream: true })
      options.onChunk?.(value.byteLength, text)
      if (text !== '') options.onText(text)
    }
    const rest = decoder.decode()
    if (rest !== '') options.onText(rest)
    return 'ended'
  } finally {
    signal?.removeEventListener('abort', cancel)
    reader.releaseLock()
  }
}
