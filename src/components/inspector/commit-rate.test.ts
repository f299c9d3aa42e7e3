import { describe, expect, it } from 'vitest'
import { commitsPerSecond, pruneSamples } from './commit-rate.ts'

describe('commitsPerSecond', () => {
  it('is unknown without two samples some time apart', () => {
    expect(commitsPerSecond([])).toBeUndefined()
    expect(commitsPerSecond([{ at: 5, commits: 3 }])).toBeUndefined()
    expect(commitsPerSecond([{ at: 5, commits: 3 }, { at: 5, commits: 4 }])).toBeUndefined()
  })

  it('divides the commits between the oldest and newest sample by their distance', () => {
    expect(commitsPerSecond([{ at: 0, commits: 0 }, { at: 250, commits: 5 }, { at: 500, commits: 30 }])).toBe(60)
  })

  it('measures only the last window, so a burst long ago no longer counts', () => {
    const samples = [
      { at: 0, commits: 0 },
      { at: 100, commits: 100 },
      { at: 2000, commits: 100 },
      { at: 2500, commits: 110 },
    ]
    expect(commitsPerSecond(samples, 1000)).toBe(20)
  })
})

describe('pruneSamples', () => {
  it('drops samples older than the window and keeps the rest in order', () => {
    const samples = [
      { at: 0, commits: 0 },
      { at: 900, commits: 1 },
      { at: 1500, commits: 2 },
      { at: 2000, commits: 3 },
    ]
    expect(pruneSamples(samples, 1000)).toEqual(samples.slice(2))
  })

  it('gives the same rate as the unpruned list', () => {
    const samples = Array.from({ length: 200 }, (_, i) => ({ at: i * 16, commits: Math.floor(i / 2) }))
    expect(commitsPerSecond(pruneSamples(samples, 1000), 1000)).toBe(commitsPerSecond(samples, 1000))
  })
})
