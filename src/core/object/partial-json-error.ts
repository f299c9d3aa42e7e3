/**
 * Why a streamed JSON text cannot become a value: `syntax` (a character JSON does not allow
 * there), `depth` (nesting past the parser's limit), `incomplete` (the text ended mid-value).
 */
export type PartialJsonErrorKind = 'syntax' | 'depth' | 'incomplete'

/**
 * A problem in streamed JSON text, with the character offset where it was found.
 *
 * @example
 * parser.append('{"a" 1}')
 * parser.error?.message // "Unexpected '1' at character 5: expected ':'"
 */
export class PartialJsonError extends Error {
  override readonly name = 'PartialJsonError'
  constructor(
    readonly kind: PartialJsonErrorKind,
    message: string,
    /** Offset (in UTF-16 code units) of the character at fault, or the text length. */
    readonly position: number,
  ) {
    super(message)
  }
}

/** Shows one character the way a developer can spot it in a log. */
export function describeChar(code: number): string {
  if (code === 0x0a) return 'a line break'
  if (code < 0x20) return `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`
  return `'${String.fromCharCode(code)}'`
}

/** Where a text that ended early stopped: in a token, else in the innermost container. */
export function describeOpenValue(token: string | undefined, depth: number, innermostIsArray: boolean | undefined): string {
  if (token !== undefined) return `inside ${token}`
  if (innermostIsArray === undefined) return 'before the value'
  return `inside ${innermostIsArray ? 'an array' : 'an object'}, ${depth} level${depth === 1 ? '' : 's'} deep`
}
