import type { FrameScheduler } from '../../src/core/frame-scheduler.ts'

/**
 * Resolves in a task queued from the next animation frame's callbacks: that task runs after
 * the frame's style, layout and paint, so the time to it is what the frame cost to pixels.
 *
 * @example
 * const start = performance.now(); update(); await afterFrame(); const toPixels = performance.now() - start
 */
export function afterFrame(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => resolve()
      channel.port2.postMessage(null)
    })
  })
}

/** A frame scheduler the bench flushes itself, so each token's frame can be timed alone. */
export interface ManualScheduler extends FrameScheduler {
  /** Resolves once a task is waiting for the next flush. */
  scheduled(): Promise<void>
}

/**
 * The chat store's scheduler for the per-token runs: tasks wait until `flush()`.
 *
 * @example
 * const scheduler = createManualScheduler()
 * createChatClient({ scheduler, … })
 */
export function createManualScheduler(): ManualScheduler {
  let tasks = new Set<() => void>()
  let waiting: (() => void) | undefined
  return {
    schedule(task) {
      tasks.add(task)
      waiting?.()
      waiting = undefined
    },
    flush() {
      const run = tasks
      tasks = new Set()
      for (const task of run) task()
    },
    cancel(task) {
      if (task) tasks.delete(task)
      else tasks.clear()
    },
    scheduled() {
      if (tasks.size > 0) return Promise.resolve()
      return new Promise((resolve) => {
        waiting = resolve
      })
    },
  }
}

/** Long tasks are watched the one way the tests watch them too. */
export { watchLongTasks } from '../../test/support/long-tasks.ts'
