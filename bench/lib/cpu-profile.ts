/**
 * Attributes a V8 sampling profile (CDP `Profiler`) to main-thread tasks from a Chrome trace:
 * both use the same monotonic clock in microseconds, so each sample falls inside the task
 * that was running when it was taken.
 */
import type { TraceTask } from './trace-tasks.ts'

interface ProfileNode {
  id: number
  parent?: number
  children?: number[]
  callFrame: { url: string; functionName: string }
}

/** The `profile` of CDP's `Profiler.stop`. */
export interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  samples: number[]
  timeDeltas: number[]
}

/**
 * For each task, the time (ms) of the samples taken inside it whose stack contains a frame
 * from a script whose URL matches `attributed` (e.g. the highlighter's chunks).
 *
 * @example
 * const ms = attributedTime(profile, tasks, /\/assets\/(core|engine-javascript)-/)
 */
export function attributedTime(profile: CpuProfile, tasks: readonly TraceTask[], attributed: RegExp): number[] {
  const parentOf = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id)
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const matches = new Map<number, boolean>()
  const inAttributed = (id: number): boolean => {
    const known = matches.get(id)
    if (known !== undefined) return known
    const node = byId.get(id)
    const parent = parentOf.get(id)
    const result = node !== undefined && (attributed.test(node.callFrame.url) || (parent !== undefined && inAttributed(parent)))
    matches.set(id, result)
    return result
  }
  const sorted = tasks.map((task, index) => ({ ...task, index })).sort((a, b) => a.ts - b.ts)
  const totals = tasks.map(() => 0)
  let time = profile.startTime
  let cursor = 0
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0
    time += delta
    while (cursor < sorted.length && sorted[cursor]!.ts + sorted[cursor]!.duration * 1000 < time) cursor++
    const task = sorted[cursor]
    if (!task || task.ts > time) continue
    // The sample stands for the interval until the next one.
    if (inAttributed(profile.samples[i]!)) totals[task.index]! += (profile.timeDeltas[i + 1] ?? delta) / 1000
  }
  return totals
}
