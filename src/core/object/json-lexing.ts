/** Lexical pieces of JSON shared by the partial parser; pure and stateless. */

/** The characters that end a fast run inside a string: the closing quote, an escape, or a control character JSON forbids. */
export const STRING_SPECIAL = /["\\\u0000-\u001f]/g
/** A whole JSON number token. */
export const NUMBER_SYNTAX = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/
/** The single-character escapes, by the code of the character after the backslash. */
export const ESCAPES: Record<number, string> = { 0x22: '"', 0x5c: '\\', 0x2f: '/', 0x62: '\b', 0x66: '\f', 0x6e: '\n', 0x72: '\r', 0x74: '\t' }

/** Characters a JSON number token may contain (its syntax is checked once the token ends). */
export function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45
}

/** The value of a hex digit, or -1. */
export function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30
  if (c >= 0x61 && c <= 0x66) return c - 0x57
  if (c >= 0x41 && c <= 0x46) return c - 0x37
  return -1
}
