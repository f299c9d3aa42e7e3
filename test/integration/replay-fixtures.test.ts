// @vitest-environment node
/**
 * Every recorded fixture replays through the whole stack: byte for byte through real `fetch`
 * and MSW, to the same final chat state as decoding the fixture directly, and under every
 * fault without an uncaught error.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createChatClient, type ChatClientOptions } from '../../src/core/chat-client.ts'
import { syncScheduler } from '../../src/core/frame-scheduler.ts'
import type { ChatState } from '../../src/core/state.ts'
import { createMemoryTransport } from '../../src/core/transports/memory-transport.ts'
import { decodeText } from '../../src/protocol/decoders/decode-stream.ts'
import { encodeEvents } from '../../src/protocol/encoders/create-encoder.ts'
import { recordingBody } from '../../src/protocol/recording/recording.ts'
import { recordingFromSse } from '../../src/protocol/recording/recording-from-sse.ts'
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
} from '../../src/mocks/faults.ts'
import { createReplayTransport, replayRecording } from '../../src/mocks/replay.ts'
import { scenarios } from '../../src/mocks/scenarios.ts'

const dir = join(import.meta.dirname, '../../fixtures/')
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.sse'))
  .map((file) => {
    const text = readFileSync(join(dir, file), 'utf8')
    return { name: file.slice(0, -4), text, recording: recordingFromSse(text, { source: file }) }
  })
// A Rivulet stream too, the one format that resumes.
const rivulet = encodeEvents('rivulet', scenarios.markdown)
const streams = [...fixtures, { name: 'rivulet-markdown-scenario', text: rivulet, recording: recordingFromSse(rivulet) }]

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

function counter() {
  let n = 0
  return () => `id-${++n}`
}

/** Ids a decoder makes up and client clock readings differ per run; everything else must match. */
function comparable(state: ChatState): unknown {
  return JSON.parse(
    JSON.stringify(state, (key, value: unknown) => {
      if (key === 'startedAt' || key === 'endedAt') return typeof value
      if (key === 'streamId') return typeof value
      return value
    }),
  )
}

async function finalState(options: ChatClientOptions): Promise<ChatState> {
  const chat = createChatClient({ scheduler: syncScheduler, generateId: counter(), backoff: { baseMs: 1, maxMs: 2 }, ...options })
  await chat.send('Replay it')
  await vi.waitFor(() => expect(['ready', 'error']).toContain(chat.getSnapshot().status), { timeout: 10_000, interval: 5 })
  const state = chat.getSnapshot()
  chat.destroy()
  return state
}

describe('replaying every fixture', () => {
  it.each(streams)('$name: through fetch and MSW, byte for byte', async ({ recording }) => {
    const url = 'http://replay.test/api/chat'
    server.use(...replayRecording(recording, { url, speed: 'instant' }))
    const response = await fetch(url, { method: 'POST', body: '{}' })
    expect(response.status).toBe(200)
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new TextEncoder().encode(recordingBody(recording)))
  })

  it.each(streams)('$name: the chat over the replay ends as over the fixture text', async ({ recording, text }) => {
    const api = 'http://replay.test/api/chat'
    server.use(...replayRecording(recording, { url: api, speed: 'instant' }))
    const replayed = await finalState({ api })
    const direct = await finalState({ transport: createMemoryTransport({ respond: () => text }) })
    expect(replayed.messages.at(-1)!.parts.length).toBeGreaterThan(0)
    expect(comparable(replayed)).toEqual(comparable(direct))
  })
})

const faults: Fault[] = [
  rechunk('byte'),
  rechunk('random', 5),
  rechunk('whole'),
  dropConnectionAt({ event: 3 }),
  dropConnectionAt({ byte: 700 }),
  stallAt({ event: 2, ms: 5_000 }),
  duplicateSeq(2),
  skipSeq(2),
  corruptFrame(2),
  injectErrorEvent({ afterEvent: 3, code: 'rate_limited', message: 'Slow down', retryAfter: 5 }),
  stripFinalEvent(),
  keepAlivesOnly({ intervalMs: 15_000, count: 3 }),
  httpError({ status: 429, retryAfter: 30 }),
  httpError({ status: 500 }),
]

describe('every fixture under every fault', () => {
  for (const { name, recording } of streams) {
    it.each(faults.map((fault) => ({ label: fault.label, fault })))(`${name}: $label`, async ({ fault }) => {
      const state = await finalState({ transport: createReplayTransport(recording, { speed: 'instant', faults: [fault] }), maxRetries: 0 })
      expect(['ready', 'error']).toContain(state.status)
      expect(state.messages).toHaveLength(2)
    })
  }
})

describe('what the client makes of a fault', () => {
  const recording = streams.at(-1)!.recording
  const expectedText = scenarios.markdown.flatMap((e) => (e.type === 'token' ? [e.content] : [])).join('')
  const text = (state: ChatState) => state.messages.at(-1)!.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('')
  const run = (fault: Fault) => finalState({ transport: createReplayTransport(recording, { speed: 'instant', faults: [fault] }), maxRetries: 0 })

  it('resumes a dropped Rivulet replay from the recording and finishes the answer', async () => {
    const state = await run(dropConnectionAt({ event: 7 }))
    expect(state.status).toBe('ready')
    expect(text(state)).toBe(expectedText)
  })

  it('shows an injected rate limit with its Retry-After, keeping the text before it', async () => {
    const state = await run(injectErrorEvent({ afterEvent: 4, code: 'rate_limited', message: 'Slow down', retryAfter: 5 }))
    expect(state.error).toMatchObject({ code: 'rate_limited', retryAfter: 5 })
    expect(expectedText.startsWith(text(state))).toBe(true)
  })

  it('reports a corrupt frame as a protocol error', async () => {
    expect((await run(corruptFrame(3))).error?.code).toBe('protocol')
  })

  it('reports an HTTP 429 before the stream as rate limiting', async () => {
    expect((await run(httpError({ status: 429, retryAfter: 30 }))).error).toMatchObject({ code: 'rate_limited', status: 429, retryAfter: 30 })
  })

  it('never shows a foreign stream without its end as finished', async () => {
    // Stripped back past `finish_reason` (then the usage chunk and `[DONE]`): nothing says the answer ended.
    const faults = [stripFinalEvent(), stripFinalEvent(), stripFinalEvent()]
    const state = await finalState({ transport: createReplayTransport(fixtures.find((f) => f.name === 'openai-chat-text')!.recording, { speed: 'instant', faults }) })
    expect(state.status).toBe('error')
    expect(state.error?.code).toBe('network')
  })

  it('finishes an OpenAI-compatible stream that has finish_reason but no [DONE], as decodeText does', async () => {
    const recording = fixtures.find((f) => f.name === 'openai-chat-text')!.recording
    const state = await finalState({ transport: createReplayTransport(recording, { speed: 'instant', faults: [stripFinalEvent()] }) })
    expect(state.status).toBe('ready')
    expect(state.messages.at(-1)!.finishReason).toBe('stop')
    expect(decodeText(recordingBody(applyFaults(recording, [stripFinalEvent()])), 'openai-chat').at(-1)).toMatchObject({ type: 'done' })
  })
})
