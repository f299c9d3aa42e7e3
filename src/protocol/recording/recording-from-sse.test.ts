import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { recordingFromSse } from './recording-from-sse.ts'
import { recordingBody } from './recording.ts'
import { frameSeq, splitSseFrames } from './sse-frames.ts'

const dir = join(import.meta.dirname, '../../../fixtures/')
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.sse'))

describe('splitSseFrames', () => {
  it.each([
    ['LF frames', 'data: a\n\ndata: b\n\n', ['data: a\n\n', 'data: b\n\n']],
    ['CRLF frames', 'data: a\r\n\r\nid: 1\r\ndata: b\r\n\r\n', ['data: a\r\n\r\n', 'id: 1\r\ndata: b\r\n\r\n']],
    ['CR frames', 'data: a\r\rdata: b\r\r', ['data: a\r\r', 'data: b\r\r']],
    ['a comment frame', ': ping\n\ndata: a\n\n', [': ping\n\n', 'data: a\n\n']],
    ['an unterminated tail', 'data: a\n\ndata: b\n', ['data: a\n\n', 'data: b\n']],
    ['extra blank lines', 'data: a\n\n\n', ['data: a\n\n', '\n']],
    ['nothing', '', []],
  ])('cuts %s', (_name, body, texts) => {
    const frames = splitSseFrames(body)
    expect(frames.map((f) => f.text)).toEqual(texts)
    expect(frames.map((f) => f.text).join('')).toBe(body)
    for (const frame of frames) expect(body.slice(frame.start, frame.end)).toBe(frame.text)
  })

  it('knows which frames dispatch an event and the seq they carry', () => {
    const frames = splitSseFrames('id: 4\ndata: {"type":"token","seq":4,"content":"a"}\n\n: ping\n\nretry: 10\n\nid: 7\ndata: [x]\n\ndata: half')
    expect(frames.map((f) => f.event !== undefined)).toEqual([true, false, false, true, false])
    expect(frames.map(frameSeq)).toEqual([4, undefined, undefined, 7, undefined])
  })
})

describe('recordingFromSse', () => {
  it.each(fixtures)('turns %s into a recording of its frames, in its own format', (file) => {
    const text = readFileSync(join(dir, file), 'utf8')
    const sidecar = JSON.parse(readFileSync(join(dir, file.replace(/\.sse$/, '.source.json')), 'utf8')) as { summary: { format: string } }
    const recording = recordingFromSse(text, { source: file })
    expect(recording.header).toMatchObject({ rivulet: 'recording', version: 1, status: 200, format: sidecar.summary.format, source: file })
    expect(recording.header.headers['content-type']).toMatch(/^text\/event-stream/)
    expect(recordingBody(recording)).toBe(text)
    expect(recording.chunks.map((c) => c.chunk)).toEqual(splitSseFrames(text).map((f) => f.text))
  })

  it('paces frames evenly by intervalMs, from 0', () => {
    const recording = recordingFromSse('data: a\n\ndata: b\n\ndata: c\n\n', { format: 'rivulet', intervalMs: 50 })
    expect(recording.chunks.map((c) => c.t)).toEqual([0, 50, 100])
  })

  it('keeps the whole body in one chunk when asked', () => {
    const body = 'data: {"choices":[]}\n\ndata: [DONE]\n\n'
    expect(recordingFromSse(body, { chunking: 'whole' }).chunks).toEqual([{ t: 0, chunk: body }])
  })

  it('takes the format from the headers before the body, and keeps the given headers', () => {
    const recording = recordingFromSse('data: {"type":"text-delta","delta":"a"}\n\n', { headers: { 'X-Vercel-AI-UI-Message-Stream': 'v1', 'X-Request-Id': 'r1' } })
    expect(recording.header.format).toBe('ai-sdk')
    expect(recording.header.headers).toMatchObject({ 'x-vercel-ai-ui-message-stream': 'v1', 'x-request-id': 'r1' })
  })

  it('uses the format it is given over detection', () => {
    expect(recordingFromSse('data: {"choices":[]}\n\n', { format: 'rivulet' }).header.format).toBe('rivulet')
  })
})
