import { scenarios } from '../../src/mocks/scenarios.ts'

/**
 * Realistic streamed markdown: the tokens of `scenarios.long` (headings, paragraphs with inline
 * markup and links, lists, fences in five languages), repeated until there is enough for the
 * longest run. Tokens are the mock's own word-sized pieces, as a model would send them.
 *
 * @example
 * const { tokens, tokensForLength } = markdownCorpus(101_000)
 */
export function markdownCorpus(minChars: number): { tokens: string[]; tokensForLength: (chars: number) => number } {
  const unit = scenarios.long.flatMap((event) => (event.type === 'token' ? [event.content] : []))
  const unitLength = unit.reduce((n, t) => n + t.length, 0)
  const tokens: string[] = []
  for (let total = 0; total < minChars; total += unitLength) tokens.push(...unit)
  return {
    tokens,
    /** How many leading tokens make up at least `chars` characters. */
    tokensForLength(chars) {
      let length = 0
      let count = 0
      while (length < chars && count < tokens.length) length += tokens[count++]!.length
      return count
    },
  }
}
