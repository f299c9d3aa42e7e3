import { detached } from '../shared/detached.ts'

/** The last text split, and its lines: a streaming block is split again on every token. */
let lastCode = ''
let lastLines: readonly string[] = ['']

/**
 * Splits code into lines exactly as the highlighter does (`\n` or `\r\n`), so plain and
 * highlighted renderings have the same lines. Remembers the last call: the same text gives
 * the same array, and a text that extends it (a streaming fence) splits only from the start
 * of its last line, reusing the earlier lines' strings. A token then costs its own lines,
 * not the block's, and memoised lines compare by reference. Treat the result as read-only.
 *
 * @example
 * splitCodeLines('a\r\nb\n') // ['a', 'b', '']
 */
export function splitCodeLines(code: string): readonly string[] {
  if (code === lastCode) return lastLines
  let lines: readonly string[]
  // `slice` + `===` compares memory in bulk; the prefix check is cheap next to a split.
  if (code.length > lastCode.length && lastLines.length > 1 && code.slice(0, lastCode.length) === lastCode) {
    const kept = lastLines.length - 1
    // The last line is split again with what follows: it may have been unfinished (or end in `\r`).
    const tailStart = lastCode.length - (lastLines[kept] as string).length
    const tail = code.slice(tailStart).split(/\r?\n/)
    // Lines finished now are copied out of this version of the text: kept, they would keep it alive.
    for (let i = 0; i < tail.length - 1; i++) tail[i] = detached(tail[i] as string)
    lines = lastLines.slice(0, kept).concat(tail)
  } else {
    lines = code.split(/\r?\n/)
  }
  lastCode = code
  lastLines = lines
  return lines
}
