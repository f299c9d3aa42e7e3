import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import type { ChatEvent } from '../../src/protocol/events.ts'
import { eventScript, inputsTried, reduceChecked, runs } from './fuzz-kit.ts'

/*
 * The reducer fed sequences no correct decoder would produce: seq out of order, repeated,
 * events after the end, several starts and terminals, tool calls out of step, odd JSON.
 */

afterAll(() => {
  const total = [...inputsTried.values()].reduce((a, b) => a + b, 0)
  console.info(`reducer fuzzing: ${total} generated inputs`, Object.fromEntries(inputsTried))
})

/** A script reshuffled: some events moved, repeated, renumbered, and pieces of another script appended. */
const hostileSequence = fc
  .tuple(eventScript, eventScript, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: -2, max: 40 })), { maxLength: 8 }))
  .map(([a, b, edits]) => {
    const events: ChatEvent[] = [...a, ...b]
    for (const [from, to, seq] of edits) {
      const event = events[from % events.length]!
      events.splice(to % (events.length + 1), 0, { ...event, seq })
    }
    return events
  })

describe('chatReducer under fuzzing', () => {
  it('never throws, keeps status in the allowed set, never moves a tool back and freezes after the end', () => {
    fc.assert(
      fc.property(hostileSequence, (events) => {
        expect(reduceChecked(events).problem).toBeUndefined()
      }),
      runs('reducer: hostile sequences', 2000, 101),
    )
  })

  it('applies a clean script exactly once: replaying any prefix of it again changes nothing', () => {
    fc.assert(
      fc.property(eventScript, fc.nat(), (events, cut) => {
        const at = cut % (events.length + 1)
        const once = reduceChecked(events)
        const replayed = reduceChecked([...events.slice(0, at), ...events.slice(0, at), ...events.slice(at)])
        expect(once.problem).toBeUndefined()
        expect(replayed.state).toEqual(once.state)
      }),
      runs('reducer: replays', 1000, 102),
    )
  })
})
