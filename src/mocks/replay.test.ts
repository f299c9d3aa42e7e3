import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { encodeEvent } from '../protocol/encode.ts'
import type { RecordedChunk, Recording } from '../protocol/recording/recording.ts'
import { recordingBody } from '../protocol/recording/recording.ts'
import { dropConnectionAt, rechunk } from './faults.ts'
import type { MockRequest } from './mock-chat-stream.ts'
import { createReplayTransport, replayRecording } from './replay.ts'
import { replayPlan } from './pace.ts'

const frames = [
  encodeEvent({ type: 'start', seq: 0, streamId: 'rec-1' }),
  encodeEvent({ type: 'token', seq: 1, content: 'Hello' }),
  ': ping\n\n',
  encodeEvent({ type: 'token', seq: 2, content: ' world' }),
  encodeEvent({ type: 'done', seq: 3, finishReason: 'stop' }),
]
const times = [0, 100, 150, 400, 400]

function recording(chunks: RecordedChunk[] = frames.map((chunk, i) => ({ t: times[i]!, chunk }))): Recording {
  return {
    header: {
      rivulet: 'recording',
      version: 1,
      format: 'rivulet',
      status: 200,
      headers: { 'content-type': 'text/event-stream', 'content-length': '999', 'content-encoding': 'gzip', 'x-trace': 't1' },
    },
    chunks,
  }
}

const decoder = new TextDecoder()
async function readChunks(response: Response): Promise<string[]> {
  const reader = response.body!.getReader()
  const out: string[] = []
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return out
    out.push(decoder.decode(value))
  }
}

describe('replayPlan', () => {
  it('keeps the recorded gaps at speed 1', () => {
    expect(replayPlan(recording()).map((c) => c.delayMs)).toEqual([0, 100, 50, 250, 0])
  })

  it('divides the gaps by the speed', () => {
    expect(replayPlan(recording(), { speed: 2 }).map((c) => c.delayMs)).toEqual([0, 50, 25, 125, 0])
    expect(replayPlan(recording(), { speed: 0.5 }).map((c) => c.delayMs)).toEqual([0, 200, 100, 500, 0])
  })

  it('sends everything at once when instant', () => {
    expect(replayPlan(recording(), { speed: 'instant' }).map((c) => c.delayMs)).toEqual([0, 0, 0, 0, 0])
  })

  it('paces by events at a fixed tokens per second, a comment going with the event before it', () => {
    expect(replayPlan(recording(), { tokensPerSecond: 10 }).map((c) => c.delayMs)).toEqual([0, 100, 0, 100, 100])
  })

  it('releases a chunk when the last event ending in it is due', () => {
    const body = frames.join('')
    const cut = recording([
      { t: 0, chunk: body.slice(0, frames[0]!.length + 3) },
      { t: 1, chunk: body.slice(frames[0]!.length + 3) },
    ])
    expect(replayPlan(cut, { tokensPerSecond: 4 }).map((c) => c.delayMs)).toEqual([250, 500]) // due at 250 ms (event 1) and 750 ms (event 3)
  })

  it('refuses a speed that cannot be played', () => {
    expect(() => replayPlan(recording(), { speed: 0 })).toThrow(RangeError)
    expect(() => replayPlan(recording(), { tokensPerSecond: -1 })).toThrow(RangeError)
  })
})

describe('createReplayTransport', () => {
  afterEach(() => vi.useRealTimers())

  it('answers with the recorded status, headers and chunks, byte for byte', async () => {
    const transport = createReplayTransport(recording(), { speed: 'instant' })
    const response = await transport.send({ signal: new AbortController().signal })
    expect(response.status).toBe(200)
    expect(response.headers.get('x-trace')).toBe('t1')
    // They described the original bytes on the wire, not the text a replay sends.
    expect(response.headers.get('content-length')).toBeNull()
    expect(response.headers.get('content-encoding')).toBeNull()
    expect(await readChunks(response)).toEqual(frames)
  })

  it('plays chunks at their recorded times', async () => {
    vi.useFakeTimers()
    const response = await createReplayTransport(recording(), { speed: 1 }).send({ signal: new AbortController().signal })
    const reader = response.body!.getReader()
    const seen: string[] = []
    void (async () => {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        seen.push(decoder.decode(value))
      }
    })()
    await vi.advanceTimersByTimeAsync(99)
    expect(seen).toEqual([frames[0]])
    await vi.advanceTimersByTimeAsync(1)
    expect(seen).toEqual(frames.slice(0, 2))
    await vi.advanceTimersByTimeAsync(300)
    expect(seen).toEqual(frames)
  })

  it('stops every timer when the request is aborted', async () => {
    vi.useFakeTimers()
    const controller = new AbortController()
    const response = await createReplayTransport(recording(), { speed: 1 }).send({ signal: controller.signal })
    const reader = response.body!.getReader()
    await vi.advanceTimersByTimeAsync(0)
    expect(decoder.decode((await reader.read()).value)).toBe(frames[0])
    expect(vi.getTimerCount()).toBe(1)
    controller.abort()
    expect(vi.getTimerCount()).toBe(0)
    await expect(reader.read()).rejects.toThrow()
  })

  it('applies faults to each answer: a dropped connection delivers what came before, then breaks', async () => {
    const transport = createReplayTransport(recording(), { speed: 'instant', faults: [dropConnectionAt({ event: 2 })] })
    const reader = (await transport.send({ signal: new AbortController().signal })).body!.getReader()
    const seen: string[] = []
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) return
          seen.push(decoder.decode(value))
        }
      })(),
    ).rejects.toThrow('network')
    expect(seen).toEqual(frames.slice(0, 3))
  })

  it('resumes a Rivulet recording after Last-Event-ID from the recording as it was, timed from there', async () => {
    vi.useFakeTimers()
    const requests: MockRequest[] = []
    const transport = createReplayTransport(recording(), { faults: [dropConnectionAt({ event: 2 })], onRequest: (r) => requests.push(r) })
    const response = await transport.resume!({ streamId: 'rec-1', lastEventId: '1', signal: new AbortController().signal })
    const chunks = readChunks(response)
    await vi.advanceTimersByTimeAsync(0)
    expect(vi.getTimerCount()).toBe(0) // seq 2 and 3 arrived together at the resume's start
    expect(await chunks).toEqual(frames.slice(3))
    expect(requests).toEqual([{ kind: 'resume', method: 'GET', url: '/api/chat', body: undefined, streamId: 'rec-1', lastEventId: '1', status: 200 }])
  })

  it('refuses to resume an unknown stream or a Last-Event-ID that is not a seq', async () => {
    const transport = createReplayTransport(recording(), { speed: 'instant' })
    const signal = new AbortController().signal
    expect((await transport.resume!({ streamId: 'other', lastEventId: '1', signal })).status).toBe(404)
    expect((await transport.resume!({ streamId: 'rec-1', lastEventId: 'abc', signal })).status).toBe(400)
  })

  it('offers no resume (and no stop) for formats that cannot resume', () => {
    const openai = recording()
    openai.header.format = 'openai-chat'
    expect(createReplayTransport(openai).resume).toBeUndefined()
    expect(createReplayTransport(openai).stop).toBeUndefined()
  })

  it("reports a client's Stop of the recording's stream", async () => {
    const requests: MockRequest[] = []
    const transport = createReplayTransport(recording(), { speed: 'instant', onRequest: (r) => requests.push(r) })
    await transport.stop!({ streamId: 'rec-1' })
    expect(requests).toEqual([{ kind: 'stop', method: 'POST', url: '/api/chat', body: undefined, streamId: 'rec-1', status: 204 }])
  })
})

describe('replayRecording (MSW)', () => {
  const server = setupServer()
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => server.resetHandlers())
  afterAll(() => server.close())

  it('serves the recording on POST and resume on GET, and reports each request', async () => {
    const requests: MockRequest[] = []
    const byBytes = rechunk('byte')(recording())
    server.use(...replayRecording(byBytes, { url: 'http://replay.test/chat', speed: 'instant', onRequest: (r) => requests.push(r) }))
    const response = await fetch('http://replay.test/chat', { method: 'POST', body: JSON.stringify({ q: 1 }) })
    expect(await response.text()).toBe(recordingBody(byBytes))
    const resumed = await fetch('http://replay.test/chat/rec-1/resume', { headers: { 'last-event-id': '2' } })
    expect(await resumed.text()).toBe(frames[4])
    expect(requests.map((r) => [r.kind, r.status, r.body])).toEqual([
      ['chat', 200, { q: 1 }],
      ['resume', 200, undefined],
    ])
  })

  it("answers a client's Stop: 204 for the recording's stream, 404 for another", async () => {
    const requests: MockRequest[] = []
    server.use(...replayRecording(recording(), { url: 'http://replay.test/chat', speed: 'instant', onRequest: (r) => requests.push(r) }))
    expect((await fetch('http://replay.test/chat/rec-1/stop', { method: 'POST' })).status).toBe(204)
    expect((await fetch('http://replay.test/chat/other/stop', { method: 'POST' })).status).toBe(404)
    expect(requests.map((r) => [r.kind, r.streamId, r.status])).toEqual([
      ['stop', 'rec-1', 204],
      ['stop', 'other', 404],
    ])
  })
})
