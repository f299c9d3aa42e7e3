import type { CommitsRun, CommitsRunResult } from './commits-types.ts'
import type { HighlightResult, HighlightRun, TokenCostResult, TokenCostRun } from './markdown-types.ts'
import type { ThreadMountResult, ThreadMountRun, ThreadSaveResult, ThreadSaveRun, ThreadScrollResult, ThreadScrollRun, ThreadTokenResult, ThreadTokenRun } from './threads-types.ts'
import type { StreamHighlightResult, StreamHighlightRun } from './streaming-highlight-types.ts'
import type { PersistenceStreamResult, PersistenceStreamRun, PersistenceTokenResult, PersistenceTokenRun, PersistenceWholeResult } from './persistence-types.ts'
import type { DosResult, HugeStepResult, HugeStepRun, HugeStreamResult, HugeStreamRun } from './huge-blocks-types.ts'
import type { LongMountResult, LongMountRun, LongStreamResult, LongStreamRun, LongTokenResult, LongTokenRun } from './long-answers-types.ts'
import { preloadMarkdown } from '../../src/components/markdown/markdown-loader.ts'

/**
 * What a bench page offers to the Node side through `page.evaluate`. Each page sets the
 * functions it implements; the last result is also kept in `window.__benchResult`.
 *
 * @example
 * const result = await page.evaluate((run) => window.__bench.tokenCost!(run), run)
 */
export interface BenchApi {
  runCommits?: (run: CommitsRun) => Promise<CommitsRunResult>
  tokenCost?: (run: TokenCostRun) => Promise<TokenCostResult>
  highlight?: (run: HighlightRun) => Promise<HighlightResult>
  hugeStepCost?: (run: HugeStepRun) => Promise<HugeStepResult>
  hugeStream?: (run: HugeStreamRun) => Promise<HugeStreamResult>
  dos?: (which: string) => Promise<DosResult>
  threadMount?: (run: ThreadMountRun) => Promise<ThreadMountResult>
  threadTokenCost?: (run: ThreadTokenRun) => Promise<ThreadTokenResult>
  threadScroll?: (run: ThreadScrollRun) => Promise<ThreadScrollResult>
  threadSave?: (run: ThreadSaveRun) => Promise<ThreadSaveResult>
  streamHighlight?: (run: StreamHighlightRun) => Promise<StreamHighlightResult>
  persistenceStream?: (run: PersistenceStreamRun) => Promise<PersistenceStreamResult>
  persistenceTokens?: (run: PersistenceTokenRun) => Promise<PersistenceTokenResult>
  persistenceWhole?: (run: { count: number }) => Promise<PersistenceWholeResult>
  longTokenCost?: (run: LongTokenRun) => Promise<LongTokenResult>
  longStream?: (run: LongStreamRun) => Promise<LongStreamResult>
  longMount?: (run: LongMountRun) => Promise<LongMountResult>
}

declare global {
  interface Window {
    __bench: BenchApi
    __benchResult?: unknown
  }
}

/**
 * Publishes a page's functions, recording each result in `window.__benchResult`. Each
 * run starts once the lazy markdown parser has loaded.
 *
 * @example
 * exposeBench({ tokenCost })
 */
export function exposeBench(api: BenchApi): void {
  const wrapped: BenchApi = {}
  for (const [key, fn] of Object.entries(api) as [keyof BenchApi, (run: never) => Promise<unknown>][]) {
    ;(wrapped as Record<string, unknown>)[key] = async (run: never) => {
      // The markdown parser is a lazy chunk: measure rendered markdown, never the plain text
      // shown while it loads.
      await preloadMarkdown()
      const result = await fn(run)
      window.__benchResult = result
      return result
    }
  }
  window.__bench = wrapped
}
