import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFrameScheduler, syncScheduler } from './frame-scheduler.ts'

/** An animation-frame source the test advances by hand. */
function manualFrames() {
  const callbacks = new Map<number, () => void>()
  let next = 0
  return {
    requestFrame: (callback: () => void) => {
      callbacks.set(++next, callback)
      return next
    },
    cancelFrame: (handle: number) => {
      callbacks.delete(handle)
    },
    get pending() {
      return callbacks.size
    },
    /** Fires one frame, e.g. one that should have been cancelled. */
    fire(handle: number) {
      const callback = callbacks.get(handle)
      callbacks.delete(handle)
      callback?.()
    },
    tick() {
      const due = [...callbacks.values()]
      callbacks.clear()
      for (const callback of due) callback()
    },
  }
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('createFrameScheduler', () => {
  it('runs a task scheduled 1,000 times once, at the next frame', () => {
    const frames = manualFrames()
    const scheduler = createFrameScheduler({ ...frames, isHidden: () => false })
    const task = vi.fn()
    for (let i = 0; i < 1000; i++) scheduler.schedule(task)
    expect(task).not.toHaveBeenCalled()
    expect(frames.pending).toBe(1)
    frames.tick()
    expect(task).toHaveBeenCalledTimes(1)
    frames.tick()
    expect(task).toHaveBeenCalledTimes(1)
  })

  it('runs once per frame across many frames', () => {
    const frames = manualFrames()
    const scheduler = createFrameScheduler({ ...frames, isHidden: () => false })
    const task = vi.fn()
    for (let frame = 0; frame < 5; frame++) {
      for (let i = 0; i < 100; i++) scheduler.schedule(task)
      frames.tick()
    }
    expect(task).toHaveBeenCalledTimes(5)
  })

  it('shares one frame between distinct tasks', () => {
    const frames = manualFrames()
    const scheduler = createFrameScheduler({ ...frames, isHidden: () => false })
    const a = vi.fn()
    const b = vi.fn()
    scheduler.schedule(a)
    scheduler.schedule(b)
    expect(frames.pending).toBe(1)
    frames.tick()
    expect(a).toHaveBeenCalledTimes(1)
    expect(b).toHaveBeenCalledTimes(1)
  })

  it('runs pending tasks on flush and drops the frame', () => {
    const frames = manualFrames()
    const scheduler = createFrameScheduler({ ...frames, isHidden: () => false })
    const task = vi.fn()
    scheduler.schedule(task)
    scheduler.flush()
    expect(task).toHaveBeenCalledTimes(1)
    expect(frames.pending).toBe(0)
    vi.advanceTimersByTime(1000)
    expect(task).toHaveBeenCalledTimes(1)
  })

  it('does nothing on flush with nothing pending', () => {
    const frames = manualFrames()
    const scheduler = createFrameScheduler({ ...frames, isHidden: () => false })
    expect(() => scheduler.flush()).not.toThrow()
    // Nothing was asked of the frame source or the timers, and scheduling still works after.
    expect(frames.pending).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
    const task = vi.fn()
    scheduler.schedule(task)
    frames.tick()
    expect(task).toHaveBeenCalledOnce()
  })

  it('cancels one task or all of them', () => {
    const frames = manualFrames()
    const scheduler = createFrameScheduler({ ...frames, isHidden: () => false })
    const a = vi.fn()
    const b = vi.fn()
    scheduler.schedule(a)
    scheduler.schedule(b)
    scheduler.cancel(a)
    frames.tick()
    expect(a).not.toHaveBeenCalled()
    expect(b).toHaveBeenCalledTimes(1)

    scheduler.schedule(a)
    scheduler.cancel()
    expect(frames.pending).toBe(0)
    frames.tick()
    vi.advanceTimersByTime(1000)
    expect(a).not.toHaveBeenCalled()
  })

  it('uses a timer while the tab is hidden, because hidden tabs get no frames', () => {
    const frames = manualFrames()
    let hidden = true
    const scheduler = createFrameScheduler({ ...frames, isHidden: () => hidden })
    const task = vi.fn()
    scheduler.schedule(task)
    expect(frames.pending).toBe(0)
    vi.advanceTimersByTime(15)
    expect(task).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(task).toHaveBeenCalledTimes(1)

    hidden = false
    scheduler.schedule(task)
    expect(frames.pending).toBe(1)
  })

  it('runs the tasks by timer when a promised frame never comes (tab hidden after scheduling)', () => {
    const frames = manualFrames()
    const scheduler = createFrameScheduler({ ...frames, isHidden: () => false, maxFrameDelay: 100 })
    const task = vi.fn()
    scheduler.schedule(task)
    vi.advanceTimersByTime(99)
    expect(task).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(task).toHaveBeenCalledTimes(1)
    // The late frame, if it ever fires, does not run anything twice.
    frames.tick()
    expect(task).toHaveBeenCalledTimes(1)
  })

  it('does not run twice when the frame comes before the watchdog timer', () => {
    const frames = manualFrames()
    const scheduler = createFrameScheduler({ ...frames, isHidden: () => false })
    const task = vi.fn()
    scheduler.schedule(task)
    frames.tick()
    vi.advanceTimersByTime(1000)
    expect(task).toHaveBeenCalledTimes(1)
  })

  it('ignores a stale frame it could not cancel', () => {
    const frames = manualFrames()
    const scheduler = createFrameScheduler({ requestFrame: frames.requestFrame, isHidden: () => false })
    const task = vi.fn()
    scheduler.schedule(task) // frame 1
    scheduler.flush()
    scheduler.schedule(task) // frame 2
    expect(frames.pending).toBe(2)
    frames.fire(1)
    expect(task).toHaveBeenCalledTimes(1)
    frames.fire(2)
    expect(task).toHaveBeenCalledTimes(2)
  })

  it('falls back to a timer where there are no animation frames', () => {
    vi.stubGlobal('requestAnimationFrame', undefined)
    try {
      const scheduler = createFrameScheduler({ isHidden: () => false })
      const task = vi.fn()
      scheduler.schedule(task)
      scheduler.schedule(task)
      vi.advanceTimersByTime(16)
      expect(task).toHaveBeenCalledTimes(1)
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('defers a task scheduled while tasks run to the next frame', () => {
    const frames = manualFrames()
    const scheduler = createFrameScheduler({ ...frames, isHidden: () => false })
    const inner = vi.fn()
    scheduler.schedule(() => scheduler.schedule(inner))
    frames.tick()
    expect(inner).not.toHaveBeenCalled()
    frames.tick()
    expect(inner).toHaveBeenCalledTimes(1)
  })

  it('runs every task even when one throws, then reports the failure', () => {
    const frames = manualFrames()
    const scheduler = createFrameScheduler({ ...frames, isHidden: () => false })
    const after = vi.fn()
    scheduler.schedule(() => {
      throw new Error('boom')
    })
    scheduler.schedule(after)
    expect(() => scheduler.flush()).toThrow('boom')
    expect(after).toHaveBeenCalledTimes(1)
  })
})

describe('syncScheduler', () => {
  it('runs each task immediately', () => {
    const task = vi.fn()
    syncScheduler.schedule(task)
    syncScheduler.schedule(task)
    expect(task).toHaveBeenCalledTimes(2)
  })
})
