import type { ChatEvent } from '../events.ts'
import type { SseEvent } from '../sse/parser.ts'
import type { ChatEventListener, Decoder } from './stream-format.ts'
import { checkFrame } from './validate-event.ts'

/**
 * Decodes Rivulet protocol v1 (DESIGN §2): one JSON event per frame, `seq` taken from the wire.
 * Every frame is validated; a frame that is not valid JSON or lacks a field, or has one of the
 * wrong type, ends the stream with a `protocol` error naming the frame, because state built on
 * a misunderstood stream cannot be trusted. Unknown event types are skipped.
 *
 * @example
 * const decoder = createRivuletDecoder((event) => events.push(event))
 * decoder.push({ type: 'message', data: '{"type":"token","seq":1,"content":"Hi"}', lastEventId: '1' })
 * decoder.push({ type: 'message', data: '{"type":"token","seq":2}', lastEventId: '2' })
 * // events: token, then { type: 'error', code: 'protocol', message: 'malformed frame (id 2): expected string "content" in token' }
 */
export function createRivuletDecoder(onEvent: ChatEventListener): Decoder {
  let terminated = false
  let lastSeq = -1
  let frames = 0

  function emit(event: ChatEvent) {
    if (event.type === 'done' || event.type === 'error') terminated = true
    if (event.seq > lastSeq) lastSeq = event.seq
    onEvent(event)
  }

  // Errors the decoder makes up continue the wire's numbering: a bad frame's error takes that
  // frame's place (so a client resuming at seq 40 does not drop it as already seen), anything
  // else comes one past the last event of this connection.
  function fail(code: 'protocol' | 'network', message: string, frameSeq?: number) {
    emit({ type: 'error', seq: Math.max(lastSeq + 1, frameSeq ?? 0), code, message })
  }

  return {
    push(sse: SseEvent) {
      if (terminated) return
      frames++
      let value: unknown
      try {
        value = JSON.parse(sse.data)
      } catch {
        fail('protocol', `malformed frame (${frameName(undefined, sse, frames)}): invalid JSON`, wireSeq(undefined, sse))
        return
      }
      const check = checkFrame(value)
      if (check.kind === 'event') emit(check.event)
      else if (check.kind === 'invalid') {
        const seq = typeof value === 'object' && value !== null ? (value as { seq?: unknown }).seq : undefined
        fail('protocol', `malformed frame (${frameName(seq, sse, frames)}): ${check.problem}`, wireSeq(seq, sse))
      }
    },
    end() {
      if (!terminated) fail('network', 'stream ended early')
    },
    get terminated() {
      return terminated
    },
  }
}

/** Names a frame the way a developer can find it in the network tab: its id, else its position. */
function frameName(seq: unknown, sse: SseEvent, position: number): string {
  if (typeof seq === 'number' && Number.isFinite(seq)) return `id ${seq}`
  if (sse.lastEventId !== '') return `id ${sse.lastEventId}`
  return `frame #${position}`
}

/** The frame's own sequence number, from its JSON or else its `id:` line, when it has a usable one. */
function wireSeq(seq: unknown, sse: SseEvent): number | undefined {
  if (typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0) return seq
  const id = Number(sse.lastEventId)
  return sse.lastEventId !== '' && Number.isSafeInteger(id) && id >= 0 ? id : undefined
}
