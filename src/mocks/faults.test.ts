import { describe, expect, it } from 'vitest'
import { decodeText } from '../protocol/decoders/decode-stream.ts'
import { encodeEvent } from '../protocol/encode.ts'
import { encodeEvents } from '../protocol/encoders/create-encoder.ts'
import type { RecordedChunk, Recording } from '../protocol/recording/recording.ts'
import { recordingBody } from '../protocol/recording/recording.ts'
import { recordingFromSse } from '../protocol/recording/recording-from-sse.ts'
import {
  applyFaults,
  corruptFrame,
  dropConnectionAt,
  duplicateSeq,
  httpError,
  injectErrorEvent,
  keepAlivesOnly,
  rechunk,
  skipSeq,
  stallAt,
  stripFinalEvent,
  type Fault,
} from './faults.ts'
import { createScript } from './script.ts'

const A = encodeEvent({ type: 'start', seq: 0, streamId: 's' })
const B = encodeEvent({ type: 'token', seq: 1, content: 'Hi' })
const P = ': ping\n\n'
const C = encodeEvent({ type: 'token', seq: 2, content: '!' })
const D = encodeEvent({ type: 'done', seq: 3 })
const [P0, P1] = [P.slice(0, 3), P.slice(3)]

function recording(chunks: RecordedChunk[], format: Recording['header']['format'] = 'rivulet'): Recording {
  return { header: { rivulet: 'recording', version: 1, format, status: 200, headers: { 'content-type': 'text/event-stream' } }, chunks }
}

// Chunk boundaries that do not follow frames: faults must keep them where they do not edit.
const small = recording([
  { t: 0, chunk: A },
  { t: 10, chunk: B + P0 },
  { t: 20, chunk: P1 + C },
  { t: 30, chunk: D },
])

const error = encodeEvent({ type: 'error', seq: 2, code: 'rate_limited', message: 'Slow down', retryAfter: 5 })

describe('recording faults', () => {
  it.each<[string, Fault, RecordedChunk[]]>([
    ['one chunk per frame, each when its last byte came', rechunk('event'), [{ t: 0, chunk: A }, { t: 10, chunk: B }, { t: 20, chunk: P }, { t: 20, chunk: C }, { t: 30, chunk: D }]],
    ['the whole body when its last byte came', rechunk('whole'), [{ t: 30, chunk: A + B + P + C + D }]],
    ['events before event 2 and the comment that preceded it', dropConnectionAt({ event: 2 }), [{ t: 0, chunk: A }, { t: 10, chunk: B + P0 }, { t: 20, chunk: P1 }]],
    ['the first 5 bytes', dropConnectionAt({ byte: 5 }), [{ t: 0, chunk: A.slice(0, 5) }]],
    ['the earlier of an event and a byte cut', dropConnectionAt({ event: 3, byte: A.length + 2 }), [{ t: 0, chunk: A }, { t: 10, chunk: B.slice(0, 2) }]],
    ['event 2 onwards held 100 ms, the chunk split where it starts', stallAt({ event: 2, ms: 100 }), [{ t: 0, chunk: A }, { t: 10, chunk: B + P0 }, { t: 20, chunk: P1 }, { t: 120, chunk: C }, { t: 130, chunk: D }]],
    ['seq 1 twice in a row', duplicateSeq(1), [{ t: 0, chunk: A }, { t: 10, chunk: B }, { t: 10, chunk: B }, { t: 10, chunk: P0 }, { t: 20, chunk: P1 + C }, { t: 30, chunk: D }]],
    ['no seq 2', skipSeq(2), [{ t: 0, chunk: A }, { t: 10, chunk: B + P0 }, { t: 20, chunk: P1 }, { t: 30, chunk: D }]],
    ['event 1 cut in half', corruptFrame(1), [{ t: 0, chunk: A }, { t: 10, chunk: 'id: 1\ndata: {"type":"token","se\n\n' }, { t: 10, chunk: P0 }, { t: 20, chunk: P1 + C }, { t: 30, chunk: D }]],
    ['an error in place of event 2 and the rest', injectErrorEvent({ afterEvent: 2, code: 'rate_limited', message: 'Slow down', retryAfter: 5 }), [{ t: 0, chunk: A }, { t: 10, chunk: B + P0 }, { t: 20, chunk: P1 }, { t: 20, chunk: error }]],
    ['everything but the final event', stripFinalEvent(), [{ t: 0, chunk: A }, { t: 10, chunk: B + P0 }, { t: 20, chunk: P1 + C }]],
    ['only keep-alives', keepAlivesOnly({ intervalMs: 100, count: 3 }), [{ t: 100, chunk: P }, { t: 200, chunk: P }, { t: 300, chunk: P }]],
    ['nothing changed for a seq that is not there', skipSeq(9), small.chunks],
    ['nothing changed for a stall past the end', stallAt({ event: 9, ms: 5 }), small.chunks],
  ])('%s', (_name, fault, chunks) => {
    const before = structuredClone(small)
    expect(fault(small).chunks).toEqual(chunks)
    expect(small).toEqual(before) // pure: the input is untouched
  })

  it('marks a dropped recording to end in a network error, and nothing else', () => {
    expect(dropConnectionAt({ event: 2 })(small).header.ending).toBe('network-error')
    expect(stripFinalEvent()(small).header.ending).toBeUndefined()
  })

  it('makes a corrupt frame a protocol error for the decoder, after the content before it', () => {
    const events = decodeText(recordingBody(corruptFrame(2)(small)), 'rivulet')
    expect(events.map((e) => e.type)).toEqual(['start', 'token', 'error'])
    expect(events.at(-1)).toMatchObject({ code: 'protocol' })
  })

  it('cuts one byte per chunk, never inside a character', () => {
    const out = rechunk('byte')(recording([{ t: 0, chunk: 'aé' }, { t: 5, chunk: '🌊b' }]))
    expect(out.chunks).toEqual([{ t: 0, chunk: 'a' }, { t: 0, chunk: 'é' }, { t: 5, chunk: '🌊' }, { t: 5, chunk: 'b' }])
  })

  it('cuts random chunks of at most 32 bytes, the same for the same seed', () => {
    const long = recordingFromSse(encodeEvents('rivulet', createScript().text('The quick brown fox jumps over the lazy dog '.repeat(5)).done()))
    const first = rechunk('random', 7)(long)
    expect(rechunk('random', 7)(long)).toEqual(first)
    expect(rechunk('random', 8)(long)).not.toEqual(first)
    expect(recordingBody(first)).toBe(recordingBody(long))
    expect(Math.max(...first.chunks.map((c) => c.chunk.length))).toBeLessThanOrEqual(32)
    expect(first.chunks.length).toBeGreaterThan(long.chunks.length)
  })

  it('never splits a character when dropping at a byte inside it', () => {
    expect(dropConnectionAt({ byte: 2 })(recording([{ t: 0, chunk: 'aé' }])).chunks).toEqual([{ t: 0, chunk: 'a' }])
  })

  it('counts event frames for seq in formats that carry none', () => {
    const openai = recordingFromSse(encodeEvents('openai-chat', createScript().text('one two three').done()))
    const frames = openai.chunks.map((c) => c.chunk)
    expect(skipSeq(1)(openai).chunks.map((c) => c.chunk)).toEqual([frames[0], ...frames.slice(2)])
    expect(duplicateSeq(0)(openai).chunks.map((c) => c.chunk)).toEqual([frames[0], ...frames])
  })

  it('injects the error in the recording’s own format', () => {
    const anthropic = recordingFromSse(encodeEvents('anthropic', createScript().text('one two three four').done()))
    const events = decodeText(recordingBody(injectErrorEvent({ afterEvent: 4, code: 'rate_limited', message: 'Slow down', retryAfter: 7 })(anthropic)), 'anthropic')
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'rate_limited', message: 'Slow down', retryAfter: 7 })
    expect(events.filter((e) => e.type === 'token').length).toBeGreaterThan(0)
  })

  it('answers an HTTP error with its status, Retry-After and body instead of the stream', () => {
    const out = httpError({ status: 429, retryAfter: 30 })(dropConnectionAt({ event: 1 })(small))
    expect(out.header).toMatchObject({ status: 429, format: 'rivulet', headers: { 'content-type': 'application/json', 'retry-after': '30' } })
    expect(out.header.ending).toBeUndefined()
    expect(JSON.parse(recordingBody(out))).toEqual({ error: { message: 'HTTP 429 (injected)', code: 429 } })
    expect(httpError({ status: 503, body: 'busy' })(small).chunks).toEqual([{ t: 0, chunk: 'busy' }])
  })

  it('applies faults in order, each on what the previous made', () => {
    const out = applyFaults(small, [rechunk('event'), skipSeq(1), dropConnectionAt({ event: 2 })])
    expect(out.chunks).toEqual([{ t: 0, chunk: A }, { t: 20, chunk: P }, { t: 20, chunk: C }])
    expect(out.header.ending).toBe('network-error')
  })

  it('labels every fault for pickers and timelines', () => {
    const labels = [
      rechunk('byte'), rechunk('random', 3), dropConnectionAt({ event: 12 }), dropConnectionAt({ byte: 100 }), stallAt({ event: 5, ms: 8000 }),
      duplicateSeq(3), skipSeq(4), corruptFrame(2), injectErrorEvent({ afterEvent: 6, code: 'rate_limited' }), stripFinalEvent(),
      keepAlivesOnly({ intervalMs: 15000, count: 4 }), httpError({ status: 429, retryAfter: 30 }),
    ].map((f) => f.label)
    expect(labels).toEqual([
      'one byte per chunk', 'random chunks (seed 3)', 'drop connection at event 12', 'drop connection at byte 100', 'stall 8000 ms before event 5',
      'duplicate seq 3', 'skip seq 4', 'corrupt event 2', 'rate_limited error after event 6', 'strip final event',
      'keep-alives only (4 × 15000 ms)', 'HTTP 429, Retry-After 30 s',
    ])
  })

  it('leaves out a fault limited to earlier requests, so a retry gets the stream', () => {
    const faults = [httpError({ status: 503, requests: 2 }), dropConnectionAt({ event: 2 })]
    expect(faults[0]!.label).toBe('HTTP 503 (first 2 requests)')
    expect(applyFaults(small, faults, 1).header.status).toBe(503)
    expect(applyFaults(small, faults, 2).header.status).toBe(503)
    const third = applyFaults(small, faults, 3)
    expect(third.header).toMatchObject({ status: 200, ending: 'network-error' })
    expect(recordingBody(third)).toBe(A + B + P)
  })

  it('keeps the connection open with pings when keep-alives have no count', () => {
    const out = keepAlivesOnly({ intervalMs: 20 })(small)
    expect(out.chunks).toEqual([])
    expect(out.header).toMatchObject({ ending: 'keep-alive', keepAliveMs: 20 })
    expect(out.header.truncated).toBeUndefined()
  })
})
