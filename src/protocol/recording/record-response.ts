import type { StreamFormat } from '../decoders/stream-format.ts'
import { bodyFormat } from './body-format.ts'
import { RECORDING_VERSION, type RecordedChunk, type Recording, type RecordingHeader } from './recording.ts'

/**
 * @example
 * recordResponse(response, { format: 'anthropic', url: request.url, method: 'POST' })
 */
export interface RecordResponseOptions {
  /** The clock for chunk times, in milliseconds. @default `performance.now` */
  now?: () => number
  /** The body's wire format when known; `'auto'` detects it from the headers and the first events. @default 'auto' */
  format?: StreamFormat | 'auto'
  /** Stored in the header (a `Response` does not know the method, and its `url` may be empty). */
  url?: string
  method?: string
}

/**
 * @example
 * const { response: body, recording }: RecordedResponse = recordResponse(await fetch(url))
 */
export interface RecordedResponse {
  /** Use this instead of the original: same status, headers and bytes, read at the same moments. */
  response: Response
  /** Settles once the original body ends, breaks or is aborted; never rejects. */
  recording: Promise<Recording>
}

/** Never written to a recording: a fixture file must not carry anyone's session. */
const PRIVATE_HEADERS = new Set(['set-cookie', 'set-cookie2'])

const defaultNow = () => (typeof performance !== 'undefined' ? performance.now() : Date.now())

/**
 * Records a response while it is consumed. The original body is read as it arrives and each
 * read is passed on unchanged (the same bytes, in the same pieces) to the body of the returned
 * `Response`, and noted with its arrival time. Like `body.tee()`, cancelling the returned
 * body does not stop the recording: it keeps reading the original to its end (a chat client
 * cancels as soon as it sees `done`, yet the server may still send `data: [DONE]`). Abort the
 * request to stop both; the recording then keeps what arrived and says `truncated: true`
 * (with `ending: 'network-error'` when the connection broke rather than being aborted).
 *
 * Chunks are stored as text: a UTF-8 character split across two reads is stored whole in the
 * later chunk, and invalid UTF-8 becomes U+FFFD, as the SSE decoder would read it anyway.
 *
 * @example
 * const { response, recording } = recordResponse(await fetch('/api/chat', { method: 'POST', body }))
 * await consume(response) // the app reads as usual
 * await writeFile('turn.jsonl', serializeRecording(await recording))
 */
export function recordResponse(response: Response, options: RecordResponseOptions = {}): RecordedResponse {
  const now = options.now ?? defaultNow
  const startedAt = now()
  const chunks: RecordedChunk[] = []
  const text = new TextDecoder('utf-8', { ignoreBOM: true })
  const headers: Record<string, string> = {}
  for (const [name, value] of response.headers) if (!PRIVATE_HEADERS.has(name)) headers[name] = value
  let lastT = 0

  function note(piece: string) {
    if (piece === '') return
    // A clock may step back (Date.now); a recording's times never do.
    lastT = Math.max(lastT, Math.round((now() - startedAt) * 100) / 100)
    chunks.push({ t: lastT, chunk: piece })
  }

  function build(outcome: 'close' | 'error' | 'abort'): Recording {
    note(text.decode())
    let body = ''
    for (const { chunk } of chunks) body += chunk
    const format = options.format === undefined || options.format === 'auto' ? bodyFormat(body, headers) : options.format
    const header: RecordingHeader = { rivulet: 'recording', version: RECORDING_VERSION, format, status: response.status, headers }
    const url = options.url ?? response.url
    if (url) header.url = url
    if (options.method !== undefined) header.method = options.method
    header.createdAt = new Date().toISOString()
    if (outcome !== 'close') header.truncated = true
    if (outcome === 'error') header.ending = 'network-error'
    return { header, chunks }
  }

  if (!response.body) return { response, recording: Promise.resolve(build('close')) }

  const reader = response.body.getReader()
  let settle!: (recording: Recording) => void
  const recording = new Promise<Recording>((resolve) => (settle = resolve))
  let consumerGone = false
  // Pieces read but not yet taken by the consumer, and how the original ended. Kept here, not in
  // the stream's own queue, because erroring a stream throws its queue away: a consumer behind
  // the network would lose pieces the recording has when the connection breaks.
  let waiting: Uint8Array[] = []
  let ended: { error?: unknown } | undefined
  let wake: (() => void) | undefined
  const notify = () => {
    wake?.()
    wake = undefined
  }

  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        note(text.decode(value, { stream: true }))
        if (!consumerGone) waiting.push(value)
        notify()
      }
    } catch (error) {
      settle(build(isAbort(error) ? 'abort' : 'error'))
      ended = { error }
      notify()
      return
    }
    settle(build('close'))
    ended = {}
    notify()
  })()

  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        while (waiting.length === 0 && ended === undefined) await new Promise<void>((resolve) => (wake = resolve))
        const piece = waiting.shift()
        if (piece !== undefined) controller.enqueue(piece)
        else if (ended && 'error' in ended) controller.error(ended.error)
        else controller.close()
      },
      cancel() {
        consumerGone = true
        waiting = []
      },
    },
    // Nothing is pulled ahead of a read: the consumer gets each piece as it was read.
    { highWaterMark: 0 },
  )

  const teed = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers })
  if (response.url) Object.defineProperty(teed, 'url', { value: response.url })
  return { response: teed, recording }
}

function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError'
}
