/**
 * Renders a tool argument or result for reading: objects and arrays as two-space indented
 * JSON, strings as they are (a tool that returns prose should not gain quotes and `\n`
 * escapes), nothing for `undefined`. Values JSON cannot hold (a `BigInt`, a cycle) fall
 * back to `String(value)` instead of throwing in the middle of a render.
 *
 * @example
 * formatJson({ city: 'Paris' }) // '{\n  "city": "Paris"\n}'
 * formatJson('sunny')           // 'sunny'
 */
export function formatJson(value: unknown): string {
  if (value === undefined) return ''
  if (typeof value === 'string') return value
  try {
    // stringify returns undefined for functions and symbols.
    return JSON.stringify(value, null, 2) ?? String(value)
  } catch {
    return String(value)
  }
}
