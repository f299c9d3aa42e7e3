import { describe, expect, it } from 'vitest'
import { collectGrammarPatterns, patternVariants } from './grammar-patterns.ts'

describe('patternVariants', () => {
  it('keeps a pattern without anchors as is', () => {
    expect(patternVariants('\\bconst\\b')).toEqual(['\\bconst\\b'])
  })

  it('rewrites \\z the way the tokenizer does', () => {
    expect(patternVariants('a\\z')).toEqual(['a$(?!\\n)(?<!\\n)'])
  })

  it('lists one variant per allowed/disallowed \\A and \\G', () => {
    expect(patternVariants('\\G\\s*')).toEqual(['\\\uFFFF\\s*', '\\G\\s*'])
    expect(patternVariants('\\A|\\G')).toHaveLength(4)
  })

  it('does not treat an escaped backslash before A as an anchor', () => {
    expect(patternVariants('\\\\A')).toEqual(['\\\\A'])
  })
})

describe('collectGrammarPatterns', () => {
  it('finds match, begin, end and while patterns at any depth, once each', () => {
    const grammar = {
      patterns: [{ match: 'x' }, { begin: 'b', end: 'e', patterns: [{ match: 'x' }] }],
      repository: { deep: { while: 'w', captures: { 1: { patterns: [{ match: 'y' }] } } } },
    }
    expect(collectGrammarPatterns([grammar]).sort()).toEqual(['b', 'e', 'w', 'x', 'y'])
  })
})
