import { createHighlighterCore, type GrammarState, type HighlighterCore } from 'shiki/core'
import { createJavaScriptRegexEngine, defaultJavaScriptRegexConstructor } from 'shiki/engine/javascript'
import { describe, expect, it } from 'vitest'
import { retryWhileCompiling } from './retry-compiling.ts'
import { tokenizeRawLines } from './tokenize-lines.ts'

/*
 * A grammar compiles its regexes inside the tokenizing of the first lines that need them,
 * and that time counts against the per-line time limit. Here every compilation is made
 * slow on purpose (a busy wait: a few compilations cross the limit), so without the retry the first lines
 * of a fence always stop early and their light colours (the theme Shiki tokenizes first)
 * are wrong. The colours must equal Shiki's own `codeToTokens` with no time limit, for
 * several fences, each tokenized line by line with the grammar state carried, as the
 * highlight worker does. Nothing here depends on the machine's speed: the slow compile
 * only makes the limit certain to be crossed while compiling.
 */

/** A line whose tokenizing compiles four regexes or more crosses the limit (the first line compiles dozens). */
const COMPILE_MS = 40
const themes = { light: 'github-light-default', dark: 'github-dark-default' }

const fences = [
  ['const a: number = 1', 'function f(x: string): void { return }', 'export const b = `${a}` // done'],
  ['interface Point {', '  x: number', '  readonly y?: string[]', '}', 'type Id = Point["x"] | null'],
  ['/* a comment', ' still comment */ let c = new Map<string, number>()', 'class K extends Error { #p = 1 }'],
]

async function highlighter(compile: (source: string) => RegExp, cache?: Map<string, RegExp | Error>): Promise<HighlighterCore> {
  return createHighlighterCore({
    engine: createJavaScriptRegexEngine({ forgiving: true, cache, regexConstructor: compile }),
    themes: [import('shiki/themes/github-light-default.mjs'), import('shiki/themes/github-dark-default.mjs')],
    langs: [import('shiki/langs/typescript.mjs')],
  })
}

const fastCompile = (source: string) => defaultJavaScriptRegexConstructor(source, { target: 'auto' })
function slowCompile(source: string): RegExp {
  const until = performance.now() + COMPILE_MS
  while (performance.now() < until) {
    // Busy: compilation that takes longer than the time limit.
  }
  return fastCompile(source)
}

/** `content|light|dark` per token, the colours a code line shows in each scheme. */
function describeTokens(tokens: Array<Array<{ content: string; htmlStyle?: Record<string, string> }>>): string[][] {
  return tokens.map((line) => line.map((token) => `${token.content}|${token.htmlStyle?.color}|${token.htmlStyle?.['--rivulet-code-dark']}`))
}

describe('light colours when the time limit runs out while regexes compile', () => {
  it('equal Shiki’s own tokens, for every fence, line by line', { timeout: 600_000 }, async () => {
    const reference = await highlighter(fastCompile)
    const cache = new Map<string, RegExp | Error>()
    const slow = await highlighter(slowCompile, cache)
    retryWhileCompiling(slow, ['typescript'], () => cache.size)
    for (const fence of fences) {
      const expected = reference.codeToTokens(fence.join('\n'), {
        lang: 'typescript',
        themes,
        defaultColor: 'light',
        cssVariablePrefix: '--rivulet-code-',
        tokenizeTimeLimit: 0,
      })
      const seen: Array<Array<{ content: string; htmlStyle?: Record<string, string> }>> = []
      let state: GrammarState | undefined
      for (const line of fence) {
        // The product's own call, with its 150 ms limit.
        const result = tokenizeRawLines(slow, [line], 'typescript', themes, state)
        state = result.grammarState
        seen.push(...result.tokens)
      }
      expect(describeTokens(seen)).toEqual(describeTokens(expected.tokens))
    }
  })
})
