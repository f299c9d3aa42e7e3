import type { HighlightedLine, HighlightResult } from './highlight-types.ts'
import { startMainThreadFence } from './main-thread-fence.ts'
import { tokenizeInSlices, type SliceHooks } from './tokenize-sliced.ts'
import { openWorkerFence, workerUsable, type FenceSink, type WorkerFence } from './worker-client.ts'

// The highlighting machinery behind code blocks, loaded with the first block that has a
// grammar (a chunk of its own, like Shiki): a page without code never downloads it.

export type { FenceSink, WorkerFence } from './worker-client.ts'
export { highlightWorkerStats, setHighlightWorkerFactory } from './worker-client.ts'

/**
 * Colours a fence line by line: in the highlight worker where one can run, otherwise on the
 * main thread in ~5 ms slices. If the worker fails mid-fence, the main thread takes over
 * (it tokenizes from the first line again to rebuild the grammar state, and reports only the
 * lines the worker had not), so every line is reported once, in order.
 *
 * @example
 * const fence = startFence('typescript', { lines: (start, lines) => show(start, lines), failed: () => {} })
 * fence.send(['const a = 1', ''])
 */
export function startFence(language: string, sink: FenceSink): WorkerFence {
  const sent: string[] = []
  let coloured = 0
  let closed = false
  const forward = (start: number, lines: HighlightedLine[]) => {
    // Lines the worker coloured before it failed are not reported again.
    const fresh = lines.slice(Math.max(0, coloured - start))
    if (fresh.length === 0 || start + lines.length <= coloured) return
    sink.lines(coloured, fresh)
    coloured += fresh.length
  }
  let current: WorkerFence | undefined
  const onMain = () => {
    if (closed) return
    current = startMainThreadFence(language, { lines: forward, failed: () => sink.failed() })
    current.send(sent)
  }
  current = workerUsable() ? openWorkerFence(language, { lines: forward, failed: onMain }) : undefined
  if (!current) onMain()
  return {
    send(lines) {
      for (const line of lines) sent.push(line)
      current?.send(lines)
    },
    close() {
      closed = true
      current?.close()
    },
  }
}

/**
 * Tokenizes a whole block (one that arrived complete): in the worker where possible, else in
 * ~8 ms slices on the main thread. Same contract as {@link tokenizeInSlices}.
 *
 * @example
 * const result = await tokenizeBlock(['const a = 1'], 'typescript', { stopped: () => false, progress: () => {} })
 */
export function tokenizeBlock(source: readonly string[], id: string, hooks: SliceHooks): Promise<HighlightResult> {
  if (!workerUsable() || source.length === 0) return tokenizeInSlices(source, id, hooks)
  return new Promise((resolve, reject) => {
    const lines: HighlightedLine[] = []
    const fence = startFence(id, {
      lines(start, next) {
        if (start !== lines.length) return
        for (const line of next) lines.push(line)
        if (lines.length >= source.length) {
          fence.close()
          resolve(Object.freeze({ language: id, lines: Object.freeze(lines) }))
        } else if (hooks.stopped()) {
          fence.close()
          reject(new DOMException('Nobody is waiting for this highlight', 'AbortError'))
        } else {
          hooks.progress(lines.slice())
        }
      },
      failed() {
        fence.close()
        reject(new Error(`The "${id}" highlighter could not load`))
      },
    })
    fence.send(source)
  })
}
