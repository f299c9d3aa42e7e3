import { closesFence, matchFenceOpen } from './fence.ts'

/** Default cap on nesting: far above what any real answer uses, far below what overflows a stack. */
export const DEFAULT_MAX_NESTING = 32

/** A container marker: `>` (one optional space) or a list marker followed by a space. */
const CONTAINER_MARKER = /^(?:>[ \t]?|(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$))/
/** Link labels are re-scanned per level, so brackets get a tighter cap than containers; real text nests two deep (`[![img](a)](b)`). */
const MAX_BRACKET_DEPTH = 8
/** Longer delimiter runs only ever build towers of nested emphasis. */
const MAX_DELIMITER_RUN = 16
const THEMATIC_BREAK = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/

function limitLine(line: string, maxDepth: number, state: { brackets: number }): string {
  let i = 0
  let width = 0
  while (line[i] === ' ' || line[i] === '\t') {
    width += line[i] === '\t' ? 4 - (width % 4) : 1
    i++
  }
  const maxIndent = maxDepth * 2
  let out = width > maxIndent ? ' '.repeat(maxIndent) : line.slice(0, i)

  // Container markers beyond the cap are dropped: their content stays, one level up.
  let depth = 0
  for (;;) {
    const match = CONTAINER_MARKER.exec(line.slice(i, i + 16))
    if (!match) break
    depth++
    if (depth <= maxDepth) out += match[0]
    i += match[0].length
    while (depth > maxDepth && (line[i] === ' ' || line[i] === '\t')) i++
  }

  const rest = line.slice(i)
  if (THEMATIC_BREAK.test(rest)) return out + rest
  // Deep `[` nesting makes link parsing slow and the tree deep. Escaping only the levels
  // beyond the cap still leaves huge labels to re-scan per level, so a line that nests
  // too deep loses all its brackets.
  const bracketCap = Math.min(maxDepth, MAX_BRACKET_DEPTH)
  let brackets = state.brackets
  let tooDeep = false
  for (let j = 0; j < rest.length && !tooDeep; j++) {
    const char = rest[j]
    if (char === '\\') j++
    else if (char === '[') tooDeep = ++brackets > bracketCap
    else if (char === ']' && brackets > 0) brackets--
  }
  if (!tooDeep) state.brackets = brackets
  for (let j = 0; j < rest.length; j++) {
    const char = rest[j] as string
    if (char === '\\') {
      out += rest.slice(j, j + 2)
      j++
    } else if (tooDeep && (char === '[' || char === ']')) {
      out += '\\' + char
    } else if (char === '*' || char === '_') {
      let end = j
      while (rest[end] === char) end++
      const run = rest.slice(j, end)
      out += run.length > MAX_DELIMITER_RUN ? run.replaceAll(char, '\\' + char) : run
      j = end - 1
    } else {
      out += char
    }
  }
  return out
}

/**
 * Caps how deeply hostile markdown can nest before it is parsed: blockquote and list
 * markers beyond `maxDepth` on a line are dropped (their text stays), indentation is
 * capped at `maxDepth * 2` columns, every `[` and `]` of a line where brackets nest
 * more than 8 deep is escaped, and runs of more than 16 `*` or `_` are escaped. Parsers
 * and renderers recurse per level, so 5,000 `>` would otherwise overflow the stack;
 * ordinary text is returned unchanged. Code fences are left alone.
 *
 * @example
 * limitNesting('>'.repeat(5000) + ' deep', 32) // 32 levels of quote around 'deep'
 * limitNesting('> fine') // '> fine'
 */
export function limitNesting(text: string, maxDepth: number = DEFAULT_MAX_NESTING): string {
  const lines = text.split('\n')
  let fence: string | undefined
  const state = { brackets: 0 }
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string
    if (fence !== undefined) {
      if (closesFence(line, fence)) fence = undefined
      continue
    }
    fence = matchFenceOpen(line)
    if (fence !== undefined) continue
    if (line.trim() === '') {
      state.brackets = 0
      continue
    }
    lines[index] = limitLine(line, maxDepth, state)
  }
  return lines.join('\n')
}
