import { NO_CHILD, addChild, closeContainer, openContainer, snapshotStack, type OpenContainer } from './json-containers.ts'
import { ESCAPES, NUMBER_SYNTAX, STRING_SPECIAL, hexValue, isNumberChar } from './json-lexing.ts'
import { PartialJsonError, describeChar, describeOpenValue, type PartialJsonErrorKind } from './partial-json-error.ts'
import type { PartialJsonParser, PartialJsonParserOptions } from './partial-json-types.ts'

// What the next character may be. Plain numbers rather than strings: the hot loop switches on them.
const VALUE = 0
const KEY = 1
const COLON = 2
const AFTER = 3
const STRING = 4
const ESCAPE = 5
const UNICODE = 6
const NUMBER = 7
const LITERAL = 8
const END = 9
const FAILED = 10

const LITERALS: Record<number, [string, unknown]> = { 0x74: ['true', true], 0x66: ['false', false], 0x6e: ['null', null] }

export type { PartialJsonParser, PartialJsonParserOptions } from './partial-json-types.ts'

/**
 * Parses JSON text as it streams in, keeping its state between pieces, so each piece costs its
 * own length — not the length of everything before it, as re-parsing the whole text per delta
 * does (`partial-json`, repair-then-`JSON.parse`).
 *
 * What a partial value shows: objects and arrays as soon as they open; strings while they are
 * written (so a name grows letter by letter); keys once their value begins; numbers, `true`,
 * `false` and `null` only once their token is finished (a partial `12` may still become `125`).
 * Every partial value is therefore a prefix of the final one: fields are only ever added,
 * strings only grow, and an array's elements are only appended, the last one possibly
 * unfinished (`completeElements` leaves it out). The final value equals `JSON.parse` of the text.
 *
 * @example
 * const parser = createPartialJsonParser()
 * parser.append('{"name":"Ad')
 * parser.value() // { name: 'Ad' }
 * parser.append('a","tags":["x"')
 * parser.value() // { name: 'Ada', tags: ['x'] }
 */
export function createPartialJsonParser(options: PartialJsonParserOptions = {}): PartialJsonParser {
  const maxDepth = options.maxDepth ?? 1000
  const stack: OpenContainer[] = []
  let mode = VALUE
  /** Right after `{` or `[`, where the closing bracket may come at once. */
  let closeAllowed = false
  let text = ''
  let offset = 0
  let started = false
  let str = ''
  let stringIsKey = false
  let unicodeDigits = 0
  let unicodeValue = 0
  let numberText = ''
  let literal = ''
  let literalValue: unknown = null
  let literalIndex = 0
  let root: unknown = undefined
  let rootDone = false
  /** An open string value stays shown after a failure: what arrived of it is still true. */
  let showOpenString = false
  let changed = false
  let current: unknown = undefined
  let error: PartialJsonError | undefined

  function fail(position: number, message: string, kind: PartialJsonErrorKind = 'syntax') {
    error = new PartialJsonError(kind, message, position)
    showOpenString = (mode === STRING || mode === ESCAPE || mode === UNICODE) && !stringIsKey
    mode = FAILED
  }

  function unexpected(i: number, expected: string): number {
    fail(offset + i, `Unexpected ${describeChar(text.charCodeAt(i))} at character ${offset + i}: expected ${expected}`)
    return i
  }

  function openValueKind(): string | undefined {
    if (mode === STRING || mode === ESCAPE || mode === UNICODE) return stringIsKey ? 'a key' : 'a string'
    return mode === LITERAL ? `'${literal}'` : undefined
  }

  function top(): OpenContainer {
    return stack[stack.length - 1]!
  }

  /** The open string is a visible value: its container (if any) needs a new snapshot. */
  function touchOpenString() {
    changed = true
    if (stack.length > 0) top().dirty = true
  }

  function completeValue(value: unknown) {
    changed = true
    if (stack.length === 0) {
      root = value
      rootDone = true
      mode = END
      return
    }
    addChild(top(), value)
    mode = AFTER
  }

  function push(array: boolean, i: number) {
    if (stack.length >= maxDepth) {
      fail(offset + i, `Nesting deeper than ${maxDepth} levels at character ${offset + i}`, 'depth')
      return
    }
    stack.push(openContainer(array))
    changed = true
    mode = array ? VALUE : KEY
    closeAllowed = true
  }

  function close() {
    completeValue(closeContainer(stack.pop()!))
  }

  function startValue(c: number, i: number): number {
    started = true
    closeAllowed = false
    switch (c) {
      case 0x7b: // {
      case 0x5b: // [
        push(c === 0x5b, i)
        return i + 1
      case 0x22: // "
        startString(false)
        touchOpenString()
        return i + 1
      default:
        if (LITERALS[c] !== undefined) {
          mode = LITERAL
          ;[literal, literalValue] = LITERALS[c]
          literalIndex = 1
          return i + 1
        }
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
          mode = NUMBER
          numberText = ''
          return i
        }
        return unexpected(i, 'a value')
    }
  }

  function startString(key: boolean) {
    mode = STRING
    stringIsKey = key
    str = ''
  }

  /** One structural character (whitespace is skipped first). */
  function structural(i: number): number {
    const n = text.length
    let c = text.charCodeAt(i)
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      if (++i >= n) return i
      c = text.charCodeAt(i)
    }
    switch (mode) {
      case VALUE:
        if (c === 0x5d && closeAllowed) {
          close()
          return i + 1
        }
        return startValue(c, i)
      case KEY:
        if (c === 0x22) {
          startString(true)
          closeAllowed = false
          return i + 1
        }
        if (c === 0x7d && closeAllowed) {
          close()
          return i + 1
        }
        return unexpected(i, closeAllowed ? `'"' or '}'` : `'"' (a key)`)
      case COLON:
        if (c === 0x3a) {
          mode = VALUE
          return i + 1
        }
        return unexpected(i, `':'`)
      case AFTER: {
        const array = top().array
        if (c === 0x2c) {
          mode = array ? VALUE : KEY
          return i + 1
        }
        if (c === (array ? 0x5d : 0x7d)) {
          close()
          return i + 1
        }
        return unexpected(i, array ? `',' or ']'` : `',' or '}'`)
      }
      default: // END
        fail(offset + i, `Unexpected ${describeChar(c)} at character ${offset + i}: the JSON value is already complete`)
        return i
    }
  }

  function scanString(i: number): number {
    const n = text.length
    STRING_SPECIAL.lastIndex = i
    const match = STRING_SPECIAL.exec(text)
    const j = match === null ? n : match.index
    if (j > i) {
      str += text.slice(i, j)
      if (!stringIsKey) touchOpenString()
    }
    if (j === n) return n
    const c = text.charCodeAt(j)
    if (c === 0x5c) {
      mode = ESCAPE
      return j + 1
    }
    if (c !== 0x22) {
      return unexpected(j, 'the string to go on (control characters must be escaped)')
    }
    if (stringIsKey) {
      top().key = str
      mode = COLON
    } else completeValue(str)
    str = ''
    return j + 1
  }

  function scanEscape(i: number): number {
    const c = text.charCodeAt(i)
    if (c === 0x75) {
      mode = UNICODE
      unicodeDigits = 0
      unicodeValue = 0
      return i + 1
    }
    const char = ESCAPES[c]
    if (char === undefined) {
      return unexpected(i, 'an escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)')
    }
    appendChar(char)
    return i + 1
  }

  function scanUnicode(i: number): number {
    const n = text.length
    while (i < n && unicodeDigits < 4) {
      const digit = hexValue(text.charCodeAt(i))
      if (digit < 0) {
        return unexpected(i, 'a hex digit of a \\u escape')
      }
      unicodeValue = unicodeValue * 16 + digit
      unicodeDigits++
      i++
    }
    // A surrogate pair arrives as two escapes; appending each half rebuilds the pair.
    if (unicodeDigits === 4) appendChar(String.fromCharCode(unicodeValue))
    return i
  }

  function appendChar(char: string) {
    str += char
    mode = STRING
    if (!stringIsKey) touchOpenString()
  }

  function scanNumber(i: number): number {
    const n = text.length
    let j = i
    while (j < n && isNumberChar(text.charCodeAt(j))) j++
    numberText += text.slice(i, j)
    if (j < n) finishNumber(offset + j)
    return j
  }

  function finishNumber(end: number) {
    if (!NUMBER_SYNTAX.test(numberText)) {
      const start = end - numberText.length
      const shown = numberText.length > 24 ? `${numberText.slice(0, 24)}…` : numberText
      fail(start, `Invalid number '${shown}' at character ${start}`)
      return
    }
    completeValue(Number(numberText))
    numberText = ''
  }

  function scanLiteral(i: number): number {
    const n = text.length
    while (i < n && literalIndex < literal.length) {
      if (text.charCodeAt(i) !== literal.charCodeAt(literalIndex)) {
        return unexpected(i, `'${literal}'`)
      }
      i++
      literalIndex++
    }
    if (literalIndex === literal.length) completeValue(literalValue)
    return i
  }

  return {
    append(chunk) {
      if (mode === FAILED || chunk.length === 0) return
      text = chunk
      const n = chunk.length
      let i = 0
      while (i < n && mode !== FAILED) {
        if (mode === STRING) i = scanString(i)
        else if (mode === ESCAPE) i = scanEscape(i)
        else if (mode === UNICODE) i = scanUnicode(i)
        else if (mode === NUMBER) i = scanNumber(i)
        else if (mode === LITERAL) i = scanLiteral(i)
        else i = structural(i)
      }
      offset += n
      text = ''
    },
    value() {
      if (!changed) return current
      changed = false
      const openString = mode === FAILED ? showOpenString : (mode === STRING || mode === ESCAPE || mode === UNICODE) && !stringIsKey
      if (stack.length === 0) {
        if (rootDone) current = root
        else if (openString) current = str
        return current
      }
      current = snapshotStack(stack, openString ? str : NO_CHILD)
      return current
    },
    end() {
      if (mode === FAILED || mode === END) return
      if (mode === NUMBER) finishNumber(offset)
      // finishNumber moved the mode on: to END (a top-level number) or FAILED, or into a container.
      if ((mode as number) === END || (mode as number) === FAILED) return
      fail(
        offset,
        started ? `The JSON text ended early (${describeOpenValue(openValueKind(), stack.length, stack.at(-1)?.array)})` : 'The text ended before any JSON value began',
        'incomplete',
      )
    },
    get error() { return error },
    get complete() { return rootDone },
    get length() { return offset },
  }
}
