import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createLinePacer } from './line-pacer.ts'

// Frames run when the test says so.
let frames: Array<() => void> = []
const runFrame = () => {
  const due = frames
  frames = []
  for (const callback of due) callback()
}

beforeEach(() => {
  frames = []
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback))
})
afterEach(() => vi.unstubAllGlobals())

describe('createLinePacer', () => {
  it('shows a few lines at once, right away', () => {
    const commits: number[] = []
    const pacer = createLinePacer((count) => commits.push(count), 4)
    pacer.offer(1)
    pacer.offer(3)
    expect(commits).toEqual([1, 3])
    expect(pacer.shown).toBe(3)
  })

  it('shows a backlog one frame’s allowance at a time, every line once, in order', () => {
    const commits: number[] = []
    const pacer = createLinePacer((count) => commits.push(count), 4)
    pacer.offer(2)
    pacer.offer(11)
    // 2, then what is left of the frame's 4.
    expect(commits).toEqual([2, 4])
    runFrame()
    expect(commits).toEqual([2, 4, 8])
    // Lines arriving meanwhile wait for the frame too.
    pacer.offer(13)
    expect(commits).toEqual([2, 4, 8])
    runFrame()
    runFrame()
    expect(commits).toEqual([2, 4, 8, 12, 13])
    runFrame()
    expect(commits).toEqual([2, 4, 8, 12, 13])
    // A fresh frame's allowance is there again for lines that come later.
    pacer.offer(14)
    expect(commits.at(-1)).toBe(14)
  })

  it('never goes back, and stops when disposed', () => {
    const commits: number[] = []
    const pacer = createLinePacer((count) => commits.push(count), 4)
    pacer.offer(3)
    pacer.offer(2)
    expect(commits).toEqual([3])
    pacer.offer(20)
    pacer.dispose()
    runFrame()
    expect(commits).toEqual([3, 4])
  })
})
