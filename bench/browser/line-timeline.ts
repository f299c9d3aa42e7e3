/**
 * Where a streamed fence's lines wait on their way to colours: for each line, when its
 * newline reached the page, when the worker client posted it, when the worker's reply with its
 * tokens arrived, and when React committed its coloured spans. The worker is watched from
 * outside (a `Worker` subclass installed before the first fence), so the library carries no
 * bench code; with no worker (the main-thread fallback) only the newline and commit times fill.
 */
import type { LineStages } from './streaming-highlight-types.ts'

/** A recorder of {@link LineStages} for the one fence a bench page streams. */
export interface LineTimeline {
  /** Lines `0 … finished - 1` have their newline in, as of now. */
  finished(count: number): void
  /** The stages of every line seen so far (times in `performance.now()` ms, NaN when a stage did not happen). */
  stages(): LineStages
  /** When the worker was created, and its first message of each kind posted (`performance.now()` ms). */
  milestones(): Record<string, number>
  stop(): void
}

interface Recorder {
  /** When the worker was created, and when each kind of message (themes, grammar, open) was first posted. */
  milestones: Record<string, number>
  fence: number | undefined
  posted: number[]
  replied: number[]
}

let recorder: Recorder | undefined

/**
 * Replaces `window.Worker` by a subclass that notes when lines of the first fence opened go
 * out and come back. Call once, before anything creates the highlight worker.
 */
export function watchWorkerLines(): void {
  if (recorder) return
  const watched: Recorder = { milestones: {}, fence: undefined, posted: [], replied: [] }
  recorder = watched
  const Base = window.Worker
  class WatchedWorker extends Base {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options)
      watched.milestones.created ??= performance.now()
      // Added before the client's `onmessage`, so it runs first: the time the reply arrived.
      this.addEventListener('message', (event: MessageEvent<{ type: string; fence?: number; start?: number; lines?: unknown[] }>) => {
        const now = performance.now()
        const data = event.data
        if (data.type !== 'lines' || data.fence !== watched.fence) return
        watched.milestones.reply ??= now
        for (let i = 0; i < data.lines!.length; i++) watched.replied[data.start! + i] ??= now
      })
    }

    override postMessage(message: unknown, options?: StructuredSerializeOptions | Transferable[]): void {
      const data = message as { type: string; fence?: number; lines?: unknown[] }
      watched.milestones[data.type] ??= performance.now()
      if (data.type === 'open') watched.fence ??= data.fence
      if (data.type === 'lines' && data.fence === watched.fence) {
        const now = performance.now()
        for (let i = 0; i < data.lines!.length; i++) watched.posted.push(now)
      }
      super.postMessage(message, options as StructuredSerializeOptions)
    }
  }
  window.Worker = WatchedWorker
}

/**
 * Starts recording the lines of the fence inside `container`: newline times as the bench
 * reports them, commit times from a `MutationObserver` (its callback runs in the task that
 * committed, right after React's DOM writes).
 *
 * @example
 * const timeline = startLineTimeline(container); timeline.finished(3); … timeline.stages()
 */
export function startLineTimeline(container: HTMLElement): LineTimeline {
  // The next fence opened is the one watched.
  if (recorder) {
    recorder.fence = undefined
    recorder.posted = []
    recorder.replied = []
  }
  const newline: number[] = []
  const committed: number[] = []
  const observer = new MutationObserver(() => {
    const now = performance.now()
    const codeLines = container.querySelectorAll('[data-rivulet="code-line"]')
    for (let i = committed.length; i < codeLines.length && codeLines[i]!.firstElementChild; i++) committed.push(now)
  })
  observer.observe(container, { childList: true, subtree: true })
  return {
    finished(count) {
      const now = performance.now()
      while (newline.length < count) newline.push(now)
    },
    stages() {
      const watched = recorder
      const at = (list: readonly number[] | undefined, i: number) => list?.[i] ?? Number.NaN
      return newline.map((time, i) => ({
        newline: time,
        posted: at(watched?.posted, i),
        replied: at(watched?.replied, i),
        committed: at(committed, i),
      }))
    },
    milestones() {
      return { ...recorder?.milestones }
    },
    stop() {
      observer.disconnect()
    },
  }
}
