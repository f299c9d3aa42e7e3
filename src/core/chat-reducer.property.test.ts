import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { ChatEvent, UnsequencedChatEvent } from '../protocol/events.ts'
import { chatReducer } from './chat-reducer.ts'
import { initialChatState, type ChatState, type ToolCallState } from './state.ts'
import { beginTurn } from './turn.ts'
import { textVersionOf } from './text-log.ts'
import { contentEvent } from '../../test/support/content-event-arbitrary.ts'

function sequenced(events: UnsequencedChatEvent[]): ChatEvent[] {
  return [{ type: 'start', streamId: 's' } as UnsequencedChatEvent, ...events].map((e, seq) => ({ ...e, seq }) as ChatEvent)
}

function run(events: ChatEvent[], onStep?: (before: ChatState, after: ChatState) => void): ChatState {
  let state = beginTurn(initialChatState, { assistantId: 'a1' })
  for (const event of events) {
    const next = chatReducer(state, event, event.seq)
    onStep?.(state, next)
    state = next
  }
  return state
}

const rank: Record<ToolCallState, number> = {
  'input-streaming': 0,
  'input-available': 1,
  'approval-requested': 1.25,
  'approval-responded': 1.5,
  'output-available': 2,
  'output-error': 2,
  'output-denied': 2,
}

function toolStates(state: ChatState): Map<string, ToolCallState> {
  const states = new Map<string, ToolCallState>()
  for (const part of state.messages.at(-1)?.parts ?? []) if (part.type === 'tool-call') states.set(part.id, part.state)
  return states
}

describe('chatReducer properties', () => {
  it('ends in the same state when a resume replays events already applied', () => {
    fc.assert(
      fc.property(fc.array(contentEvent, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 10 }), (raw, replays) => {
        const events = sequenced(raw)
        // Replay a tail of the stream from an earlier point, as a server answering Last-Event-ID would.
        const withReplays = [...events]
        for (const r of replays) {
          const at = r % withReplays.length
          const from = events.findIndex((e) => e.seq === (withReplays[at]?.seq ?? 0))
          withReplays.splice(at + 1, 0, ...events.slice(Math.max(0, from - 3), from + 1))
        }
        expect(run(withReplays)).toEqual(run(events))
      }),
    )
  })

  it('never moves a tool call back and keeps at most one open reasoning part, at the end', () => {
    fc.assert(
      fc.property(fc.array(contentEvent, { maxLength: 40 }), (raw) => {
        run(sequenced(raw), (before, after) => {
          const previous = toolStates(before)
          for (const [id, state] of toolStates(after)) {
            const was = previous.get(id)
            if (was !== undefined) expect(rank[state]).toBeGreaterThanOrEqual(rank[was])
            if (rank[state] === 2 && was !== undefined && rank[was] === 2) expect(state).toBe(was)
          }
          const parts = after.messages.at(-1)?.parts ?? []
          const open = parts.flatMap((p, i) => (p.type === 'reasoning' && !p.done ? [i] : []))
          expect(open.length).toBeLessThanOrEqual(1)
          if (open.length === 1) expect(open[0]).toBe(parts.length - 1)
        })
      }),
    )
  })

  it('joins text split anywhere into the same text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 20 }), (pieces) => {
        const state = run(sequenced(pieces.map((content) => ({ type: 'token', content }))))
        expect(state.messages.at(-1)?.parts).toEqual([{ type: 'text', text: pieces.join('') }])
      }),
    )
  })

  it('logs every grown text part so its version reads as its text, replays included', () => {
    fc.assert(
      fc.property(fc.array(contentEvent, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 6 }), (raw, replays) => {
        const events = sequenced(raw)
        const withReplays = [...events]
        for (const r of replays) withReplays.splice(r % withReplays.length, 0, ...events.slice(0, r % events.length))
        run(withReplays, (_, after) => {
          for (const part of after.messages.at(-1)?.parts ?? []) {
            const version = part.type === 'text' ? textVersionOf(part) : undefined
            if (version !== undefined) expect(version.log.read(0, version.end)).toBe((part as { text: string }).text)
          }
        })
      }),
    )
  })

  it('lets go of a text part\'s log when the turn is done', () => {
    const tokens = sequenced(['Hel', 'lo', ' there'].map((content) => ({ type: 'token', content }) as UnsequencedChatEvent))
    const states: ChatState[] = []
    // Read as each event is applied: done lets go of the version of the very part the last token made.
    const ends: (number | undefined)[] = []
    run([...tokens, { type: 'done', seq: tokens.length, finishReason: 'stop' } as ChatEvent], (_, after) => {
      states.push(after)
      const first = after.messages.at(-1)?.parts[0]
      ends.push(first === undefined ? undefined : textVersionOf(first)?.end)
    })
    expect(ends.slice(-2)).toEqual(['Hello there'.length, undefined])
    const part = states.at(-2)!.messages.at(-1)!.parts[0]!
    expect(states.at(-1)!.messages.at(-1)!.parts[0]).toBe(part)
    expect(textVersionOf(part)).toBeUndefined()
  })
})
