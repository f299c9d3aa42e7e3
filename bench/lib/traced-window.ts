import type { BenchPage } from './browser-page.ts'
import { taskTraceCategories, tasksBetween, type TraceTask } from './trace-tasks.ts'

type Page = Awaited<ReturnType<BenchPage['newPage']>>

/**
 * Runs `fn` under a Chrome trace and returns the main-thread tasks between the page's
 * `bench:window-start` and `bench:window-end` marks (and, through `between`, those between
 * any other two marks of the run). The trace is stopped even when `fn`
 * throws, so the next window can start one.
 *
 * @example
 * const { result, tasks } = await tracedWindow(bench, page, () => page.evaluate(() => window.bench.run()))
 */
export async function tracedWindow<T>(
  bench: BenchPage,
  page: Page,
  fn: () => Promise<T>,
): Promise<{ result: T; tasks: TraceTask[]; between(from: string, to: string): TraceTask[] }> {
  await bench.browser.startTracing(page, { categories: taskTraceCategories })
  let outcome: { ok: true; result: T } | { ok: false; error: unknown }
  try {
    outcome = { ok: true, result: await fn() }
  } catch (error) {
    outcome = { ok: false, error }
  }
  const trace = JSON.parse((await bench.browser.stopTracing()).toString()) as Parameters<typeof tasksBetween>[0]
  if (!outcome.ok) throw outcome.error
  return {
    result: outcome.result,
    tasks: tasksBetween(trace, 'bench:window-start', 'bench:window-end'),
    // Other marks of the same run (e.g. a first screen inside the window).
    between: (from, to) => tasksBetween(trace, from, to),
  }
}
