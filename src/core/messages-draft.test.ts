import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { ChatEvent, UnsequencedChatEvent } from '../protocol/events.ts'
import { createChatStore } from './chat-store.ts'
import type { FrameScheduler } from './frame-scheduler.ts'
import type { ChatMessage, ChatState } from './state.ts'
import { beginTurn } from './turn.ts'
import { contentEvent } from '../../test/support/content-event-arbitrary.ts'

/** A scheduler whose frames the test ends by hand. */
function manualScheduler(): FrameScheduler & { frame(): void } {
  let tasks = new Set<() => void>()
  return {
    schedule: (task) => void tasks.add(task),
    cancel: (task) => void (task ? tasks.delete(task) : tasks.clear()),
    flush() {
      this.frame()
    },
    frame() {
      const due = tasks
      tasks = new Set()
      for (const task of due) task()
    },
  }
}

const thread: ChatMessage[] = [
  { id: 'u0', role: 'user', parts: [{ type: 'text', text: 'Hi' }] },
  { id: 'a0', role: 'assistant', parts: [{ type: 'text', text: 'Hello' }] },
]

// The reducer's content events, and step markers (a reset of the turn's last step writes in place too).
const event: fc.Arbitrary<UnsequencedChatEvent> = fc.oneof(contentEvent, fc.record({ type: fc.constant('step_start' as const) }))

/** What a test does to the store between events: read it in each way, end a frame, or act. */
type Read = 'event' | 'frame' | 'getState' | 'getSnapshot' | 'getStream' | 'update'
const step = fc.oneof(
  { weight: 6, arbitrary: event.map((e) => ({ kind: 'event' as Read, event: e })) },
  { weight: 1, arbitrary: fc.constantFrom<Read>('frame', 'getState', 'getSnapshot', 'getStream', 'update').map((kind) => ({ kind, event: undefined })) },
)

/** Runs `steps` on a fresh store; `readEveryEvent` reads the whole state after each event (every event then copies). */
function play(steps: { kind: Read; event: UnsequencedChatEvent | undefined }[], readEveryEvent: boolean) {
  const scheduler = manualScheduler()
  const store = createChatStore({ scheduler, now: () => 0, initialState: { messages: thread, status: 'idle', error: undefined, stream: undefined } })
  store.update((s) => beginTurn(s, { userMessage: { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'More' }] }, assistantId: 'a1' }))
  store.dispatch({ type: 'start', seq: 0, streamId: 's' })
  const handedOut: { state: ChatState; json: string }[] = []
  const keep = (state: ChatState) => handedOut.push({ state, json: JSON.stringify(state) })
  let seq = 1
  for (const { kind, event } of steps) {
    if (kind === 'event') {
      store.dispatch({ ...event, seq: seq++ } as ChatEvent)
      if (readEveryEvent) store.getState()
    } else if (kind === 'frame') scheduler.frame()
    else if (kind === 'getState') keep(store.getState())
    else if (kind === 'getSnapshot') keep(store.getSnapshot())
    else if (kind === 'getStream') expect(store.getStream()?.lastSeq).toBe(seq - 1)
    else store.update((s) => ({ ...s }))
  }
  scheduler.frame()
  return { final: JSON.stringify(store.getSnapshot()), handedOut }
}

describe('messages written in place between hand-outs', () => {
  it('never change a state anyone was handed, and end where copying on every event ends', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const drafted = play(steps, false)
        for (const { state, json } of drafted.handedOut) expect(JSON.stringify(state)).toBe(json)
        expect(drafted.final).toBe(play(steps, true).final)
      }),
      { numRuns: 300 },
    )
  })

  it('leave the thread before the streaming message as it was', () => {
    const { final } = play([{ kind: 'event', event: { type: 'token', content: 'Hey' } }], false)
    const messages = (JSON.parse(final) as ChatState).messages
    expect(messages.slice(0, 2)).toEqual(thread)
    expect(messages.map((m) => m.id)).toEqual(['u0', 'a0', 'u1', 'a1'])
  })
})
