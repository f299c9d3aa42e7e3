import { createLineTokenizer } from './line-tokenizer.ts'
import type { FenceSink, WorkerFence } from './worker-client.ts'
import { yieldToMain } from './yield-to-main.ts'

/** Tokenizing time per task on the main thread: a third of a 60 Hz frame, well under the 8 ms slice goal. */
const BUDGET_MS = 5

/**
 * Colours a fence on the main thread, where there is no worker (or it failed): the same
 * line-by-line tokenizer, run in tasks of about 5 ms with a yield to the browser between
 * them. Lines are reported from the first, in order; if the highlighter cannot load, the
 * fence stays plain (`sink.failed`).
 *
 * @example
 * const fence = startMainThreadFence('typescript', sink)
 * fence.send(['const a = 1'])
 */
export function startMainThreadFence(language: string, sink: FenceSink): WorkerFence {
  const tokenizer = createLineTokenizer(language)
  const source: string[] = []
  let closed = false
  let running = false
  let failed = false

  const run = async () => {
    running = true
    try {
      await tokenizer.ready
      while (!closed && tokenizer.lines.length < source.length) {
        const start = tokenizer.lines.length
        tokenizer.advance(source, BUDGET_MS)
        if (tokenizer.lines.length > start) sink.lines(start, tokenizer.lines.slice(start))
        if (tokenizer.lines.length < source.length) await yieldToMain()
      }
    } catch {
      // Shiki, the grammar or the themes failed to load: the fence stays plain.
      failed = true
      if (!closed) sink.failed()
    } finally {
      running = false
    }
  }

  return {
    send(lines) {
      if (closed || failed) return
      for (const line of lines) source.push(line)
      if (!running) void run()
    },
    close() {
      closed = true
    },
  }
}
