import type { ShikiTokenizer } from './tokenize-lines.ts'

/** The part of a vscode-textmate grammar this module wraps. */
interface LineGrammar {
  tokenizeLine2(line: string, state: unknown, timeLimit?: number): { stoppedEarly: boolean }
}

const wrapped = new WeakSet<object>()
/**
 * Retries granted to an attempt that compiled nothing: the limit is wall-clock time, so a
 * garbage collection or a descheduled thread on a loaded machine can cross it too. A line
 * slow by itself costs twice the limit, then stops.
 */
const SPARE_RETRIES = 1

/**
 * Makes the grammars `names` (loaded in `highlighter`) tokenize a line again when its
 * per-line time limit ran out while regexes were being compiled. The limit (Shiki's
 * `tokenizeTimeLimit`) is there to cut off a pathological line, but a grammar compiles its
 * regexes lazily, inside the tokenizing of the first lines that need them, and that cost
 * counts against the limit: on a loaded machine the first line stopped early and the rest of
 * it came out in one colour. Shiki tokenizes the light theme first, so the light pass paid for
 * the compiling and went wrong while the dark pass, with everything compiled, came out right
 * (and which lines went wrong depended on timing). An attempt that compiled nothing new is
 * retried only once: a line that is slow by itself still stops.
 *
 * @example
 * retryWhileCompiling(highlighter, ['typescript'], () => regexCache.size)
 */
export function retryWhileCompiling(highlighter: Pick<ShikiTokenizer, 'getLanguage'>, names: readonly string[], compiled: () => number): void {
  for (const name of names) {
    let grammar: LineGrammar
    try {
      grammar = highlighter.getLanguage(name) as unknown as LineGrammar
    } catch {
      continue
    }
    if (wrapped.has(grammar) || typeof grammar.tokenizeLine2 !== 'function') continue
    wrapped.add(grammar)
    const tokenizeLine2 = grammar.tokenizeLine2.bind(grammar)
    grammar.tokenizeLine2 = (line, state, timeLimit) => {
      let spare = SPARE_RETRIES
      for (;;) {
        const before = compiled()
        const result = tokenizeLine2(line, state, timeLimit)
        if (!result.stoppedEarly) return result
        // Each retry but the spare one compiled at least one more regex, so this ends (a grammar's regexes are finite).
        if (compiled() === before && spare-- <= 0) return result
      }
    }
  }
}
