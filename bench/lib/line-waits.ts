import type { LineStages } from '../browser/streaming-highlight-types.ts'
import { median } from './stats.ts'

/** Median milliseconds the given lines spent in each stage on their way to colours. */
export interface StageWaits {
  /** Newline applied → posted to the worker. */
  toPost: number
  /** Posted → the worker's reply arrived (queue in the worker, tokenizing, the message back). */
  inWorker: number
  /** Reply arrived → React committed the coloured spans. */
  toCommit: number
  /** Newline → commit, the whole way. */
  total: number
}

/**
 * Where the lines at `indices` waited: the median of each stage over them (NaN for a stage no
 * line passed, as without a worker).
 *
 * @example
 * stageWaits(result.stages, slowest).inWorker // ms the slowest lines spent in the worker
 */
export function stageWaits(stages: LineStages, indices: readonly number[]): StageWaits {
  const pick = (f: (s: LineStages[number]) => number) => {
    const values = indices.map((i) => f(stages[i]!)).filter((v) => Number.isFinite(v))
    return values.length === 0 ? Number.NaN : median(values)
  }
  return {
    toPost: pick((s) => s.posted - s.newline),
    inWorker: pick((s) => s.replied - s.posted),
    toCommit: pick((s) => s.committed - s.replied),
    total: pick((s) => s.committed - s.newline),
  }
}

/** One line of text: the stages of `waits`, in ms. */
export function formatWaits(waits: StageWaits): string {
  const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : 'n/a')
  return `newline→posted ${ms(waits.toPost)}, posted→reply ${ms(waits.inWorker)}, reply→commit ${ms(waits.toCommit)} (newline→commit ${ms(waits.total)})`
}
