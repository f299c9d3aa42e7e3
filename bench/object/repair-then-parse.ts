/**
 * The "repair the text, then `JSON.parse` it" approach to partial JSON (what the AI SDK's
 * `parsePartialJson` does), written here from its description for the benchmark: every call
 * scans the whole text so far to learn what is open, closes it, and parses the result from
 * scratch. Per delta that is O(document), which is the point of the comparison.
 *
 * @example
 * repairThenParse('{"a": [1, "b') // { a: [1, 'b'] }
 */
export function repairThenParse(text: string): unknown {
  const repaired = repairJson(text)
  if (repaired === '') return undefined
  try {
    return JSON.parse(repaired) as unknown
  } catch {
    return undefined
  }
}

const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t'

/**
 * Closes an unfinished JSON text so `JSON.parse` accepts it: an open value string is closed
 * (minus a half-written escape); otherwise the text is cut back to the last point where a value
 * or an opening bracket ended — dropping an unfinished key, number or literal — and the
 * brackets open there are closed in order.
 *
 * @example
 * repairJson('{"a": "x", "b') // '{"a": "x"}'
 */
export function repairJson(text: string): string {
  const closers: string[] = []
  const expectKey: boolean[] = []
  let inString = false
  let stringIsKey = false
  let escapeAt = -1
  let hexLeft = 0
  let inToken = false
  let safeAt = 0
  let safeClosers = ''
  const markSafe = (at: number) => {
    safeAt = at
    safeClosers = closers.slice().reverse().join('')
  }

  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (inString) {
      if (hexLeft > 0) {
        if (--hexLeft === 0) escapeAt = -1
      } else if (escapeAt >= 0) {
        if (c === 'u') hexLeft = 4
        else escapeAt = -1
      } else if (c === '\\') escapeAt = i
      else if (c === '"') {
        inString = false
        if (!stringIsKey) markSafe(i + 1)
      }
      continue
    }
    if (inToken && (isSpace(c) || c === ',' || c === '}' || c === ']')) {
      inToken = false
      markSafe(i)
    }
    if (isSpace(c)) continue
    const top = closers.length - 1
    switch (c) {
      case '{':
      case '[':
        closers.push(c === '{' ? '}' : ']')
        expectKey.push(c === '{')
        markSafe(i + 1)
        break
      case '}':
      case ']':
        closers.pop()
        expectKey.pop()
        markSafe(i + 1)
        break
      case '"':
        inString = true
        stringIsKey = expectKey[top] === true
        if (stringIsKey) expectKey[top] = false
        break
      case ',':
        if (closers[top] === '}') expectKey[top] = true
        break
      case ':':
        break
      default:
        inToken = true
    }
  }

  if (inString && !stringIsKey) {
    const kept = escapeAt >= 0 ? text.slice(0, escapeAt) : text
    return `${kept}"${closers.reverse().join('')}`
  }
  return text.slice(0, safeAt) + safeClosers
}
