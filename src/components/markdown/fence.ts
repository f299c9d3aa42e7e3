/** An opening code fence line: up to 3 spaces, then 3+ backticks or tildes, then the info string. */
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/

/** A code fence that has been opened and not yet closed. */
export interface OpenFence {
  /** The fence marker exactly as opened (`` ``` ``, `~~~~`…); a closer must use the same character and be at least as long. */
  marker: string
  /** Offset of the opening line in the scanned text. */
  start: number
}

/**
 * Recognises a line that opens a top-level code fence. A backtick fence's info string may
 * not contain a backtick (CommonMark), otherwise ```` ```a`b ```` would be read as a fence.
 *
 * @example
 * matchFenceOpen('```ts title="a"') // '```'
 * matchFenceOpen('``') // undefined
 */
export function matchFenceOpen(line: string): string | undefined {
  const match = FENCE_OPEN.exec(line)
  if (!match) return undefined
  const marker = match[1] as string
  if (marker[0] === '`' && (match[2] as string).includes('`')) return undefined
  return marker
}

/**
 * True when `line` closes a fence opened with `marker`: same character, at least as long,
 * up to 3 spaces of indentation and nothing but whitespace after it.
 *
 * @example
 * closesFence('````', '```') // true
 * closesFence('``` js', '```') // false
 */
export function closesFence(line: string, marker: string): boolean {
  const char = marker[0] as string
  let i = 0
  while (i < 3 && line[i] === ' ') i++
  let run = 0
  while (line[i + run] === char) run++
  if (run < marker.length) return false
  return line.slice(i + run).trim() === ''
}
