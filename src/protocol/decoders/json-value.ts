/** A parsed JSON object whose fields are not trusted yet. */
export type JsonObject = Record<string, unknown>

/**
 * True for plain JSON objects (not arrays, not null): the shape every provider frame has.
 *
 * @example
 * isJsonObject({ type: 'ping' }) // true
 * isJsonObject([1]) // false
 */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Parses a frame's `data:` text, or returns `undefined` when it is not a JSON object.
 * Providers pad lines with trailing spaces (Anthropic does), which `JSON.parse` already tolerates.
 *
 * @example
 * parseJsonObject('{"type":"ping"}   ') // { type: 'ping' }
 * parseJsonObject('[DONE]') // undefined
 */
export function parseJsonObject(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return isJsonObject(value) ? value : undefined
  } catch {
    return undefined
  }
}

/**
 * A string field, or `undefined` when absent or of another type.
 *
 * @example
 * stringField({ id: 'a' }, 'id') // 'a'
 */
export function stringField(object: JsonObject | undefined, key: string): string | undefined {
  const value = object?.[key]
  return typeof value === 'string' ? value : undefined
}

/**
 * A finite number field, or `undefined`.
 *
 * @example
 * numberField({ n: 3 }, 'n') // 3
 */
export function numberField(object: JsonObject | undefined, key: string): number | undefined {
  const value = object?.[key]
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

/**
 * A nested object field, or `undefined`.
 *
 * @example
 * objectField({ usage: { input_tokens: 3 } }, 'usage') // { input_tokens: 3 }
 */
export function objectField(object: JsonObject | undefined, key: string): JsonObject | undefined {
  const value = object?.[key]
  return isJsonObject(value) ? value : undefined
}

/**
 * Enough of a bad frame to recognise it in an error message, not the whole megabyte.
 *
 * @example
 * preview('x'.repeat(500)).length // 81
 */
export function preview(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text
}
