import { spreadText } from './stats.ts'
import type { TraceTask } from './trace-tasks.ts'

/**
 * The longest main-thread task of each traced run, by wall time and by thread CPU time, and the
 * worst task seen with what ran inside it: what the "no task over N ms" goals are judged on.
 * Wall time counts the time a task waited for a core, which on a loaded machine is mostly the
 * neighbours'; thread CPU time is what the task itself cost.
 *
 * @example
 * const longest = new LongestTasks()
 * for (…) longest.add(tasks, result.longTasks)
 * rows.push({ …, value: median(longest.cpu), spread: spreadOf(longest.cpu), description: longest.describe() })
 */
export class LongestTasks {
  /** Per run: the longest task's wall time (trace, or the page's longtask observer if longer), ms. */
  readonly wall: number[] = []
  /** Per run: the longest task by thread CPU time, ms. */
  readonly cpu: number[] = []
  worst: TraceTask | undefined

  /** One run's traced tasks, and the `longtask` durations the page saw in the same window. */
  add(tasks: readonly TraceTask[], longTasks: readonly number[] = []): void {
    const top = tasks.reduce<TraceTask | undefined>((a, b) => (a === undefined || b.duration > a.duration ? b : a), undefined)
    if (!top) throw new Error('no main-thread task was traced in the window')
    this.wall.push(Math.max(top.duration, ...longTasks))
    this.cpu.push(Math.max(...tasks.map((task) => task.cpu ?? task.duration)))
    if (!this.worst || top.duration > this.worst.duration) this.worst = top
  }

  /** The figures as a description clause. */
  describe(): string {
    return (
      `longest main-thread task per run ${spreadText(this.wall)} ms wall, by thread CPU time ${spreadText(this.cpu)} ms; ` +
      `worst task ${this.worst?.duration.toFixed(1) ?? '–'} ms wall [${this.worst?.inside.join('; ') ?? ''}]`
    )
  }
}
