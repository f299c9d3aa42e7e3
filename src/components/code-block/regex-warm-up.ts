import { yieldToMain } from './yield-to-main.ts'

/** Time per slice of regex compilation: half a 60 Hz frame leaves room for input and paint. */
const SLICE_BUDGET_MS = 8

/**
 * Compiles a grammar's regexes ahead of tokenizing, a few per task, into the engine's
 * shared cache. A grammar compiles its regexes lazily, the first time a line needs them,
 * and one line can need hundreds (TypeScript: ~600 ms on a slow machine); doing it up front
 * in slices keeps that cost out of any single task. The longest task left is the
 * compilation of the single largest regex.
 *
 * @example
 * await warmUpRegexes(collectGrammarPatterns(grammar), regexCache, compile)
 */
export async function warmUpRegexes(
  sources: readonly string[],
  cache: Map<string, RegExp | Error>,
  compile: (source: string) => RegExp,
): Promise<void> {
  let sliceStart = performance.now()
  const maybeYield = async () => {
    if (performance.now() - sliceStart < SLICE_BUDGET_MS) return
    await yieldToMain()
    sliceStart = performance.now()
  }
  for (const source of sources) {
    if (cache.has(source)) continue
    let regex: RegExp
    try {
      regex = compile(source)
    } catch (error) {
      cache.set(source, error instanceof Error ? error : new Error(String(error)))
      continue
    }
    cache.set(source, regex)
    // Translating the pattern, V8's first run (bytecode) and its second (machine code) can
    // each take tens of milliseconds for a large grammar regex: separate tasks if need be.
    for (let run = 0; run < 2; run++) {
      await maybeYield()
      try {
        regex.lastIndex = 0
        regex.exec('')
      } catch {
        // The tokenizer meets the same error later and skips the pattern (forgiving).
      }
    }
    await maybeYield()
  }
}
