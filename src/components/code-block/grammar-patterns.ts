/** The parts of a TextMate grammar this module reads; everything else is walked blindly. */
type GrammarNode = unknown

const REGEX_KEYS = ['match', 'begin', 'end', 'while'] as const

/**
 * Every regex source the tokenizer can ask the regex engine for, in the exact form it
 * asks: `\z` rewritten and one variant per `\A`/`\G` anchor combination, mirroring
 * vscode-textmate's `RegExpSource`. Compiling these ahead of time (in slices) moves the
 * grammar's one-off regex compilation out of the tokenizing slices, where a single
 * line could otherwise trigger hundreds of milliseconds of it. Back-referencing `end`
 * patterns are built from the matched text at run time, so they cannot be listed.
 *
 * @example
 * collectGrammarPatterns([{ patterns: [{ begin: '"', end: '"|\\z' }] }])
 * // ['"', '"|$(?!\\n)(?<!\\n)']
 */
export function collectGrammarPatterns(grammars: readonly GrammarNode[]): string[] {
  const found = new Set<string>()
  const seen = new Set<object>()
  const walk = (node: GrammarNode): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return
    seen.add(node)
    if (Array.isArray(node)) {
      for (const child of node) walk(child)
      return
    }
    const record = node as Record<string, unknown>
    for (const key of REGEX_KEYS) {
      const source = record[key]
      if (typeof source === 'string') for (const variant of patternVariants(source)) found.add(variant)
    }
    for (const value of Object.values(record)) walk(value)
  }
  walk(grammars)
  return [...found]
}

/**
 * The strings vscode-textmate hands to the engine for one grammar regex.
 *
 * @example
 * patternVariants('a\\z') // ['a$(?!\\n)(?<!\\n)']
 */
export function patternVariants(source: string): string[] {
  let rewritten = ''
  let hasAnchor = false
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]
    if (ch === '\\' && i + 1 < source.length) {
      const next = source[i + 1]
      if (next === 'z') rewritten += '$(?!\\n)(?<!\\n)'
      else {
        if (next === 'A' || next === 'G') hasAnchor = true
        rewritten += ch + next
      }
      i++
    } else {
      rewritten += ch
    }
  }
  if (!hasAnchor) return [rewritten]
  const variants = new Set<string>()
  for (const allowA of [false, true]) {
    for (const allowG of [false, true]) {
      variants.add(resolveAnchors(rewritten, allowA, allowG))
    }
  }
  return [...variants]
}

function resolveAnchors(source: string, allowA: boolean, allowG: boolean): string {
  let out = ''
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]
    if (ch === '\\' && i + 1 < source.length) {
      const next = source[i + 1]
      if ((next === 'A' && !allowA) || (next === 'G' && !allowG)) out += '\\\uFFFF'
      else out += ch + next
      i++
    } else {
      out += ch
    }
  }
  return out
}
