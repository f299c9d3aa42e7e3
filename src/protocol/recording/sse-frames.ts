import { createSseParser, type SseEvent } from '../sse/parser.ts'

/**
 * One block of an event stream (its lines and the blank line that ends it) and where it sits
 * in the body.
 *
 * @example
 * const frame: SseFrame = { start: 0, end: 9, text: 'data: a\n\n', event: { type: 'message', data: 'a', lastEventId: '' } }
 */
export interface SseFrame {
  /** Offset of the first character in the body (UTF-16 code units, like `String.slice`). */
  start: number
  /** Offset just after the blank line that ends the frame (or the end of the body). */
  end: number
  text: string
  /** The event this frame dispatches; `undefined` for comments (keep-alives), `retry:` only, or a frame cut short. */
  event?: SseEvent
}

/**
 * Cuts an event-stream body into frames, each ending after the blank line that dispatches it
 * (CR, LF and CRLF line ends alike). Text after the last blank line is a final, unterminated
 * frame. Joining the texts always gives the body back.
 *
 * @example
 * splitSseFrames('data: a\n\n: ping\n\ndata: b\n\n').map((f) => f.text)
 * // ['data: a\n\n', ': ping\n\n', 'data: b\n\n']
 */
export function splitSseFrames(body: string): SseFrame[] {
  const frames: SseFrame[] = []
  let frameStart = 0
  let lineStart = 0
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i)
    if (code !== 10 && code !== 13) continue
    const blank = i === lineStart
    if (code === 13 && body.charCodeAt(i + 1) === 10) i++
    lineStart = i + 1
    if (blank) {
      frames.push(frameAt(body, frameStart, lineStart))
      frameStart = lineStart
    }
  }
  if (frameStart < body.length) frames.push(frameAt(body, frameStart, body.length))
  return frames
}

function frameAt(body: string, start: number, end: number): SseFrame {
  const text = body.slice(start, end)
  const frame: SseFrame = { start, end, text }
  // A fresh parser per frame: the frame's own `id:` only, and an unterminated tail dispatches nothing.
  const parser = createSseParser({ onEvent: (event) => (frame.event = event) })
  parser.feed(text)
  return frame
}

/**
 * The `seq` of a Rivulet frame (from its JSON, else its numeric `id:`), or `undefined`.
 *
 * @example
 * frameSeq(splitSseFrames('id: 3\ndata: {"type":"token","seq":3,"content":"a"}\n\n')[0]!) // 3
 */
export function frameSeq(frame: SseFrame): number | undefined {
  const event = frame.event
  if (!event) return undefined
  try {
    const data: unknown = JSON.parse(event.data)
    if (typeof data === 'object' && data !== null && typeof (data as { seq?: unknown }).seq === 'number') return (data as { seq: number }).seq
  } catch {
    // Not JSON: fall back to the id.
  }
  return /^\d+$/.test(event.lastEventId) ? Number(event.lastEventId) : undefined
}
