/**
 * Main-thread tasks from a Chrome trace (playwright's `browser.startTracing`): every task's
 * exact duration, not only the ≥ 50 ms ones the `longtask` API reports, with what ran inside.
 */

interface TraceEvent {
  name: string
  cat: string
  ph: string
  ts: number
  dur?: number
  /** Thread (CPU) time of the event, µs: what it cost with the machine's other load taken out. */
  tdur?: number
  pid: number
  tid: number
  args?: { name?: string; data?: { url?: string; functionName?: string; scriptName?: string } }
}

/** A main-thread task and the largest pieces of work inside it. */
export interface TraceTask {
  /** Start, in ms from the `from` mark. */
  start: number
  /** Start on the trace's clock, µs (the clock of V8's CPU profiles too). */
  ts: number
  duration: number
  /** The task's thread (CPU) time, ms: on a loaded machine `duration` also counts time the thread waited for a core. */
  cpu: number | undefined
  /** The longest events inside the task, longest first, as `Name url#function 12.3 ms`. */
  inside: string[]
}

/** Trace categories that carry tasks, their contents and `performance.mark`s. */
export const taskTraceCategories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.execute', 'toplevel']

/**
 * Events that only wrap the work of a task (the scheduler's dispatch, a message port's
 * handler, V8 taking an interrupt): each spans nearly the whole task, so listing them would
 * crowd out what ran inside, such as the `MajorGC` a pause really was.
 */
const wrappers = new Set(['ThreadControllerImpl::RunTask', 'SimpleWatcher::OnHandleReady', 'v8.callFunction', 'V8.StackGuard', 'V8.HandleInterrupts'])

const shortUrl = (url: string) => url.replace(/^https?:\/\/[^/]+\//, '')

function describe(event: TraceEvent): string {
  const data = event.args?.data
  const where = data?.url ? ` ${shortUrl(data.url)}${data.functionName ? `#${data.functionName}` : ''}` : data?.functionName ? ` #${data.functionName}` : ''
  return `${event.name}${where} ${((event.dur ?? 0) / 1000).toFixed(1)} ms`
}

/**
 * The renderer main thread's tasks (or those of another thread of the page's process, by its
 * trace name: `DedicatedWorker thread` for a Web Worker) between two `performance.mark`s of
 * the page, longest first.
 *
 * @example
 * await browser.startTracing(page, { categories: taskTraceCategories })
 * // … run the page …
 * const tasks = tasksBetween(JSON.parse((await browser.stopTracing()).toString()), 'bench:a', 'bench:b')
 */
export function tasksBetween(trace: { traceEvents: TraceEvent[] } | TraceEvent[], from: string, to: string, thread = 'CrRendererMain'): TraceTask[] {
  const events = Array.isArray(trace) ? trace : trace.traceEvents
  const fromMark = events.find((e) => e.name === from && e.cat.includes('blink.user_timing'))
  const toMark = events.find((e) => e.name === to && e.cat.includes('blink.user_timing'))
  if (!fromMark || !toMark) throw new Error(`trace has no marks ${from} and ${to}`)
  const named = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === fromMark.pid && e.args?.name === thread)
  if (!named && thread !== 'CrRendererMain') return []
  const tid = named?.tid ?? fromMark.tid
  const onThread = events.filter((e) => e.pid === fromMark.pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined)
  const tasks = onThread.filter((e) => e.name === 'RunTask' && e.ts + e.dur! >= fromMark.ts && e.ts <= toMark.ts)
  return tasks
    .map((task) => {
      const end = task.ts + task.dur!
      const inside = onThread
        .filter((e) => e !== task && e.name !== 'RunTask' && !wrappers.has(e.name) && e.ts >= task.ts && e.ts + e.dur! <= end && e.dur! >= 1000)
        .sort((a, b) => b.dur! - a.dur!)
        .slice(0, 4)
        .map(describe)
      const cpu = task.tdur === undefined ? undefined : task.tdur / 1000
      return { start: (task.ts - fromMark.ts) / 1000, ts: task.ts, duration: task.dur! / 1000, cpu, inside }
    })
    .sort((a, b) => b.duration - a.duration)
}
