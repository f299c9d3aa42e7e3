import { describe, expect, it, vi } from 'vitest'
import type { ChatEvent } from '../../protocol/events.ts'
import type { Recording } from '../../protocol/recording/recording.ts'
import { createChatStore } from '../chat-store.ts'
import { createMemoryTransport } from '../transports/memory-transport.ts'
import { beginTurn } from '../turn.ts'
import type { BodyReader } from './body-reader-chunk.ts'
import { createRecordingProbe, type Recorder } from './recording-probe.ts'
import { createTestTurnRunner } from '../../../test/support/turn-runner.ts'
import { heldChunk } from '../../../test/support/held-chunk.ts'

/*
 * The body reader (SSE parser, decoders) and the recorder are chunks loaded on first use. A
 * response that arrives before its chunk waits, unread, and loses nothing; a failed load fails
 * the turn clearly (the recorder: leaves the response unrecorded) and the next use retries.
 */

const user = { id: 'u1', role: 'user' as const, parts: [{ type: 'text' as const, text: 'Hi' }] }
const events: ChatEvent[] = [
  { type: 'start', seq: 0, streamId: 's' },
  { type: 'token', seq: 1, content: 'Hello ' },
  { type: 'token', seq: 2, content: 'there' },
  { type: 'done', seq: 3 },
]
const textOf = (state: ReturnType<ReturnType<typeof createChatStore>['getState']>) =>
  state.messages.at(-1)!.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('')

function setup(options: { reader?: ReturnType<typeof heldChunk<BodyReader>>; recorder?: ReturnType<typeof heldChunk<Recorder>>; recordings?: Recording[] } = {}) {
  const transport = createMemoryTransport({ respond: () => events })
  const probes = options.recorder ? [createRecordingProbe((recording) => options.recordings?.push(recording), options.recorder.chunk)] : []
  const { store, runner } = createTestTurnRunner(transport, { bodyReader: options.reader?.chunk }, probes)
  const turn = () => {
    store.update((state) => beginTurn(state, { userMessage: user, assistantId: `a${state.messages.length}` }))
    return runner.run({ kind: 'send', messages: [user] })
  }
  return { store, turn }
}

describe('the body reader loads on first use', () => {
  it('a response that arrives before the reader waits unread, then streams whole', async () => {
    const reader = heldChunk(() => import('../../protocol/decoders/body-decoder-core.ts'))
    const { store, turn } = setup({ reader })
    // The runner started the load when it was made; the response finds it still loading.
    const done = turn()
    const first = await reader.started(1)
    expect(store.getState().status).toBe('submitted')
    first.release()
    await done
    expect(store.getState().status).toBe('ready')
    expect(textOf(store.getState())).toBe('Hello there')
  })

  it('a failed load fails the turn with a clear error; the next turn loads again and streams', async () => {
    const reader = heldChunk(() => import('../../protocol/decoders/body-decoder-core.ts'))
    const { store, turn } = setup({ reader })
    const first = turn()
    ;(await reader.started(1)).fail(new Error('Failed to fetch dynamically imported module'))
    await first
    expect(store.getState().status).toBe('error')
    expect(store.getState().error).toMatchObject({ code: 'network', message: 'Could not load the stream reader (Failed to fetch dynamically imported module)', resumable: false })

    const second = turn()
    ;(await reader.started(2)).release()
    await second
    expect(store.getState().status).toBe('ready')
    expect(textOf(store.getState())).toBe('Hello there')
  })
})

describe('the recorder loads on first use', () => {
  it('a response that arrives before the recorder waits for it and is recorded whole', async () => {
    const recorder = heldChunk(() => import('../../protocol/recording/record-response.ts'))
    const recordings: Recording[] = []
    const { store, turn } = setup({ recorder, recordings })
    const done = turn()
    ;(await recorder.started(1)).release()
    await done
    expect(textOf(store.getState())).toBe('Hello there')
    await expect.poll(() => recordings.length).toBe(1)
    expect(recordings[0]!.header).toMatchObject({ format: 'rivulet', status: 200 })
    expect(recordings[0]!.chunks.map((c) => c.chunk).join('')).toContain('"content":"there"')
  })

  it('a recorder that cannot load leaves the response unrecorded, the chat unharmed, and the next response tries again', async () => {
    const recorder = heldChunk(() => import('../../protocol/recording/record-response.ts'))
    const recordings: Recording[] = []
    const { store, turn } = setup({ recorder, recordings })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const first = turn()
    ;(await recorder.started(1)).fail(new Error('offline'))
    await first
    expect(warn).toHaveBeenCalledWith('rivulet-ui: could not load the recorder; this response is not recorded.', new Error('offline'))
    warn.mockRestore()
    expect(store.getState().status).toBe('ready')
    expect(textOf(store.getState())).toBe('Hello there')
    expect(recordings).toEqual([])

    const second = turn()
    ;(await recorder.started(2)).release()
    await second
    await expect.poll(() => recordings.length).toBe(1)
  })
})
