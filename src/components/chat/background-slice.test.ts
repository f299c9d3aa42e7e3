import { afterEach, describe, expect, it, vi } from 'vitest'
import { MAX_SLICE_MS, scheduleSlice } from './background-slice.ts'

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

describe('scheduleSlice', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('runs the work in a later task with at most MAX_SLICE_MS to spend', async () => {
    const work = vi.fn((budget: { timeRemaining(): number }) => budget.timeRemaining())
    scheduleSlice(work)
    expect(work).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(work).toHaveBeenCalledTimes(1))
    expect(work.mock.results[0]!.value).toBeLessThanOrEqual(MAX_SLICE_MS)
  })

  it('with afterNextFrame, waits for the next animation frame before queueing the task', async () => {
    const frames: FrameRequestCallback[] = []
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback))
    const work = vi.fn()
    scheduleSlice(work, { afterNextFrame: true })
    await nextTask()
    await nextTask()
    // No frame yet: the first screen is not painted, so the work waits.
    expect(work).not.toHaveBeenCalled()
    expect(frames).toHaveLength(1)
    frames[0]!(performance.now())
    await vi.waitFor(() => expect(work).toHaveBeenCalledTimes(1))
  })

  it('cancelled before its frame or its task, never runs', async () => {
    const frames: FrameRequestCallback[] = []
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback))
    vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.splice(id - 1, 1))
    const work = vi.fn()
    scheduleSlice(work, { afterNextFrame: true })()
    expect(frames).toHaveLength(0)
    const other = vi.fn()
    scheduleSlice(other)()
    await nextTask()
    await nextTask()
    expect(work).not.toHaveBeenCalled()
    expect(other).not.toHaveBeenCalled()
  })
})
