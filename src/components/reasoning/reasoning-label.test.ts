import { describe, expect, it } from 'vitest'
import { reasoningLabel } from './reasoning-label.ts'

describe('reasoningLabel', () => {
  it('says "Thinking…" while the reasoning streams, even with a start time', () => {
    expect(reasoningLabel({ done: false, startedAt: 1_000 })).toBe('Thinking…')
  })

  it.each([
    ['a quick thought as one second', 0, 300, 'Thought for 1 second'],
    ['exactly one second', 0, 1_000, 'Thought for 1 second'],
    ['rounded to the nearest second', 10_000, 14_600, 'Thought for 5 seconds'],
    ['fifty-nine seconds', 0, 59_400, 'Thought for 59 seconds'],
    ['whole minutes', 0, 120_000, 'Thought for 2 minutes'],
    ['minutes and seconds', 0, 61_000, 'Thought for 1 minute 1 second'],
  ])('counts %s', (_name, startedAt, endedAt, label) => {
    expect(reasoningLabel({ done: true, startedAt, endedAt })).toBe(label)
  })

  it.each([
    ['both times missing', {}],
    ['the end missing', { startedAt: 5 }],
    ['the start missing', { endedAt: 5 }],
    ['a clock that went backwards', { startedAt: 5_000, endedAt: 1_000 }],
  ])('says "a few seconds" with %s', (_name, times) => {
    expect(reasoningLabel({ done: true, ...times })).toBe('Thought for a few seconds')
  })
})
