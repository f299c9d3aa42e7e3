import { describe, expect, it } from 'vitest'
import { createReplayBuffer } from './replay-buffer.ts'
import { createScript } from './script.ts'
import { glitchSeq, injectError } from './stream-faults.ts'

const events = createScript().text('one two three four', { chunk: 'word' }).done()

describe('injectError', () => {
  it('keeps n events and puts an error with the next seq in place of the rest', () => {
    const faulty = injectError(events, 3)
    expect(faulty.slice(0, 3)).toEqual(events.slice(0, 3))
    expect(faulty.slice(3)).toEqual([{ type: 'error', seq: 3, code: 'upstream_error', message: 'Injected error: the upstream model failed mid-stream' }])
  })

  it('leaves a script that ends before the fault alone', () => {
    expect(injectError(events, events.length)).toEqual(events)
  })
})

describe('glitchSeq', () => {
  it('repeats one seq or drops one', () => {
    expect(glitchSeq(events, { duplicateSeq: 1 }).map((e) => e.seq)).toEqual([0, 1, 1, 2, 3, 4, 5])
    expect(glitchSeq(events, { skipSeq: 1 }).map((e) => e.seq)).toEqual([0, 2, 3, 4, 5])
  })
})

describe('createReplayBuffer', () => {
  it('replays the events after a seq, and nothing for an unknown stream', () => {
    const buffer = createReplayBuffer()
    buffer.set('s', events)
    expect(buffer.after('s', 3)).toEqual(events.slice(4))
    expect(buffer.after('s', 99)).toEqual([])
    expect(buffer.after('other', 0)).toBeUndefined()
  })

  it('forgets the oldest events and the least recently written streams', () => {
    const buffer = createReplayBuffer({ maxEvents: 2, maxStreams: 2 })
    buffer.set('a', events)
    expect(buffer.after('a', -1)).toEqual(events.slice(-2))
    buffer.set('b', events)
    buffer.set('a', events)
    buffer.set('c', events)
    expect(buffer.has('b')).toBe(false)
    expect(buffer.has('a')).toBe(true)
    expect(buffer.has('c')).toBe(true)
  })
})
